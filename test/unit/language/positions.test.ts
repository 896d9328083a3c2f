// Positions past the end of the text, as a buggy or hostile LSP client may send them. Regression
// for a hang found by test/lsp/fuzz.test.ts: completion at line 2^31-1 walked every line number
// down to the document start (~40 s); every feature must answer such positions at once.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { complete, hover, YamlFile } from '../../../src/core/language';
import { DDB_HEAD } from './helpers';

// The last line sits inside a sequence item, which kept the upward scan from ever stopping.
const TEXT = `${DDB_HEAD}metadata:\n  name: lake\nspec:\n  datanode:\n    volumes:\n      - name: plugins\n        hostPath:\n          path: /srv/plugins\n      - name: shared`;

describe('positions past the end of the document', () => {
  for (const line of [2 ** 31 - 1, 10_000_000, 1_000]) {
    it(`completion at line ${line} answers at once with nothing, hover at once`, () => {
      for (const character of [0, 4, 2 ** 31 - 1]) {
        const started = Date.now();
        const file = new YamlFile(TEXT);
        assert.deepEqual(complete(file, { line, character }, { locale: 'en' }), []);
        hover(file, { line, character }, 'en'); // clamped to the end like any offset: only its time matters
        assert.ok(Date.now() - started < 500, `line ${line}, character ${character} took ${Date.now() - started} ms`);
      }
    });
  }

  it('the last real line still completes', () => {
    const file = new YamlFile(TEXT);
    const lastLine = TEXT.split('\n').length - 1;
    const items = complete(file, { line: lastLine, character: 8 }, { locale: 'en' });
    assert.ok(
      items.some((i) => i.label === 'name'),
      `got ${items.map((i) => i.label).join(', ')}`,
    );
  });
});
