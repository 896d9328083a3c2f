// Black box over stdio, as test/lsp/server.test.ts: completion inside flow collections, the two
// checks against the connected cluster (namespace missing, cluster already there), and the time
// budget of the outline on a file with thousands of documents.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type CompletionItem } from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, LspTestClient } from './lspClient';

const HEAD = 'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\n';

const newTexts = (items: CompletionItem[]): string[] =>
  items.map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : (i.insertText ?? i.label)));

describe('language server: flow style, cluster checks, outline budget', { timeout: 120_000 }, () => {
  let client: LspTestClient;

  /** Opens a one-replica standalone cluster document and returns its first diagnostics. */
  async function openStandalone(uri: string, name: string, namespace: string) {
    const text = `${HEAD}metadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  mode: standalone\n  version: v2.00.16\n  datanode:\n    replicas: 1\n`;
    const next = client.nextDiagnostics(uri);
    await client.open(uri, text);
    return { text, diagnostics: (await next).diagnostics };
  }
  let offline = false;

  before(async () => {
    ensureServerBuilt();
    ({ client } = await LspTestClient.start({
      locale: 'en',
      facts: ({ namespace }) =>
        offline
          ? null
          : { namespaces: ['dolphindb', 'default'], ...(namespace === 'dolphindb' ? { existingClusters: ['ha'] } : {}) },
    }));
  });
  after(() => client?.kill());

  it('completes keys and values inside flow mappings, written flow style', async () => {
    const uri = 'file:///project/flow.yaml';
    const lines = [
      `${HEAD}metadata: {name: flow, namespace: dolphindb}`,
      'spec:',
      '  mode: cluster',
      '  datanode:',
      '    resources: {limits: {cpu: "1", }}',
      '  controller: {replicas: 3, }',
      '  clusterType: ',
      '',
    ];
    const text = lines.join('\n');
    await client.open(uri, text);
    const row = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));
    const limits = await client.completion(uri, {
      line: row('resources: {limits'),
      character: '    resources: {limits: {cpu: "1", '.length,
    });
    assert.deepEqual(newTexts(limits), ['memory: $0']);
    const ctl = await client.completion(uri, { line: row('controller: {'), character: '  controller: {replicas: 3, '.length });
    const byLabel = new Map(ctl.map((i) => [i.label, i]));
    assert.ok(!byLabel.has('replicas'), 'replicas is already there');
    assert.equal(
      byLabel.get('resources')?.textEdit && 'newText' in (byLabel.get('resources')?.textEdit ?? {})
        ? (byLabel.get('resources')?.textEdit as { newText: string }).newText
        : undefined,
      'resources: {$0}',
    );
    assert.ok(byLabel.has('controllerConfig'), 'controller-only keys');
    const values = await client.completion(uri, {
      line: row('metadata: {'),
      character: `metadata: {name: flow, namespace: `.length,
    });
    assert.deepEqual(
      values.map((i) => i.label),
      ['dolphindb', 'default'],
    );
    await client.close(uri);
  });

  it('warns (DDB-W024) when metadata.namespace does not exist in the cluster', async () => {
    const uri = 'file:///project/nowhere.yaml';
    const { diagnostics } = await openStandalone(uri, 'fresh', 'nowhere');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['DDB-W024', DiagnosticSeverity.Warning, 4, 13, 20]],
    );
    assert.equal(
      diagnostics[0].message,
      'Namespace nowhere does not exist in the connected cluster; create it first (kubectl create namespace nowhere) or applying fails.',
    );
    await client.close(uri);
  });

  it('hints (DDB-H001) that a cluster of that name exists, so apply would update it', async () => {
    const uri = 'file:///project/ha.yaml';
    const { text, diagnostics } = await openStandalone(uri, 'ha', 'dolphindb');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['DDB-H001', DiagnosticSeverity.Hint, 3, 8, 10]],
    );
    assert.equal(
      diagnostics[0].message,
      'A DolphinDB cluster named ha already exists in namespace dolphindb; applying this document updates it.',
    );
    // Another name in the same namespace is new: nothing to say.
    const renamed = client.nextDiagnostics(uri, (p) => p.version === 2);
    await client.replace(uri, text.replace('name: ha', 'name: hb'));
    assert.deepEqual((await renamed).diagnostics, []);
    await client.close(uri);
  });

  it('says nothing about namespaces or existing clusters offline', async () => {
    offline = true;
    try {
      await client.factsChanged();
      const uri = 'file:///project/offline.yaml';
      const next = client.nextDiagnostics(uri);
      await client.open(
        uri,
        `${HEAD}metadata:\n  name: ha\n  namespace: nowhere\nspec:\n  mode: standalone\n  version: v2.00.16\n  datanode:\n    replicas: 1\n`,
      );
      assert.deepEqual((await next).diagnostics, []);
      await client.close(uri);
    } finally {
      offline = false;
      await client.factsChanged();
    }
  });

  it('outlines a 30,000-document file partly, within the time budget, in document order', async () => {
    const uri = 'file:///project/many.yaml';
    // ~3 MB, under the 5 MiB cap; outlining all of it takes well over 10 s on a 2-core machine.
    const count = 30_000;
    const text = Array.from({ length: count }, (_, i) => `${HEAD}metadata: {name: c${i}}\nspec: {mode: standalone}\n`).join(
      '---\n',
    );
    // Let validation (budgeted too) finish first, so the timing below is the outline's alone.
    const validated = client.nextDiagnostics(uri, () => true, 60_000);
    await client.open(uri, text);
    await validated;
    const started = Date.now();
    const symbols = await client.symbols(uri);
    const ms = Date.now() - started;
    // Budget 2 s (the server's validation budget); the slack is for a loaded CI machine.
    assert.ok(ms < 8_000, `outline took ${ms} ms`);
    assert.ok(symbols.length > 0 && symbols.length < count, `${symbols.length} of ${count} documents outlined`);
    assert.deepEqual(
      symbols.map((s) => s.name),
      Array.from({ length: symbols.length }, (_, i) => `c${i}`),
    );
    await client.close(uri);
  });
});
