// workloadPods against the real control plane: the pods of a Deployment and a StatefulSet are
// found through the workload's own selector (as the suite's component Logs action needs), pods
// with other labels in the same namespace are not, and a missing workload is a notFound failure.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { KINDS } from '../../src/core/k8s/resources';
import { workloadPods } from '../../src/core/k8s/workloadPods';
import { adminHttp, apply, ensureNamespace, list, remove, waitFor } from './lib';

const NS = `wl-pods-${crypto.randomBytes(3).toString('hex')}`;
const http = adminHttp();
const container = { name: 'main', image: 'example.invalid/app:1' };

describe('workloadPods (real API server)', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: NS },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
        template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [container] } },
      },
    });
    await apply(http, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'store', namespace: NS },
      spec: {
        replicas: 1,
        serviceName: 'store',
        selector: { matchLabels: { app: 'store' } },
        template: { metadata: { labels: { app: 'store' } }, spec: { containers: [container] } },
      },
    });
    // Same app label, not selected by the Deployment's expression: must not be counted.
    await apply(http, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: NS, labels: { app: 'web', tier: 'back' } },
      spec: { containers: [container] },
    });
    await waitFor('3 workload pods and the stray one', async () => (await list(http, KINDS.pod, NS)).length === 4, 60_000, 300);
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('finds the Deployment pods by its selector, not the stray pod with the same app label', async () => {
    const r = await workloadPods(http, { namespace: NS, kind: 'deployment', name: 'web' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.length, 2);
    assert.ok(
      r.value.every((p) => p.metadata.name.startsWith('web-')),
      r.value.map((p) => p.metadata.name).join(),
    );
  });

  it('finds the StatefulSet pod', async () => {
    const r = await workloadPods(http, { namespace: NS, kind: 'statefulset', name: 'store' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.value.map((p) => p.metadata.name),
      ['store-0'],
    );
  });

  it('reports a missing workload as notFound', async () => {
    const r = await workloadPods(http, { namespace: NS, kind: 'daemonset', name: 'nope' });
    assert.equal(!r.ok && r.error.kind, 'notFound');
  });
});
