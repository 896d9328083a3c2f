// The per-context namespace choice as stored in globalState: per context, sorted and unique, an
// empty choice meaning all namespaces, and foreign or damaged stored values read as "no filter".
// The Memento here is a plain in-memory store with VS Code's get/update contract.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { NamespaceFilters } from '../../../src/extension/namespaceFilters';

class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    // Stored values go through JSON in VS Code; do the same so nothing shared leaks back.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

describe('NamespaceFilters', () => {
  it('remembers a choice per context, sorted and without duplicates', async () => {
    const m = new MemoryMemento();
    const f = new NamespaceFilters(m);
    assert.equal(f.get('prod'), undefined);
    await f.set('prod', ['b', 'a', 'b']);
    await f.set('dev', ['x']);
    assert.deepEqual(f.get('prod'), ['a', 'b']);
    assert.deepEqual(f.get('dev'), ['x']);
    // A second instance over the same storage (a reload) sees the same choice.
    assert.deepEqual(new NamespaceFilters(m).get('prod'), ['a', 'b']);
  });

  it('an empty or absent choice means all namespaces and removes the entry', async () => {
    const m = new MemoryMemento();
    const f = new NamespaceFilters(m);
    await f.set('prod', ['a']);
    await f.set('dev', ['x']);
    await f.set('prod', []);
    assert.equal(f.get('prod'), undefined);
    await f.set('dev', undefined);
    assert.equal(f.get('dev'), undefined);
    assert.deepEqual(m.get('dolphindbK8s.namespaceFilters'), {});
  });

  it('reads damaged stored values as no filter instead of failing', () => {
    const m = new MemoryMemento();
    m.values.set('dolphindbK8s.namespaceFilters', { prod: 'a', dev: ['x', 3], qa: [] });
    const f = new NamespaceFilters(m);
    assert.equal(f.get('prod'), undefined);
    assert.deepEqual(f.get('dev'), ['x']);
    assert.equal(f.get('qa'), undefined);
    m.values.set('dolphindbK8s.namespaceFilters', 'garbage');
    assert.equal(new NamespaceFilters(m).get('dev'), undefined);
  });
});
