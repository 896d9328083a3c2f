import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { documentSymbols, YamlFile } from '../../../src/core/language';
import { DDB_HEAD, VALID_CR } from './helpers';

describe('document symbols', () => {
  it('lists one entry per DolphinDB document, skipping the others', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n---\n${VALID_CR}---\n${DDB_HEAD}metadata:\n  name: solo\nspec:\n  mode: standalone\n`;
    const symbols = documentSymbols(new YamlFile(text));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['ha', 'solo'],
    );
    assert.equal(symbols[0].detail, 'DolphinDB · cluster/multicontroller · v2.00.5');
    assert.equal(symbols[1].detail, 'DolphinDB · standalone');
    assert.equal(symbols[0].kind, 'cluster');
    assert.equal(symbols[0].range.start.line, 5);
    assert.deepEqual(symbols[0].selectionRange.start, { line: 8, character: 2 });
  });
  it('mirrors the key tree with values as details', () => {
    const [cluster] = documentSymbols(new YamlFile(VALID_CR));
    assert.deepEqual(
      cluster.children.map((c) => c.name),
      ['apiVersion', 'kind', 'metadata', 'spec'],
    );
    const spec = cluster.children[3];
    const controller = spec.children.find((c) => c.name === 'controller');
    assert.equal(controller?.kind, 'object');
    const replicas = controller?.children.find((c) => c.name === 'replicas');
    assert.equal(replicas?.detail, '3');
    assert.equal(replicas?.kind, 'number');
  });
  it('names list items by index and name, and shows aliases without expanding them', () => {
    const text = `${DDB_HEAD}metadata:\n  name: v\nspec:\n  datanode:\n    volumes:\n    - name: data\n      hostPath: &hp\n        path: /d\n    - name: logs\n      hostPath: *hp\n`;
    const [cluster] = documentSymbols(new YamlFile(text));
    const volumes = cluster.children[3].children[0].children[0];
    assert.deepEqual(
      volumes.children.map((c) => c.name),
      ['[0] data', '[1] logs'],
    );
    const alias = volumes.children[1].children.find((c) => c.name === 'hostPath');
    assert.equal(alias?.kind, 'alias');
    assert.equal(alias?.detail, '*hp');
  });
  it('returns nothing for a file without DolphinDB documents', () => {
    assert.deepEqual(documentSymbols(new YamlFile('apiVersion: v1\nkind: Pod\n')), []);
  });
  it('caps the outline of a huge multi-document file but keeps one entry per CR', () => {
    const text = Array.from({ length: 1_000 }, () => VALID_CR).join('---\n');
    const symbols = documentSymbols(new YamlFile(text));
    assert.equal(symbols.length, 1_000);
    const count = (list: { children: unknown[] }[]): number =>
      list.reduce((n, s) => n + 1 + count(s.children as { children: unknown[] }[]), 0);
    assert.ok(count(symbols) <= 21_000, `outline of ${count(symbols)} symbols`);
  });
});
