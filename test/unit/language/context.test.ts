import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionContext } from '../../../src/core/language/context';
import { LineIndex } from '../../../src/core/language';
import { cursor } from './helpers';

function ctxAt(src: string, marker = '|') {
  const { text, pos } = cursor(src, marker);
  return completionContext(new LineIndex(text), 0, pos);
}

describe('completionContext: keys', () => {
  it('finds the root on an empty line', () => {
    const c = ctxAt('|');
    assert.equal(c?.kind, 'key');
    assert.deepEqual(c?.kind === 'key' && c.parent, []);
  });
  it('nests by indentation and collects siblings above and below', () => {
    const c = ctxAt('spec:\n  controller:\n    replicas: 3\n    re|\n    port: 1\n  datanode: {}\n');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec', 'controller']);
    assert.equal(c.word, 're');
    assert.deepEqual([...c.siblings].sort(), ['port', 'replicas']);
  });
  it('skips comments and blank lines between the key and its parent', () => {
    const c = ctxAt('spec:\n\n  # a comment\n  |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec']);
  });
  it('reads indented sequence items with their index', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumes:\n      - name: a\n        hostPath: {}\n      - name: b\n        |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec', 'datanode', 'volumes', 1]);
    assert.deepEqual([...c.siblings], ['name']);
  });
  it('reads compact sequences (dash at the key column)', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumeMounts:\n    - name: a\n      |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec', 'datanode', 'volumeMounts', 0]);
  });
  it('treats a new `- ` item as a fresh map', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumes:\n    - name: a\n    - |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec', 'datanode', 'volumes', 1]);
    assert.equal(c.newItem, true);
    assert.equal(c.siblings.size, 0);
  });
  it('descends into a key that sits on a dash line', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumes:\n    - persistentVolumeClaim:\n        |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec', 'datanode', 'volumes', 0, 'persistentVolumeClaim']);
  });
  it('stops at the document marker of a multi-document file', () => {
    const c = ctxAt('a:\n  b: 1\n---\nspec:\n  |');
    assert.ok(c && c.kind === 'key');
    assert.deepEqual(c.parent, ['spec']);
  });
  it('notices a colon after the word (editing an existing key)', () => {
    const c = ctxAt('spec:\n  mo|de: cluster');
    assert.ok(c && c.kind === 'key');
    assert.equal(c.hasColon, true);
    assert.equal(c.end, 6);
  });
  it('offers nothing inside a comment', () => {
    assert.equal(ctxAt('spec:\n  # mo|'), undefined);
    assert.equal(ctxAt('spec: x # mo|'), undefined);
  });
});

describe('completionContext: values', () => {
  it('gives the path of the key and the typed prefix', () => {
    const c = ctxAt('spec:\n  controller:\n    replicas: 3|');
    assert.ok(c && c.kind === 'value');
    assert.deepEqual(c.path, ['spec', 'controller', 'replicas']);
    assert.equal(c.word, '3');
  });
  it('covers the whole value up to a comment', () => {
    const c = ctxAt('spec:\n  mode: clu|ster # note');
    assert.ok(c && c.kind === 'value');
    assert.equal(c.start, 8);
    assert.equal(c.end, 15);
  });
  it('reads a value inside a sequence item', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumes:\n    - name: a\n      persistentVolumeClaim:\n        claimName: |');
    assert.ok(c && c.kind === 'value');
    assert.deepEqual(c.path, ['spec', 'datanode', 'volumes', 0, 'persistentVolumeClaim', 'claimName']);
  });
  it('reads a value on the dash line itself', () => {
    const c = ctxAt('spec:\n  datanode:\n    volumeMounts:\n    - name: |');
    assert.ok(c && c.kind === 'value');
    assert.deepEqual(c.path, ['spec', 'datanode', 'volumeMounts', 0, 'name']);
  });
  it('offers nothing after a block scalar opener', () => {
    assert.equal(ctxAt('spec:\n  config: |§', '§'), undefined);
  });
  it('reads a flow opener as the start of a collection (item 0 of a flow sequence)', () => {
    const c = ctxAt('spec:\n  mode: [|');
    assert.ok(c && c.kind === 'value');
    assert.deepEqual(c.path, ['spec', 'mode', 0]);
  });
});
