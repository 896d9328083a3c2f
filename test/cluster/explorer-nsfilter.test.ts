// The per-context namespace filter against the real control plane: a filtered session lists and
// watches only in the chosen namespaces (every cache's scope is one of them, none spans all
// namespaces), shows only their clusters, keeps following changes there, and ignores the rest.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { Explorer } from '../../src/core/explorer/explorer';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS } from '../../src/core/k8s/resources';
import { writeUserKubeconfig } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, fixture, loadGroundConfig, remove, waitFor } from './lib';

const groundDir = process.env.DDB_GROUND_DIR as string;
const http = adminHttp();
const NS = ['nsf-a', 'nsf-b', 'nsf-c'];
const CHOSEN = ['nsf-a', 'nsf-b'];
const made: Explorer[] = [];
const track = (e: Explorer): Explorer => (made.push(e), e);

async function cluster(name: string, namespace: string): Promise<void> {
  const [cr] = fixture('valid/01-standalone.yaml');
  cr.metadata = { name, namespace };
  await apply(http, cr);
}

/** Every cluster the tree shows for the context, as namespace/name. */
function shownClusters(ex: Explorer): string[] {
  const out: string[] = [];
  const walk = (nodes: ExplorerNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'cluster' && n.key.t === 'cluster') out.push(`${n.key.namespace}/${n.key.name}`);
      else if (n.kind === 'namespace') walk(ex.children(n));
    }
  };
  walk(ex.children(ex.roots()[0]));
  return out.sort();
}

describe('explorer namespace filter', () => {
  before(async () => {
    for (const ns of NS) {
      await ensureNamespace(http, ns);
      await cluster(`nsf-${ns.slice(-1)}1`, ns);
    }
  });
  after(async () => {
    made.forEach((e) => e.dispose());
    for (const ns of NS)
      for (const n of [`nsf-${ns.slice(-1)}1`, `nsf-${ns.slice(-1)}2`]) await remove(http, KINDS.dolphindb, n, ns);
    http.dispose();
  });

  it('without a filter watches all namespaces at once and shows every cluster', async () => {
    const ex = track(new Explorer(loadGroundConfig(), { debounceMs: 10 }));
    assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
    const sess = ex.session(ex.currentContext);
    assert.deepEqual(
      sess?.caches.map((c) => c.namespace),
      [undefined],
    );
    const shown = shownClusters(ex);
    for (const c of ['nsf-a/nsf-a1', 'nsf-b/nsf-b1', 'nsf-c/nsf-c1']) assert.ok(shown.includes(c), shown.join(', '));
    assert.doesNotMatch(ex.roots()[0].description ?? '', /namespaces/);
    ex.dispose();
  });

  it('with a filter lists and watches only in the chosen namespaces and shows only their clusters', async () => {
    const asked: string[] = [];
    const ex = track(new Explorer(loadGroundConfig(), { debounceMs: 10, namespaceFilter: (c) => (asked.push(c), CHOSEN) }));
    const ctx = ex.currentContext;
    assert.equal((await ex.connect(ctx)).s, 'ready');
    assert.deepEqual(asked, [ctx], 'the filter is read for the context connected');
    const sess = ex.session(ctx);
    assert.ok(sess);
    assert.deepEqual(
      sess.caches.map((c) => c.namespace),
      CHOSEN,
    );
    const scopes = sess.allCaches().map((c) => `${c.kind.plural}:${c.namespace ?? '(all)'}`);
    assert.ok(scopes.length >= CHOSEN.length * 5, scopes.join(' '));
    for (const s of scopes)
      assert.ok(
        CHOSEN.some((ns) => s.endsWith(`:${ns}`)),
        `a watch outside the chosen namespaces: ${s}`,
      );
    assert.deepEqual(shownClusters(ex), ['nsf-a/nsf-a1', 'nsf-b/nsf-b1']);
    // The count needs the namespace list; it arrives through its own watch.
    const description = await waitFor('the context says how many namespaces it shows', () => {
      const d = ex.roots()[0].description ?? '';
      const m = /(\d+) of (\d+) namespaces/.exec(d);
      return m && Number(m[2]) > CHOSEN.length ? d : undefined;
    });
    assert.match(description, /^current · 2 of \d+ namespaces$/);

    // Changes in a chosen namespace arrive; changes elsewhere are not even seen.
    await cluster('nsf-a2', 'nsf-a');
    await cluster('nsf-c2', 'nsf-c');
    await waitFor('the new cluster in nsf-a', () => shownClusters(ex).includes('nsf-a/nsf-a2'));
    assert.deepEqual(shownClusters(ex), ['nsf-a/nsf-a1', 'nsf-a/nsf-a2', 'nsf-b/nsf-b1']);
    for (const c of sess.caches)
      assert.ok(!(c.dolphindbs?.list() ?? []).some((d) => d.metadata.namespace === 'nsf-c'), 'no nsf-c object in any cache');
    ex.dispose();
  });

  it('a filter names namespaces to try when the account may not list across namespaces', async () => {
    // ns-user may list only in "dolphindb"; its context points at a namespace it cannot read.
    const file = writeUserKubeconfig(groundDir, 'ns-user', 'nsf-c');
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    const ex = track(new Explorer(kc, { debounceMs: 10, namespaceFilter: () => ['dolphindb'] }));
    assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
    const sess = ex.session(ex.currentContext);
    assert.deepEqual(sess?.probed?.scope, { all: false, namespaces: ['dolphindb'] });
    assert.deepEqual(
      sess?.caches.map((c) => c.namespace),
      ['dolphindb'],
    );
    const labels = ex.children(ex.roots()[0]).map((n) => n.label);
    assert.ok(labels.includes('Forbidden: list pods (nsf-c)'), labels.join('\n'));
    ex.dispose();
  });
});
