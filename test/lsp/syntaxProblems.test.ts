// Black-box test of dist/server.js: with initializationOptions.syntaxProblems false (the client
// sends that while Red Hat YAML reports YAML syntax problems), the server leaves its `yaml-syntax`
// problems out and keeps the DolphinDB rules; SyntaxProblemsNotification switches it at run time.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { SyntaxProblemsNotification } from '../../src/protocol/messages';
import { ensureServerBuilt, LspTestClient } from './lspClient';

const URI = 'file:///project/coexist.yaml';
// Document 1: a duplicate key (line 4); document 2: DDB-E006 (two controllers).
const TEXT = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: dup
  name: dup-again
---
apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: two-ctr
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.16
  controller:
    replicas: 2
  datanode:
    replicas: 3
`;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();
const hasE006 = (p: PublishDiagnosticsParams): boolean => codes(p).includes('DDB-E006');

describe('syntaxProblems: YAML syntax left to another extension', () => {
  before(() => ensureServerBuilt());

  describe('started with syntaxProblems: false', () => {
    let client: LspTestClient;
    before(async () => {
      ({ client } = await LspTestClient.start({ syntaxProblems: false }));
    });
    after(async () => {
      await client.stop();
    });

    it('publishes the DolphinDB rules without the duplicate key', async () => {
      const waited = client.nextDiagnostics(URI, hasE006);
      await client.open(URI, TEXT);
      const p = await waited;
      assert.ok(!codes(p).includes('yaml-syntax'), codes(p).join(', '));
    });

    it('publishes the duplicate key again once told to report syntax, and drops it when told not to', async () => {
      const on = client.nextDiagnostics(URI, (p) => codes(p).includes('yaml-syntax'));
      await client.conn.sendNotification(SyntaxProblemsNotification, { report: true });
      const p = await on;
      const dup = p.diagnostics.find((d) => d.code === 'yaml-syntax');
      assert.equal(dup?.range.start.line, 4);
      assert.ok(hasE006(p));
      const off = client.nextDiagnostics(URI, (q) => !codes(q).includes('yaml-syntax'));
      await client.conn.sendNotification(SyntaxProblemsNotification, { report: false });
      assert.ok(hasE006(await off));
    });
  });

  it('reports YAML syntax problems by default', async () => {
    const { client } = await LspTestClient.start();
    try {
      const waited = client.nextDiagnostics(URI, (p) => p.diagnostics.length > 0);
      await client.open(URI, TEXT);
      const p = await waited;
      assert.ok(codes(p).includes('yaml-syntax') && hasE006(p), codes(p).join(', '));
    } finally {
      await client.stop();
    }
  });
});
