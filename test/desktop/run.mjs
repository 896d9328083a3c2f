#!/usr/bin/env node
// `npm run test:desktop`: the same extension-host suites under a downloaded desktop VS Code
// (@vscode/test-electron), for machines with internet access. CI does not use it: this
// project's machines cannot download VS Code, so CI runs the suites in code-server instead.
// KUBECONFIG must point at a cluster prepared as test/vscode-rig/run-suites.ts prepares one.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
for (const step of [['esbuild.mjs'], ['test/vscode-rig/build-exthost-tests.mjs']]) {
  const r = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.90.0',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/exthost/index.js'),
    extensionTestsEnv: { KUBECONFIG: process.env.KUBECONFIG, DDB_TEST_RESULTS: path.join(root, '.test-results', 'desktop.json') },
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error('desktop tests failed:', e instanceof Error ? e.message : e);
  process.exit(1);
}
