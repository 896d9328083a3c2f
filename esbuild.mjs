// Bundles the extension and the language server into dist/ (CommonJS, Node).
// @kubernetes/client-node is ESM-only, so it is bundled rather than left external.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// @kubernetes/client-node's index (and its KubeConfig, through gen/index.js) pulls in every generated
// API class and model, ~550 KB that the extension host would parse at activation. We use four of its
// classes and two helpers of the generated code; these shims give the bundle exactly those, so an
// import of anything else fails the build instead of silently growing the bundle again.
const clientNodeDist = path.dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node'));
const SHIMS = {
  index: `export { KubeConfig } from './config.js'; export { PortForward } from './portforward.js'; export { Exec } from './exec.js'; export { Log } from './log.js';`,
  gen: `export { createConfiguration } from './configuration.js'; export { ServerConfiguration } from './servers.js';`,
  api: `export { ApiException } from './gen/apis/exception.js';`,
};
/** @type {import('esbuild').Plugin} */
const clientNodeParts = {
  name: 'client-node-parts',
  setup(build) {
    const shim = (name, dir) => ({ path: `${name}`, namespace: 'client-node-shim', pluginData: dir });
    build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => shim('index', clientNodeDist));
    build.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (a) =>
      a.importer === path.join(clientNodeDist, 'config.js') ? shim('gen', path.join(clientNodeDist, 'gen')) : undefined,
    );
    build.onResolve({ filter: /^\.\/api\.js$/ }, (a) =>
      path.dirname(a.importer) === clientNodeDist ? shim('api', clientNodeDist) : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'client-node-shim' }, (a) => ({
      contents: SHIMS[a.path],
      resolveDir: a.pluginData,
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  plugins: [clientNodeParts],
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
