#!/usr/bin/env node
// Collects every runtime UI string (first argument of t(...) / this.t(...) / l10n.t(...)) from
// src/ into l10n/bundle.l10n.json, and checks that l10n/bundle.l10n.zh-cn.json translates each.
//   node scripts/l10n.mjs          write the English bundle, report missing translations
//   node scripts/l10n.mjs --check  exit 1 when the English bundle is stale or a translation is missing
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function collectMessages(dir = path.join(root, 'src')) {
  const out = new Set();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\b(?:this\.)?(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
      }
    }
  };
  walk(dir);
  return [...out].sort();
}

export function check() {
  const msgs = collectMessages();
  const en = Object.fromEntries(msgs.map((m) => [m, m]));
  const enFile = path.join(root, 'l10n', 'bundle.l10n.json');
  const zhFile = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  const zh = fs.existsSync(zhFile) ? JSON.parse(fs.readFileSync(zhFile, 'utf8')) : {};
  const current = fs.existsSync(enFile) ? JSON.parse(fs.readFileSync(enFile, 'utf8')) : {};
  const missingZh = msgs.filter((m) => typeof zh[m] !== 'string' || zh[m].trim() === '');
  const staleEn = JSON.stringify(current) !== JSON.stringify(en);
  const badPlaceholders = msgs.filter((m) => typeof zh[m] === 'string' && (m.match(/\{\d+\}/g) ?? []).sort().join() !== (zh[m].match(/\{\d+\}/g) ?? []).sort().join());
  return { msgs, en, enFile, missingZh, staleEn, badPlaceholders };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = check();
  if (process.argv.includes('--check')) {
    if (r.staleEn) console.error('l10n/bundle.l10n.json is stale: run node scripts/l10n.mjs');
    for (const m of r.missingZh) console.error(`missing zh-cn: ${JSON.stringify(m)}`);
    for (const m of r.badPlaceholders) console.error(`placeholders differ: ${JSON.stringify(m)}`);
    process.exit(r.staleEn || r.missingZh.length || r.badPlaceholders.length ? 1 : 0);
  }
  fs.mkdirSync(path.dirname(r.enFile), { recursive: true });
  fs.writeFileSync(r.enFile, JSON.stringify(r.en, null, 2) + '\n');
  console.log(`${r.msgs.length} messages; ${r.missingZh.length} without a zh-cn translation`);
  for (const m of r.missingZh) console.log(`  ${JSON.stringify(m)}`);
}
