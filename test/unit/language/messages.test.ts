import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { UI_TEXT, uiText } from '../../../src/core/language';

describe('editor strings', () => {
  it('has both languages with the same placeholders for every key', () => {
    for (const [key, t] of Object.entries(UI_TEXT)) {
      const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.ok(t.en && t.zh, key);
      assert.deepEqual(names(t.zh), names(t.en), key);
    }
  });
  it('fills placeholders in the chosen language', () => {
    assert.equal(uiText('fix.setValue', 'en', { value: 3 }), 'Change to 3');
    assert.equal(uiText('fix.setValue', 'zh-cn', { value: 3 }), '改为 3');
  });
});
