#!/usr/bin/env node
// `npm run bench`: starts the test ground (unless KUBECONFIG already points at one), runs each
// benchmark, and prints its figures next to the anchor measured in the same run, as ratios.
//   --only explorer|validation|logs   run one benchmark (repeatable)
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const only = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--only') only.push(argv[++i]);
const want = (b) => only.length === 0 || only.includes(b);

function run(cmd, args, env = {}, capture = false) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...env } });
    let out = '';
    if (capture) p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

let groundEnv = {};
let ownGround = false;
async function ensureGround() {
  if (process.env.KUBECONFIG && process.env.DDB_GROUND_DIR) return;
  await run('bash', ['test/ground/build-binaries.sh'], {}, true);
  const up = await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'up'], {}, true);
  if (up.code !== 0) throw new Error('the test ground did not start');
  for (const m of up.out.matchAll(/^export (\w+)='([^']*)'/gm)) groundEnv[m[1]] = m[2];
  const bin = /export PATH='([^']*)'/.exec(up.out)?.[1];
  if (bin) groundEnv.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
  ownGround = true;
}

const failures = [];
try {
  await run(process.execPath, ['esbuild.mjs']);
  if (want('validation')) {
    console.log('\n== validation (language server) ==');
    if ((await run(process.execPath, ['--import', 'tsx', 'bench/validation.ts'])).code !== 0) failures.push('validation');
  }
  if (want('explorer') || want('logs')) await ensureGround();
  if (want('explorer')) {
    console.log('\n== explorer (real control plane) ==');
    if ((await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/explorer.ts'], groundEnv)).code !== 0) failures.push('explorer');
  }
  if (want('logs')) {
    console.log('\n== logs (real control plane, KWOK-served log) ==');
    if ((await run(process.execPath, ['--import', 'tsx', 'bench/logs.ts'], groundEnv)).code !== 0) failures.push('logs');
  }
} finally {
  if (ownGround) await run(process.execPath, ['--import', 'tsx', 'test/ground/cli.ts', 'down', '--purge'], groundEnv);
}
if (failures.length) {
  console.error(`benchmarks that failed to run: ${failures.join(', ')}`);
  process.exit(1);
}
