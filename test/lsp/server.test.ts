// Black-box test of dist/server.js: a client process talks LSP over stdio, as an editor would.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../unit/language/helpers';
import { ensureServerBuilt, LspTestClient, withTimeout } from './lspClient';

const URI = 'file:///project/cluster.yaml';

const MULTI = `# A ConfigMap that happens to use DolphinDB-like keys: never checked.
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  clustertype: multicontroller
---
apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: bad
  namespace: dolphindb
spec:
  mode: cluster
  version: v2.00.5
  storageClassName: fast
  controller:
    replicas: 3
    clusterConfig:
      maxMemSize: 8
  datanode:
    replicas: 2
    dataSzie: 5Gi
    resources:
      limits:
        cpu: "1"
        memory: 1Gi
      requests:
        cpu: "1"
        memory: 2Gi
---
apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: ha
  namespace: dolphindb
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.5
  storageClassName: local-path
  controller:
    replicas: 2
  datanode:
    replicas: 3
`;

const LINES = MULTI.split('\n');

/** Range of `token` on the `nth` line (0-based) that contains `needle`. */
function rangeOf(needle: string, token: string, nth = 0): Range {
  const lines = LINES.map((l, i) => ({ l, i })).filter((x) => x.l.includes(needle));
  const { l, i } = lines[nth];
  const c = l.indexOf(token, l.indexOf(needle));
  return { start: { line: i, character: c }, end: { line: i, character: c + token.length } };
}

const FACTS = {
  storageClasses: ['local-path'],
  supportedVersions: [{ version: 'v2.00.5' }, { version: 'v2.00.16', isSupportLicenseServer: true }],
  pvcNames: ['shared'],
  namespaces: ['dolphindb', 'default'],
};

const summary = (ds: Diagnostic[]): string[] =>
  ds.map(
    (d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
  );

describe('language server over stdio', { timeout: 120_000 }, () => {
  let client: LspTestClient;
  let storageClasses = ['local-path'];

  before(async () => {
    ensureServerBuilt();
    ({ client } = await LspTestClient.start({ locale: 'en', facts: () => ({ ...FACTS, storageClasses }) }));
  });
  after(() => client?.kill());

  it('publishes the expected codes and ranges for the DolphinDB documents only', async () => {
    const diagnostics = client.nextDiagnostics(URI);
    await client.open(URI, MULTI);
    const { diagnostics: ds, version } = await diagnostics;
    assert.equal(version, 1);
    const expected: [string, Range][] = [
      ['DDB-E004', rangeOf('  mode: cluster', 'cluster', 0)],
      ['DDB-W023', rangeOf('storageClassName: fast', 'fast')],
      ['DDB-E015', rangeOf('maxMemSize: 8', '8')],
      ['DDB-W100', rangeOf('dataSzie', 'dataSzie')],
      ['DDB-E010', rangeOf('memory: 1Gi', '1Gi')],
      ['DDB-E006', rangeOf('replicas: 2', '2', 1)],
    ];
    assert.deepEqual(
      summary(ds),
      expected.map(([code, r]) => `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`),
    );
    for (const d of ds) {
      assert.equal(d.source, 'dolphindb');
      assert.ok(d.message.length > 10);
      assert.ok(d.range.start.line >= 8, 'nothing in the ConfigMap');
    }
    assert.equal(
      ds.find((d) => d.code === 'DDB-E006')?.message,
      'multicontroller requires at least 3 controllers (spec.controller.replicas is 2).',
    );
    assert.deepEqual(client.factsRequests.at(-1), { namespace: 'dolphindb' });
  });

  it('completes keys and values from the schema and the cluster', async () => {
    const mode = rangeOf('  mode: cluster', 'cluster', 0).start;
    const values = await client.completion(URI, mode);
    assert.deepEqual(
      values.map((i) => i.label),
      ['cluster', 'standalone'],
    );
    const sc = await client.completion(URI, rangeOf('storageClassName: fast', 'fast').start);
    assert.deepEqual(
      sc.map((i) => i.label),
      ['local-path'],
    );
    const version = await client.completion(URI, rangeOf('version: v2.00.5', 'v2.00.5').start);
    assert.deepEqual(
      version.map((i) => i.label),
      ['v2.00.16', 'v2.00.5'],
    );
    const keys = await client.completion(URI, { line: rangeOf('  mode: cluster', 'mode').start.line, character: 2 });
    const ctl = keys.find((i) => i.label === 'clusterType');
    assert.ok(ctl, 'clusterType offered at spec level');
    // On an existing key, the completion replaces just the key name.
    assert.deepEqual(ctl.textEdit, { range: rangeOf('  mode: cluster', 'mode', 0), newText: 'clusterType' });
    const logMode = keys.find((i) => i.label === 'logMode');
    assert.equal(logMode?.detail, 'integer');
    assert.deepEqual(await client.completion(URI, { line: 6, character: 2 }), [], 'nothing inside the ConfigMap');
  });

  it('completes new keys as indented snippets, and starts an empty document', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nspec:\n  \n---\n\n');
    const items = await client.completion(uri, { line: 3, character: 2 });
    const controller = items.find((i) => i.label === 'controller');
    assert.equal(controller?.insertTextFormat, 2, 'snippet');
    assert.equal(controller?.insertTextMode, 2, 'adjustIndentation');
    assert.deepEqual(controller?.textEdit, {
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } },
      newText: 'controller:\n  $0',
    });
    const version = items.find((i) => i.label === 'version');
    assert.equal(version?.command?.command, 'editor.action.triggerSuggest');
    const empty = await client.completion(uri, { line: 5, character: 0 });
    assert.deepEqual(
      empty.slice(0, 2).map((i) => i.label),
      ['apiVersion: dolphindb.dolphindb.io/v1', 'kind: DolphinDB'],
    );
    await client.close(uri);
  });

  it('hovers with the schema description', async () => {
    const h = await client.hover(URI, rangeOf('replicas: 2', 'replicas', 1).start);
    assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
    assert.match(h.contents.value, /Number of controllers/);
    assert.deepEqual(h.range, rangeOf('replicas: 2', 'replicas', 1));
    assert.equal(await client.hover(URI, { line: 6, character: 4 }), null);
  });

  it('outlines one symbol per DolphinDB document', async () => {
    const symbols = await client.symbols(URI);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['bad', 'ha'],
    );
    assert.equal(symbols[1].detail, 'DolphinDB · cluster/multicontroller · v2.00.5');
    assert.deepEqual(
      symbols[0].children?.map((c) => c.name),
      ['apiVersion', 'kind', 'metadata', 'spec'],
    );
  });

  it('offers quick fixes whose edits clear the problems', async () => {
    const ds = client.published.get(URI)?.at(-1)?.diagnostics ?? [];
    const actions = await client.codeActions(URI, ds);
    const titles = actions.map((a) => a.title);
    for (const t of [
      'Add clusterType: multicontroller',
      'Add clusterType: singlecontroller',
      'Quote the value: "8"',
      'Rename to dataSize',
      'Raise limits.memory to the request (2Gi)',
      'Change to 3',
    ]) {
      assert.ok(titles.includes(t), `missing fix: ${t} (got ${titles.join(' | ')})`);
    }
    for (const a of actions) assert.equal(a.kind, 'quickfix');
    // One preferred fix per diagnostic, as "Fix all" in an editor would apply them.
    const edits = actions.filter((a) => a.isPreferred).flatMap((a) => a.edit?.changes?.[URI] ?? []);
    const fixed = applyEdits(MULTI, edits);
    const next = client.nextDiagnostics(URI, (p) => p.version === 2);
    await client.replace(URI, fixed);
    const { diagnostics } = await next;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['DDB-W023'],
      'only the cluster-aware warning is left',
    );
  });

  it('revalidates open documents when the client says the cluster facts changed', async () => {
    storageClasses = ['local-path', 'fast'];
    const next = client.nextDiagnostics(URI, (p) => p.diagnostics.length === 0);
    await client.factsChanged();
    await next;
  });

  it('debounces a burst of edits and publishes the newest version only', async () => {
    const before = client.published.get(URI)?.length ?? 0;
    let last = 0;
    for (let i = 0; i < 5; i++) last = await client.replace(URI, `${MULTI}# edit ${i}\n`);
    const { version } = await client.nextDiagnostics(URI, (p) => p.version === last);
    assert.equal(version, last);
    const published = (client.published.get(URI) ?? []).slice(before);
    assert.ok(published.length <= 2, `a burst of 5 edits published ${published.length} times`);
  });

  it('leaves files without DolphinDB documents clean and clears diagnostics on close', async () => {
    const other = 'file:///project/deploy.yaml';
    const next = client.nextDiagnostics(other);
    await client.open(other, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  mode: banana\n');
    assert.deepEqual((await next).diagnostics, []);
    const cleared = client.nextDiagnostics(URI, (p) => p.diagnostics.length === 0);
    await client.close(URI);
    await cleared;
  });

  it('survives junk and keeps answering', async () => {
    const cases: [string, string][] = [
      [
        'binary',
        `apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\n${Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')}`,
      ],
      [
        'alias bomb',
        `apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata:\n  name: bomb\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 20 }, (_, i) => `x${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`).join('\n')}\nspec:\n  customMeta:\n    labels: *a20\n`,
      ],
      ['deep', `apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nspec: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`],
      [
        '10 MB CR',
        `apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata:\n  name: huge\n  annotations:\n    a: "${'x'.repeat(10 * 1024 * 1024)}"\n`,
      ],
      ['10 MB other', `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'x'.repeat(10 * 1024 * 1024)}"\n`],
    ];
    for (const [name, text] of cases) {
      const uri = `file:///project/junk-${name.replace(/\W/g, '-')}.yaml`;
      const started = Date.now();
      const next = client.nextDiagnostics(uri, () => true, 20_000);
      await client.open(uri, text);
      const { diagnostics } = await next;
      if (name === '10 MB CR')
        assert.deepEqual(
          diagnostics.map((d) => [d.code, d.severity]),
          [['DDB-I001', 3]],
        );
      if (name === '10 MB other') assert.deepEqual(diagnostics, []);
      // Still responsive: a request on the junk and one on a normal document answer promptly.
      await withTimeout(client.hover(uri, { line: 1, character: 2 }), 5_000, `hover after ${name}`);
      await withTimeout(client.completion(uri, { line: 2, character: 0 }), 5_000, `completion after ${name}`);
      await withTimeout(client.symbols(uri), 5_000, `symbols after ${name}`);
      assert.ok(Date.now() - started < 20_000, `${name} took ${Date.now() - started} ms`);
      await client.close(uri);
    }
  });

  it('shuts down and exits cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server locale and offline client', { timeout: 60_000 }, () => {
  before(() => ensureServerBuilt());

  it('speaks Simplified Chinese when initializationOptions.locale is zh-cn', async () => {
    const { client } = await LspTestClient.start({ locale: 'zh-cn' });
    try {
      const next = client.nextDiagnostics(URI);
      await client.open(URI, MULTI);
      const { diagnostics } = await next;
      assert.equal(
        diagnostics.find((d) => d.code === 'DDB-E006')?.message,
        'multicontroller 要求至少 3 个控制节点（spec.controller.replicas 为 2）。',
      );
      const h = await client.hover(URI, rangeOf('  mode: cluster', 'mode', 0).start);
      assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents);
      assert.match(h.contents.value, /部署模式/);
      const actions = await client.codeActions(
        URI,
        diagnostics.filter((d) => d.code === 'DDB-W100'),
      );
      assert.deepEqual(
        actions.map((a) => a.title),
        ['改为 dataSize'],
      );
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });

  it('falls back to the LSP locale, and skips cluster checks when the client has no facts handler', async () => {
    const { client } = await LspTestClient.start({ lspLocale: 'zh-TW' });
    try {
      const next = client.nextDiagnostics(URI);
      await client.open(URI, MULTI);
      const { diagnostics } = await next;
      assert.ok(!diagnostics.some((d) => d.code === 'DDB-W023'), 'no StorageClass check offline');
      assert.match(diagnostics[0].message, /[\u4e00-\u9fff]/);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});

describe('language server over Node IPC (how the VS Code client starts it)', { timeout: 60_000 }, () => {
  before(() => ensureServerBuilt());

  it('initializes, validates, answers cluster facts and exits', async () => {
    const { client, init } = await LspTestClient.start({ ipc: true, locale: 'en', facts: () => FACTS });
    try {
      assert.equal(init.serverInfo?.name, 'dolphindb-language-server');
      const next = client.nextDiagnostics(URI);
      await client.open(URI, MULTI);
      const { diagnostics } = await next;
      assert.ok(
        diagnostics.some((d) => d.code === 'DDB-W023'),
        'cluster-aware check ran with the facts answered over IPC',
      );
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});
