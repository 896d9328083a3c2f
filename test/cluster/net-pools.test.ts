// Watches must not starve ordinary requests. A user restricted to a few namespaces has about seven
// watches per namespace open; with one pool of 16 sockets shared by watches and requests, three
// namespaces held every socket and requests queued into their timeout. Here four namespaces
// with seven watched kinds each (28 watches) stay open while requests must answer in time.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { REQUEST_SOCKETS } from '../../src/core/k8s/agents';
import { KubeHttp } from '../../src/core/k8s/http';
import { InformerHub } from '../../src/core/k8s/hub';
import { KINDS, collectionPath, type KubeObject } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, remove, waitFor } from './lib';
import { configFor } from './net/configs';

const NAMESPACES = ['net-pools-a', 'net-pools-b', 'net-pools-c', 'net-pools-d'];
const WATCHED = [KINDS.dolphindb, KINDS.pod, KINDS.service, KINDS.pvc, KINDS.configmap, KINDS.statefulset, KINDS.event];
const REQUEST_TIMEOUT_MS = 5000;
const admin = adminHttp();

describe('separate pools for watches and requests', () => {
  before(async () => {
    for (const ns of NAMESPACES) await ensureNamespace(admin, ns);
  });
  after(async () => {
    for (const ns of NAMESPACES) await remove(admin, KINDS.namespace, ns);
    admin.dispose();
  });

  it(`answers requests within ${REQUEST_TIMEOUT_MS / 1000} s while ${NAMESPACES.length * WATCHED.length} watches are open`, async () => {
    assert.ok(
      NAMESPACES.length * WATCHED.length > REQUEST_SOCKETS,
      'more watches than request sockets, or the test proves nothing',
    );
    const http = new KubeHttp(configFor({}), REQUEST_TIMEOUT_MS);
    const hub = new InformerHub(http, { requestTimeoutMs: REQUEST_TIMEOUT_MS, watchTimeoutSeconds: [300, 300] });
    try {
      const leases = NAMESPACES.flatMap((namespace) => WATCHED.map((kind) => hub.acquire<KubeObject>(kind, { namespace })));
      await Promise.all(leases.map((l) => l.cache.waitForSync()));
      // Every watch is really open: a change in each namespace reaches its ConfigMap cache.
      for (const ns of NAMESPACES)
        await apply(admin, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe', namespace: ns }, data: { a: '1' } });
      const cms = leases.filter((l) => l.cache.kind === KINDS.configmap);
      await waitFor(
        'every namespace’s watch to deliver its probe',
        () => cms.every((l) => l.cache.list().some((o) => o.metadata.name === 'probe')),
        20000,
      );
      assert.equal(hub.watchCount, NAMESPACES.length * WATCHED.length);

      // Now the requests, more than the request pool has sockets, all at once.
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: REQUEST_SOCKETS + 4 }, (_, i) =>
          http.request(collectionPath(KINDS.configmap, NAMESPACES[i % NAMESPACES.length]), { operation: `request ${i}` }),
        ),
      );
      const failed = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : `${r.error.kind}: ${r.error.reason}`));
      assert.deepEqual(failed, [], 'every request answered');
      assert.ok(Date.now() - started < REQUEST_TIMEOUT_MS, `answered in ${Date.now() - started} ms`);
      for (const l of leases) assert.equal(l.cache.state.state, 'synced', `${l.cache.kind.plural} stayed synced`);
      for (const l of leases) l.release();
    } finally {
      hub.dispose();
    }
  });
});
