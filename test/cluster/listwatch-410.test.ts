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

  it('relists after etcd compaction and keeps the objects right', async (t) => {
    await ensureNamespace(http, NS);
    await apply(http, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before', namespace: NS }, data: { a: '1' } });
    // Once in ~25 runs a watch opened (200) during the restart and then heard nothing, not even
    // the end of its timeout (cause not found). The silence limit is what ends such a watch, so
    // it is short here, and the server-side timeout below it.
    const lw = new ListWatch(http, KINDS.configmap, {
      namespace: NS,
      minBackoffMs: 200,
      watchTimeoutSeconds: [8, 12],
      watchSilenceMs: 15_000,
    });
    // A failure stops the cache too (a running watch would keep the test process alive) and
    // says what the cache went through.
    t.after(() => lw.stop());
    let resyncs = 0;
    const seen: string[] = [];
    const t0 = Date.now();
    const note = (what: string): number => seen.push(`+${Date.now() - t0} ms ${what}`);
    lw.onChange((cs) => {
      for (const c of cs)
        if (c.type === 'resync') {
          resyncs++;
          note('resync');
        }
    });
    lw.onState((s) => note(s.state === 'disconnected' ? `disconnected: ${s.failure.reason}` : s.state));
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
    note(`compacted at ${head.header.revision}`);
    await restartComponent(groundDir, 'kube-apiserver', { downMs: 500 });
    note('API server restarted');
    await apply(http, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: NS }, data: { b: '2' } });
    note('applied ConfigMap/after');
    await waitFor(
      'the cache to relist and see the new object',
      () => resyncs >= 2 && lw.get('after', NS) !== undefined,
      60000,
    ).catch((e: Error) => assert.fail(`${e.message}; resyncs ${resyncs}; the cache saw:\n${seen.join('\n')}`));
    assert.ok(lw.get('before', NS), 'old objects survive the relist');
    assert.equal(lw.state.state, 'synced');
    for (let i = 0; i < 5; i++) await remove(http, KINDS.configmap, `churn-${i}`, 'default');
  });
});
