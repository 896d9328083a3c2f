// Unit tests of the SIMULATED DolphinDB operator: desired state (CR -> children).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { V1StatefulSet } from '@kubernetes/client-node';
import { ANNOTATION_APPLIED_HASH, ANNOTATION_CONFIG_HASH } from './constants.js';
import { configHash, desiredState, type DesiredInput } from './desired.js';
import { dialectFor, simModeFromEnv } from './dialect.js';
import type { SimSpec } from './spec.js';
import { cr, loadExample, specOf } from './testutil.js';

function input(name: string, spec: SimSpec, over: Partial<DesiredInput> = {}): DesiredInput {
  return {
    name,
    namespace: 'dolphindb',
    uid: `uid-${name}`,
    spec,
    license: 'LIC',
    leaderIndex: 0,
    suiteVersion: 'v1.1.7',
    serviceType: 'NodePort',
    ...over,
  };
}
const names = (l: Array<{ metadata?: { name?: string } }>): string[] => l.map((o) => o.metadata?.name ?? '');
const containerNames = (s: V1StatefulSet): string[] => (s.spec?.template.spec?.containers ?? []).map((c) => c.name);

describe('desiredState', () => {
  it('standalone: one dn StatefulSet, dn Service, ConfigMap', () => {
    const d = desiredState(input('solo', specOf(loadExample('valid/01-standalone.yaml'))));
    assert.deepEqual(names(d.statefulSets), ['ddb-solo-dn-0']);
    assert.deepEqual(names(d.services), ['ddb-solo-dn']);
    assert.deepEqual(d.deployments, []);
    assert.equal(d.configMap.metadata?.name, 'ddb-solo');
    assert.deepEqual(Object.keys(d.configMap.data ?? {}).sort(), ['agent.cnf', 'cluster.cnf', 'controller.cnf', 'datanode.cnf']);
    assert.equal(d.configMap.data?.['license.lic'], undefined, 'license is never part of the applied ConfigMap');
    const sts = d.statefulSets[0];
    assert.equal(sts.spec?.replicas, 1);
    assert.deepEqual(containerNames(sts), ['dolphindb', 'exporter', 'cleaner', 'promtail']);
    assert.deepEqual(
      (sts.spec?.template.spec?.initContainers ?? []).map((c) => c.name),
      ['config-loader'],
    );
    const ddb = sts.spec?.template.spec?.containers[0];
    assert.equal(ddb?.image, 'dolphindb/dolphindb:v2.00.16');
    assert.equal(ddb?.ports?.[0].containerPort, 32210);
    assert.deepEqual(ddb?.resources?.limits, { cpu: '2', memory: '12Gi' });
    assert.deepEqual(
      sts.spec?.volumeClaimTemplates?.map((v) => [
        v.metadata?.name,
        v.spec?.resources?.requests?.storage,
        v.spec?.storageClassName,
      ]),
      [
        ['data', '10Gi', 'local-path'],
        ['log', '1Gi', 'local-path'],
        ['core', '1Gi', 'local-path'],
      ],
    );
    const labels = sts.spec?.template.metadata?.labels ?? {};
    assert.equal(labels['dolphindb.io/dolphindb.name'], 'solo');
    assert.equal(labels['dolphindb.io/dolphindb.crd'], 'dolphindb');
    assert.equal(labels['dolphindb.io/dolphindb.mode'], 'standalone');
    assert.equal(labels['dolphindb.io/dolphindb.cluster.type'], undefined);
    assert.equal(labels['dolphindb.io/dolphindb.version'], 'v2.00.16');
    assert.equal(labels['dolphindb.io/component.type'], 'Datanode');
    assert.equal(labels['dolphindb.io/instance'], 'ddb-solo-dn-0');
    assert.equal(sts.spec?.template.metadata?.annotations?.['prometheus.io/scrape'], 'true');
    assert.equal(sts.spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH], d.configHash);
    for (const o of [...d.statefulSets, ...d.services, d.configMap]) {
      assert.deepEqual(o.metadata?.ownerReferences, [
        {
          apiVersion: 'dolphindb.dolphindb.io/v1',
          kind: 'DolphinDB',
          name: 'solo',
          uid: 'uid-solo',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      assert.ok(o.metadata?.annotations?.[ANNOTATION_APPLIED_HASH]);
    }
    assert.deepEqual(
      d.services[0].spec?.ports?.map((p) => p.port),
      [32210, 8000],
    );
    assert.equal(d.services[0].spec?.type, 'NodePort');
  });

  it('singlecontroller: ctr/dn/cn StatefulSets and four role Services, ctr Service follows the leader', () => {
    const spec = specOf(loadExample('valid/02-singlecontroller.yaml'));
    const d = desiredState(input('sc1', spec));
    assert.deepEqual(names(d.statefulSets), ['ddb-sc1-ctr-0', 'ddb-sc1-dn-0', 'ddb-sc1-dn-1', 'ddb-sc1-cn-0']);
    assert.deepEqual(names(d.services).sort(), ['ddb-sc1-cn', 'ddb-sc1-ctr', 'ddb-sc1-ctr-inner', 'ddb-sc1-dn']);
    assert.deepEqual(d.deployments, []);
    const ctr = d.services.find((s) => s.metadata?.name === 'ddb-sc1-ctr');
    assert.deepEqual(ctr?.spec?.selector, { 'dolphindb.io/dolphindb.name': 'sc1', 'dolphindb.io/instance': 'ddb-sc1-ctr-0' });
    assert.deepEqual(
      ctr?.spec?.ports?.map((p) => p.port),
      [31210],
    );
    assert.equal(d.services.find((s) => s.metadata?.name === 'ddb-sc1-ctr-inner')?.spec?.type, 'ClusterIP');
    assert.equal(d.statefulSets[0].metadata?.labels?.['dolphindb.io/dolphindb.cluster.type'], 'singlecontroller');
    assert.equal(d.statefulSets[3].metadata?.labels?.['dolphindb.io/component.type'], 'Computenode');
  });

  it('multicontroller: svc-mgr Deployment; leader moves the ctr Service', () => {
    const spec = specOf(loadExample('valid/03-multicontroller-ha-3ctr-3dn.yaml'));
    const d = desiredState(input('ha', spec, { leaderIndex: 2 }));
    assert.deepEqual(names(d.deployments), ['ddb-ha-svc-mgr']);
    assert.equal(d.deployments[0].spec?.replicas, 1);
    assert.equal(names(d.statefulSets).length, 6);
    assert.equal(
      d.services.find((s) => s.metadata?.name === 'ddb-ha-ctr')?.spec?.selector?.['dolphindb.io/instance'],
      'ddb-ha-ctr-2',
    );
    assert.equal(
      d.services.find((s) => s.metadata?.name === 'ddb-ha-cn'),
      undefined,
      'no computenodes, no cn Service',
    );
  });

  it('per-instance Services, extra volumes and a paused instance', () => {
    const d = desiredState(input('lake', specOf(loadExample('valid/04-instance-services-and-volumes.yaml'))));
    for (const n of ['ddb-lake-dn-0', 'ddb-lake-dn-1', 'ddb-lake-dn-2']) {
      const s = d.services.find((x) => x.metadata?.name === n);
      assert.equal(s?.spec?.type, 'NodePort');
      assert.deepEqual(
        s?.spec?.ports?.map((p) => p.port),
        [32210],
      );
      assert.equal(s?.spec?.selector?.['dolphindb.io/instance'], n);
    }
    const byName = new Map(d.statefulSets.map((s) => [s.metadata?.name, s]));
    assert.equal(byName.get('ddb-lake-cn-1')?.spec?.replicas, 0);
    assert.equal(byName.get('ddb-lake-cn-0')?.spec?.replicas, 1);
    const vols = (n: string) => (byName.get(n)?.spec?.template.spec?.volumes ?? []).map((v) => v.name);
    const mounts = (n: string) => (byName.get(n)?.spec?.template.spec?.containers[0].volumeMounts ?? []).map((v) => v.name);
    assert.ok(vols('ddb-lake-dn-0').includes('dn0-scratch') && vols('ddb-lake-dn-0').includes('plugins'));
    assert.ok(!vols('ddb-lake-dn-1').includes('dn0-scratch') && vols('ddb-lake-dn-1').includes('shared-input'));
    assert.ok(mounts('ddb-lake-dn-0').includes('dn0-scratch'));
    assert.ok(!vols('ddb-lake-ctr-0').includes('plugins'));
  });

  it('all options: customMeta, nodeAffinity, disableCoreDump, minPersistentVolumeSize, config maps', () => {
    const d = desiredState(input('prod-a', specOf(loadExample('valid/05-all-options.yaml'))));
    const sts = d.statefulSets[0];
    assert.deepEqual(
      sts.spec?.volumeClaimTemplates?.map((v) => v.metadata?.name),
      ['data', 'log'],
    );
    assert.ok(!sts.spec?.template.spec?.containers[0].volumeMounts?.some((m) => m.name === 'core'));
    const dn = d.statefulSets.find((s) => s.metadata?.name === 'ddb-prod-a-dn-0');
    assert.deepEqual(
      dn?.spec?.volumeClaimTemplates?.map((v) => v.spec?.resources?.requests?.storage),
      ['200Gi', '20Gi'],
    );
    assert.equal(sts.spec?.volumeClaimTemplates?.[0].spec?.storageClassName, 'alicloud-disk-essd');
    assert.equal(sts.spec?.volumeClaimTemplates?.[0].metadata?.labels?.retention, 'long');
    assert.equal(sts.metadata?.labels?.['cost-center'], '4711');
    assert.equal(sts.metadata?.annotations?.owner, 'quant-platform');
    assert.equal(sts.spec?.template.metadata?.labels?.tier, 'database');
    assert.equal(sts.spec?.template.metadata?.labels?.['cost-center'], '4711');
    assert.equal(sts.spec?.template.metadata?.annotations?.['backup.example.com/enabled'], 'true');
    assert.ok(sts.spec?.template.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const svc = d.services[0];
    assert.equal(svc.metadata?.labels?.expose, 'internal');
    assert.equal(svc.metadata?.labels?.['cost-center'], '4711');
    assert.equal(svc.metadata?.annotations?.['service.beta.kubernetes.io/alicloud-loadbalancer-address-type'], 'intranet');
    assert.equal(d.configMap.data?.['cluster.cnf'], '{"OLAPCacheEngineSize":"2","TSDBCacheEngineSize":"2","maxMemSize":"28"}');
    assert.equal(d.configMap.data?.['controller.cnf'], '{"dfsRecoveryWaitTime":"30000","dfsReplicationFactor":"2"}');
    assert.equal(d.configMap.data?.['datanode.cnf'], '{"maxMemSize":"28","workerNum":"8"}');
    const env = sts.spec?.template.spec?.containers[0].env ?? [];
    assert.ok(env.some((e) => e.name === 'DDB_DOMAIN_SUFFIX' && e.value === 'svc.corp.internal'));
    assert.ok(env.some((e) => e.name === 'DDB_LICENSE_SERVER' && e.value === '10.20.0.15:29999'));
  });

  it('disableExporter / disablePromtail drop the sidecars', () => {
    const spec = specOf(cr('x', { version: 'v2.00.16', disableExporter: true, disablePromtail: true, datanode: {} }));
    const sts = desiredState(input('x', spec)).statefulSets[0];
    assert.deepEqual(containerNames(sts), ['dolphindb', 'cleaner']);
    assert.equal(sts.spec?.template.metadata?.annotations?.['prometheus.io/port'], undefined);
  });

  it('config hash: version and config change it; replicas and resources do not', () => {
    const base = {
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.14',
      controller: { replicas: 1 },
      datanode: { replicas: 2, config: { workerNum: '4' } },
    };
    const h = (s: Record<string, unknown>) => configHash(specOf(cr('x', s)));
    const h0 = h(base);
    assert.notEqual(h({ ...base, version: 'v2.00.16' }), h0);
    assert.notEqual(h({ ...base, datanode: { replicas: 2, config: { workerNum: '8' } } }), h0);
    assert.equal(h({ ...base, datanode: { replicas: 3, config: { workerNum: '4' } } }), h0);
    assert.equal(h({ ...base, datanode: { replicas: 2, config: { workerNum: '4' }, resources: { limits: { cpu: '2' } } } }), h0);
  });

  it('is deterministic (same input, same objects and hashes)', () => {
    const spec = specOf(loadExample('valid/05-all-options.yaml'));
    assert.deepEqual(desiredState(input('p', spec)), desiredState(input('p', spec)));
    const a = desiredState(input('p', spec)).statefulSets[0].metadata?.annotations?.[ANNOTATION_APPLIED_HASH];
    // A license edit restarts nothing: restarting is the user's manual step (docs/domain.md §5.2).
    const b = desiredState(input('p', spec, { license: 'new' })).statefulSets[0].metadata?.annotations?.[ANNOTATION_APPLIED_HASH];
    assert.equal(a, b);
    const c = desiredState(input('p', { ...spec, version: 'v9.99.99' })).statefulSets[0].metadata?.annotations?.[
      ANNOTATION_APPLIED_HASH
    ];
    assert.notEqual(a, c);
  });

  it('strict dialect: only the ConfigMap carries the dolphindb.io labels; other container and port names', () => {
    const spec = specOf(
      cr('x', {
        mode: 'cluster',
        clusterType: 'singlecontroller',
        version: 'v2.00.16',
        controller: { replicas: 1 },
        datanode: { replicas: 1 },
      }),
    );
    const d = desiredState(input('x', spec, { dialect: dialectFor('strict') }));
    assert.equal(d.configMap.metadata?.labels?.['dolphindb.io/dolphindb.name'], 'x');
    assert.equal(d.configMap.metadata?.labels?.['dolphindb.io/dolphindb.cluster.type'], 'singlecontroller');
    const others = [
      ...d.statefulSets,
      ...d.services,
      ...d.statefulSets.map((s) => ({ metadata: s.spec?.template.metadata })),
      ...d.statefulSets.flatMap((s) => s.spec?.volumeClaimTemplates ?? []),
    ];
    for (const o of others)
      assert.ok(
        !Object.keys(o.metadata?.labels ?? {}).some((k) => k.startsWith('dolphindb.io/')),
        JSON.stringify(o.metadata?.labels),
      );
    assert.ok(!Object.keys(d.statefulSets[0].spec?.selector.matchLabels ?? {}).some((k) => k.startsWith('dolphindb.io/')));
    const dn = d.statefulSets.find((s) => s.metadata?.name === 'ddb-x-dn-0');
    assert.deepEqual(dn && containerNames(dn), ['datanode', 'metrics', 'log-cleaner', 'log-shipper']);
    assert.deepEqual(
      dn?.spec?.template.spec?.containers[0].ports?.map((p) => p.name),
      ['server', 'stream'],
    );
    assert.deepEqual(
      d.services.find((s) => s.metadata?.name === 'ddb-x-dn')?.spec?.ports?.map((p) => p.name),
      ['tcp-server', 'tcp-stream'],
    );
    // The inferred dialect is unchanged.
    const inferred = desiredState(input('x', spec)).statefulSets.find((s) => s.metadata?.name === 'ddb-x-dn-0');
    assert.deepEqual(inferred && containerNames(inferred), ['dolphindb', 'exporter', 'cleaner', 'promtail']);
  });

  it('DDB_SIM_MODE selects the dialect and refuses unknown values', () => {
    assert.equal(simModeFromEnv({}), 'inferred');
    assert.equal(simModeFromEnv({ DDB_SIM_MODE: 'strict' }), 'strict');
    assert.throws(() => simModeFromEnv({ DDB_SIM_MODE: 'Strict' }), /must be "strict" or "inferred"/);
  });

  it('instance Service honours type; computenode Service only when replicas > 0', () => {
    const spec = specOf(
      cr('x', {
        mode: 'cluster',
        clusterType: 'singlecontroller',
        version: 'v2.00.16',
        controller: { replicas: 1, instances: { 0: { service: { type: 'LoadBalancer' } } } },
        datanode: { replicas: 1 },
        computenode: { replicas: 0 },
      }),
    );
    const d = desiredState(input('x', spec));
    assert.equal(d.services.find((s) => s.metadata?.name === 'ddb-x-ctr-0')?.spec?.type, 'LoadBalancer');
    assert.ok(!names(d.services).includes('ddb-x-cn'));
  });
});
