// Every user-visible string exists in English and Simplified Chinese: the manifest's %keys%,
// the runtime l10n bundle (collected by scripts/l10n.mjs from the t(...) and msg(...) calls in
// src/), and the validator's and language server's message templates. A missing key fails here,
// and so does English the extractor cannot collect (extractor.test.ts shows what it catches).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const readJson = (p: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')) as Record<string, unknown>;

describe('localisation', () => {
  it('package.nls.json and package.nls.zh-cn.json have the same keys, all non-empty', () => {
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) assert.ok(typeof v === 'string' && v.trim() !== '', `zh-cn ${k} is empty`);
  });

  it('every %key% in package.json is defined', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const en = readJson('package.nls.json');
    const used = [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 10);
    for (const k of used) assert.ok(k in en, `package.json uses %${k}% which package.nls.json lacks`);
  });

  it('every runtime string has a Simplified Chinese translation with the same placeholders', async () => {
    const { check } = (await import(path.join(root, 'scripts', 'l10n.mjs'))) as {
      check: () => {
        msgs: string[];
        missingZh: string[];
        unusedZh: string[];
        staleEn: boolean;
        badPlaceholders: string[];
        problems: string[];
      };
    };
    const r = check();
    assert.ok(r.msgs.length > 50, 'messages were collected');
    assert.deepEqual(r.problems, [], 'English that escapes the bundle');
    assert.deepEqual(r.unusedZh, [], 'zh-cn entries no source uses (run node scripts/l10n.mjs)');
    assert.deepEqual(r.missingZh, [], 'messages without a zh-cn translation (run node scripts/l10n.mjs)');
    assert.deepEqual(r.badPlaceholders, []);
    assert.equal(r.staleEn, false, 'l10n/bundle.l10n.json is stale: run node scripts/l10n.mjs');
  });

  it('a phrase is defined once: messages that differ only in case or punctuation are the known pairs', () => {
    const en = Object.keys(readJson('l10n/bundle.l10n.json'));
    const norm = (m: string): string =>
      m
        .toLowerCase()
        .replace(/[^a-z0-9{}]+/g, ' ')
        .trim();
    const groups = new Map<string, string[]>();
    for (const m of en) groups.set(norm(m), [...(groups.get(norm(m)) ?? []), m]);
    const pairs = [...groups.values()]
      .filter((g) => g.length > 1)
      .map((g) => g.join(' | '))
      .sort();
    // Each kept pair says something different: a title or label against the same words inside a
    // sentence (Chinese differs there too), a different meaning ('Created' date / 'created' state),
    // or punctuation that belongs to the language (full-width parentheses and stops in Chinese).
    assert.deepEqual(pairs, [
      '(cluster default) | cluster default',
      '<unknown> | unknown',
      'Configure {0} | configure {0}',
      'Connecting… | connecting…',
      'Created | created',
      'Delete DolphinDB {0} | Delete DolphinDB {0}.',
      'Forbidden: {0} {1} | forbidden: {0} {1}',
      'Leader | leader',
      'None. | none',
      'Pod {0} does not exist | pod {0} does not exist',
      'Restart {0} | restart {0}',
    ]);
  });
});
