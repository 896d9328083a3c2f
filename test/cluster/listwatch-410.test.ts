// A watch that resumes from a compacted resourceVersion gets `410 Gone`; the cache must relist
// and carry on by itself. Compaction is real: etcd's own API, then an API server restart makes
// the watch resume from the old version.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { ListWatch } from '../../src/core/k8s/listWatch';
import { KINDS } from '../../src/core/k8s/resources';
import { readState, restartComponent } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, remove, waitFor } from './lib';

const NS = 'listwatch-410';
const groundDir = process.env.DDB_GROUND_DIR as string;
const http = adminHttp();

async function etcd(path: string, body: unknown): Promise<Record<string, unknown>> {
  const st = readState(groundDir);
  const r = await fetch(`http://127.0.0.1:${st.ports.etcdClient}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await r.text();
  assert.equal(r.status, 200, `${path}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('list+watch cache and 410 Gone', () => {
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('relists after etcd compaction and keeps the objects right', async () => {
    await ensureNamespace(http, NS);
    await apply(http, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before', namespace: NS }, data: { a: '1' } });
    const lw = new ListWatch(http, KINDS.configmap, { namespace: NS, minBackoffMs: 200 });
    let resyncs = 0;
    lw.onChange((cs) => cs.forEach((c) => c.type === 'resync' && resyncs++));
    lw.start();
    await lw.waitForSync();
    assert.equal(resyncs, 1);
    assert.ok(lw.get('before', NS));
    // Move etcd's revision well past the cache's, then compact everything before it.
    for (let i = 0; i < 5; i++)
      await apply(http, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `churn-${i}`, namespace: 'default' },
        data: { i: String(i) },
      });
    const head = (await etcd('/v3/kv/range', { key: Buffer.from('/').toString('base64') })) as { header: { revision: string } };
    await etcd('/v3/kv/compaction', { revision: head.header.revision, physical: true });
    await restartComponent(groundDir, 'kube-apiserver', { downMs: 500 });
    await apply(http, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: NS }, data: { b: '2' } });
    await waitFor('the cache to relist and see the new object', () => resyncs >= 2 && lw.get('after', NS) !== undefined, 60000);
    assert.ok(lw.get('before', NS), 'old objects survive the relist');
    assert.equal(lw.state.state, 'synced');
    lw.stop();
    for (let i = 0; i < 5; i++) await remove(http, KINDS.configmap, `churn-${i}`, 'default');
  });
});
