// Bundles the extension-host mocha entry (test/exthost/index.ts) and every
// test/exthost/**/*.test.ts into one CommonJS file, out/exthost/index.js, that VS Code
// loads as extensionTestsPath. Each test file becomes a lazy loader handed to
// registerTests(), so it is evaluated only after mocha has defined describe()/it().
// `vscode` is provided by the extension host; mocha is resolved from node_modules.
//
// usage: node test/vscode-rig/build-exthost-tests.mjs [--outfile out/exthost/index.js] [--grep substr] [--dir test/exthost]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const outfile = path.resolve(root, opt('--outfile', 'out/exthost/index.js'));
const only = opt('--grep', '');
// --dir: another folder of *.test.ts (e.g. test/exthost-coexist, which needs stand-in extensions).
const testsDir = path.resolve(root, opt('--dir', 'test/exthost'));

function findTests(dir) {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...findTests(p));
    else if (ent.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = findTests(testsDir)
  .map((f) => path.relative(root, f).split(path.sep).join('/'))
  .filter((f) => !only || f.includes(only))
  .sort();
if (files.length === 0) {
  console.error(`no test files under ${path.relative(root, testsDir)}${only ? ` matching ${only}` : ''}`);
  process.exit(1);
}

const entry = [
  `import { registerTests, run } from './test/exthost/index.ts';`,
  `registerTests([`,
  ...files.map((f) => `  { file: ${JSON.stringify(f)}, load: () => require(${JSON.stringify('./' + f)}) },`),
  `]);`,
  `export { run };`,
].join('\n');

const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'exthost-tests-entry.ts', loader: 'ts' },
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  external: ['vscode', 'mocha', 'bufferutil', 'utf-8-validate', 'encoding'],
  metafile: true,
});
const bytes = fs.statSync(outfile).size;
console.log(
  `built ${path.relative(root, outfile)} (${(bytes / 1024).toFixed(0)} KiB) with ${files.length} test file(s): ${files.join(', ')}`,
);
void result;
