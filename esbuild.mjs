// Bundles the extension and the language server into dist/ (CommonJS, Node).
// @kubernetes/client-node is ESM-only, so it is bundled rather than left external.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // optional native/transport add-ons of dependencies that we never load
  external: ['vscode', 'bufferutil', 'utf-8-validate', 'encoding'],
  loader: { '.code-snippets': 'json' },
  metafile: true,
};

const entries = [
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // Which packages each bundle holds: scripts/notices.mjs writes their licenses into ThirdPartyNotices.txt.
  results.forEach((r, i) => fs.writeFileSync(entries[i].outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(r.metafile)));
}
