// The suite's node in the explorer: found by the env-config ConfigMap, version from the
// operator's image, each component with ready/desired and health, from real workloads that
// KWOK runs.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import { KINDS } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, loadGroundConfig, remove, waitFor } from './lib';

const NS = 'explorer-suite';
const http = adminHttp();
let ex: Explorer;

function workload(
  kind: 'StatefulSet' | 'Deployment',
  name: string,
  image: string,
  opts: { replicas?: number; unschedulable?: boolean } = {},
) {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: NS },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: labels },
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'main', image }],
          ...(opts.unschedulable ? { nodeSelector: { 'no-such-node': 'true' } } : {}),
        },
      },
    },
  };
}

describe('explorer: the DolphinDB suite', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-env-config', namespace: NS, labels: { 'dolphindb.io/component.config': 'config' } },
      data: { 'env-config': 'dolphindb:\n  versions:\n    - version: v2.00.16\n' },
    });
    await apply(
      http,
      workload('StatefulSet', 'dolphindb-operator', 'dolphindb/dolphindb-operator:v1.1.7', { replicas: 2 }) as never,
    );
    await apply(http, workload('Deployment', 'dolphindb-mgr-grafana', 'dolphindb/grafana:8.3.4') as never);
    await apply(
      http,
      workload('Deployment', 'dolphindb-mgr-prometheus-server', 'dolphindb/prometheus:v2.31.1', { unschedulable: true }) as never,
    );
    ex = new Explorer(loadGroundConfig(), { debounceMs: 10 });
  });
  after(async () => {
    ex?.dispose();
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('shows the suite with its version and a degraded health when a component is down', async () => {
    assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
    const suite = await waitFor(
      'suite node with the operator ready',
      () => {
        const n = ex.children(ex.roots()[0]).find((k) => k.kind === 'suite' && (k.description ?? '').includes(NS));
        if (!n) return undefined;
        const comps = ex.children(n);
        const op = comps.find((c) => c.label === 'Operator');
        return op && /^2\/2/.test(op.description ?? '') ? n : undefined;
      },
      60000,
    );
    assert.match(suite.description ?? '', /dolphindb-mgr v1\.1\.7/);
    assert.match(suite.description ?? '', /degraded/);
    const comps = ex.children(suite);
    assert.deepEqual(comps.map((c) => c.label).sort(), ['Grafana', 'Operator', 'Prometheus']);
    const prom = comps.find((c) => c.label === 'Prometheus');
    assert.match(prom?.description ?? '', /^0\/1/);
    assert.equal(prom?.tone, 'error');
    const graf = comps.find((c) => c.label === 'Grafana');
    assert.equal(graf?.tone, 'ok');
  });
});
