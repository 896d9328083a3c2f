// What a user sees of the .vsix before trusting it: an icon (the Running Extensions list showed a
// blank one), repository and keywords, and the notices of every package bundled into dist/ (bundling
// strips their license headers; Apache-2.0 code must carry its notice). The notices are checked
// against the esbuild metafiles of the bundles that `npm test` has just built.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error plain ESM script without types
import { bundledPackageDirs, renderNotices } from '../../../scripts/notices.mjs';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  icon?: string;
  repository?: { url?: string };
  keywords?: string[];
};
const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');

describe('package metadata', () => {
  it('has a 128x128 PNG icon that ships', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(root, 'media/icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.ok(ignore.includes('!media/**'));
  });

  it('names its repository and keywords', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\/.+\.git$/);
    for (const k of ['dolphindb', 'kubernetes', 'helm']) assert.ok(manifest.keywords?.includes(k), k);
  });

  it('ships third-party notices that cover every bundled package, current with the bundles', () => {
    assert.ok(ignore.includes('!ThirdPartyNotices.txt'));
    const dirs = bundledPackageDirs() as string[];
    assert.ok(
      dirs.some((d) => d.endsWith('node_modules/@kubernetes/client-node')),
      'client-node is bundled',
    );
    const committed = fs.readFileSync(path.join(root, 'ThirdPartyNotices.txt'), 'utf8');
    assert.equal(
      committed,
      renderNotices(dirs),
      'ThirdPartyNotices.txt is stale: run `node esbuild.mjs && node scripts/notices.mjs`',
    );
    // Apache-2.0 packages carry their license text (and NOTICE where the package has one).
    const apache = committed.split(/^={78}$/m).filter((b) => /^License: Apache-2\.0$/m.test(b));
    assert.ok(apache.length >= 1);
    for (const b of apache) assert.match(b, /Apache License|Licensed under the Apache License/, b.slice(0, 120));
  });
});
