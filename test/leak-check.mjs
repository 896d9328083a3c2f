#!/usr/bin/env node
// After the whole suite: searches every log the run kept (.test-results/: tier logs, TAP output,
// the extension host console, the extension's own output channels) for the test ground's user
// tokens, the admin client key and the license files' contents. Prints a JSON verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const groundDir = process.env.DDB_GROUND_DIR;
// The fixture licenses are named in test/fixtures/paths.ts (TypeScript, loaded through tsx).
const fixtures = await tsImport('./fixtures/paths.ts', import.meta.url);
const secrets = [];
if (groundDir && fs.existsSync(path.join(groundDir, 'state.json'))) {
  const st = JSON.parse(fs.readFileSync(path.join(groundDir, 'state.json'), 'utf8'));
  for (const [user, u] of Object.entries(st.users ?? {})) secrets.push({ what: `token of ${user}`, text: u.token });
  const kc = fs.readFileSync(st.kubeconfig, 'utf8');
  const keyData = /client-key-data:\s*(\S+)/.exec(kc)?.[1];
  const pemFile = /client-key:\s*(\S+)/.exec(kc)?.[1];
  const pem = keyData
    ? Buffer.from(keyData, 'base64').toString('utf8')
    : pemFile && fs.existsSync(pemFile)
      ? fs.readFileSync(pemFile, 'utf8')
      : '';
  const body = pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  if (body) secrets.push({ what: 'admin client key', text: body.slice(10, 74) });
  if (keyData) secrets.push({ what: 'admin client key (base64)', text: keyData.slice(10, 74) });
}
for (const f of fixtures.SECRET_LICENSES) {
  const p = fixtures.licenseFile(f);
  for (const line of fs.readFileSync(p, 'utf8').split('\n').slice(1))
    if (line.trim().length >= 24) secrets.push({ what: `content of ${f}`, text: line.trim().slice(0, 48) });
}
const files = [];
const walk = (d) => {
  if (!fs.existsSync(d)) return;
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(path.join(root, '.test-results'));
const leaks = [];
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  for (const s of secrets) if (s.text && text.includes(s.text)) leaks.push(`${s.what} in ${path.relative(root, f)}`);
}
const ok = secrets.length > 0 && files.length > 0 && leaks.length === 0;
console.log(JSON.stringify({ ok, secrets: secrets.length, files: files.length, leaks }, null, 2));
process.exit(ok ? 0 : 1);
