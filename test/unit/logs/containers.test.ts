import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { imageRepository, pickDolphinDBContainer, unknownContainerFailure } from '../../../src/core/logs/containers';
import { chooseServerLogFile, serverLogDir, serverLogPlan } from '../../../src/core/logs/serverLogPlan';

const pod = (containers: { name: string; image: string }[], init: { name: string; image: string }[] = []) => ({
  metadata: { name: 'ddb-x-dn-0-0', namespace: 'ns' },
  spec: { containers, initContainers: init },
});

describe('pickDolphinDBContainer', () => {
  it('prefers the image repository ending in /dolphindb, whatever the container is called', () => {
    const p = pod([
      { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
      { name: 'main', image: 'registry.local:5000/dolphindb/dolphindb:v2.00.16' },
      { name: 'promtail', image: 'dolphindb/promtail:2.4.1' },
    ]);
    assert.equal(pickDolphinDBContainer(p), 'main');
  });
  it('falls back to the container that is not a known sidecar', () => {
    const p = pod([
      { name: 'cleaner', image: 'mirror/cleaner:1' },
      { name: 'server', image: 'mirror/ddb-custom:2' },
      { name: 'promtail', image: 'grafana/promtail:2' },
    ]);
    assert.equal(pickDolphinDBContainer(p), 'server');
  });
  it('without a DolphinDB image, takes a container named after the product or a role', () => {
    const p = pod([
      { name: 'metrics', image: 'mirror/metrics:1' },
      { name: 'datanode', image: 'mirror/ddb-custom:2' },
      { name: 'log-shipper', image: 'mirror/ship:2' },
    ]);
    assert.equal(pickDolphinDBContainer(p), 'datanode');
  });
  it('gives up when only sidecars are there', () => {
    assert.equal(
      pickDolphinDBContainer(
        pod([
          { name: 'exporter', image: 'x/dolphindb-exporter:1' },
          { name: 'cleaner', image: 'x/dolphindb-cleaner:1' },
        ]),
      ),
      undefined,
    );
  });
  it('strips tag and digest from an image, not a registry port', () => {
    assert.equal(imageRepository('reg:5000/dolphindb/dolphindb:v2@sha256:abc'), 'reg:5000/dolphindb/dolphindb');
    assert.equal(imageRepository('reg:5000/dolphindb/dolphindb'), 'reg:5000/dolphindb/dolphindb');
  });
  it('names the containers a pod has when the requested one does not exist', () => {
    const p = pod(
      [
        { name: 'dolphindb', image: 'dolphindb/dolphindb:v2' },
        { name: 'exporter', image: 'e' },
      ],
      [{ name: 'config-loader', image: 'c' }],
    );
    const f = unknownContainerFailure('ns', 'ddb-x-dn-0-0', 'ddb', p);
    assert.equal(f.kind, 'invalid');
    assert.match(f.reason, /no container named "ddb"/);
    assert.match(f.reason, /dolphindb, exporter \(init containers: config-loader\)/);
  });
});

describe('serverLogPlan (logMode)', () => {
  const p = {
    metadata: { name: 'ddb-x-dn-0-0', namespace: 'ns' },
    spec: {
      containers: [
        {
          name: 'dolphindb',
          image: 'dolphindb/dolphindb:v2',
          volumeMounts: [{ name: 'log', mountPath: '/data/ddb/server/clusterDemo/log' }],
        },
      ],
    },
  };
  it('reads the console for logMode 1 and 2', () => {
    for (const logMode of [1, 2]) assert.equal(serverLogPlan({ spec: { mode: 'cluster', logMode } }, p)?.kind, 'stdout');
  });
  it('reads the file for logMode 0, from the log mount, and mentions Loki when the suite has it', () => {
    const plan = serverLogPlan({ spec: { mode: 'cluster', logMode: 0 } }, p, {
      namespace: 'dolphindb',
      loki: true,
      grafana: true,
    });
    assert.equal(plan?.kind, 'file');
    if (plan?.kind !== 'file') return;
    assert.equal(plan.logDir, '/data/ddb/server/clusterDemo/log');
    assert.equal(plan.lokiQuery, '{pod_namespace="ns", pod_name="ddb-x-dn-0-0"}');
    assert.match(plan.explanation, /Grafana/);
    assert.match(plan.explanation, /logMode is 0/);
  });
  it('says Loki sees nothing when promtail is disabled', () => {
    const plan = serverLogPlan({ spec: { logMode: 0, disablePromtail: true } }, p, {
      namespace: 'd',
      loki: true,
      grafana: false,
    });
    assert.equal(plan?.kind === 'file' ? plan.lokiQuery : 'x', undefined);
    assert.match(plan?.explanation ?? '', /disablePromtail/);
  });
  it('uses the documented directories when the pod has no log mount', () => {
    const bare = { metadata: { name: 'p' }, spec: { containers: [{ name: 'dolphindb', image: 'dolphindb/dolphindb:v2' }] } };
    assert.equal(serverLogDir({ spec: { mode: 'cluster' } }, bare, 'dolphindb'), '/data/ddb/server/clusterDemo/log');
    assert.equal(serverLogDir({ spec: { mode: 'standalone' } }, bare, 'dolphindb'), '/data/ddb/server/log');
  });
  it('treats an unset logMode as file-based, saying the default is undocumented', () => {
    const plan = serverLogPlan({ spec: {} }, p);
    assert.equal(plan?.kind, 'file');
    assert.match(plan?.explanation ?? '', /not set/);
  });
});

describe('chooseServerLogFile', () => {
  const entries = [
    'controller_job.log',
    'controller.log',
    'dnode1_job.log',
    'dnode1.log',
    'dnode1.log.1',
    'positions.yaml',
    'ddb.out',
  ];
  it("picks the role's server log, never a job log", () => {
    assert.equal(chooseServerLogFile(entries, 'ctr', false), 'controller.log');
    assert.equal(chooseServerLogFile(entries, 'dn', false), 'dnode1.log');
    assert.equal(chooseServerLogFile(['local8848_standalone.log', 'x.log'], undefined, true), 'local8848_standalone.log');
  });
  it('falls back to any .log, then a .out file, then nothing', () => {
    assert.equal(chooseServerLogFile(['server.log', 'a_job.log'], 'cn', false), 'server.log');
    assert.equal(chooseServerLogFile(['ddb.out'], 'dn', false), 'ddb.out');
    assert.equal(chooseServerLogFile([], 'dn', false), undefined);
  });
});
