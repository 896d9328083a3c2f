// Coverage of `src/core`, `src/server` and `src/protocol` by the unit and cluster tiers (the
// extension layer runs bundled inside VS Code, in the extension-host tier, and is not measured) (V8 coverage collected by the runner, reported
// by c8): a per-module table, and the source files that no test of those tiers loads at all.
// Printed by `npm test`; the full report is left in .test-results/coverage/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGroup } from './runner.mjs';

const pct = (c) => (c.total === 0 ? '   -  ' : `${((100 * c.covered) / c.total).toFixed(1).padStart(5)}%`);

/** Runs c8 over `rawDir`, returns c8's json-summary (per file and total), or undefined. */
async function summarise(root, rawDir, outDir) {
  if (!fs.existsSync(rawDir) || fs.readdirSync(rawDir).length === 0) return undefined;
  const c8 = path.join(root, 'node_modules', 'c8', 'bin', 'c8.js');
  const args = [
    c8,
    'report',
    `--temp-directory=${rawDir}`,
    `--reports-dir=${outDir}`,
    '--reporter=json-summary',
    '--reporter=text',
    '--all',
    '--src=src',
    '--include=src/core/**/*.ts',
    '--include=src/server/**/*.ts',
    '--include=src/protocol/**/*.ts',
    '--exclude=**/*.d.ts',
    '--exclude=**/types.ts',
    '--extension=.ts',
  ];
  const r = await runGroup(process.execPath, args, { cwd: root, capture: true, limitMs: 300_000 });
  fs.writeFileSync(path.join(outDir, 'files.txt'), r.out);
  const file = path.join(outDir, 'coverage-summary.json');
  return r.code === 0 && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** `src/core/k8s/http.ts` → `core/k8s`; files directly in a layer count as that layer. */
const moduleOf = (rel) => {
  const parts = rel.split('/').slice(1, -1);
  return parts.slice(0, 2).join('/') || rel.split('/')[1];
};

function byModule(root, summary) {
  const mods = new Map();
  for (const [file, s] of Object.entries(summary)) {
    if (file === 'total') continue;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const m = moduleOf(rel);
    const e = mods.get(m) ?? {
      files: 0,
      lines: { total: 0, covered: 0 },
      functions: { total: 0, covered: 0 },
      branches: { total: 0, covered: 0 },
      untouched: [],
    };
    e.files++;
    for (const k of ['lines', 'functions', 'branches']) {
      e[k].total += s[k].total;
      e[k].covered += s[k].covered;
    }
    if (s.lines.total > 0 && s.lines.covered === 0) e.untouched.push(rel);
    mods.set(m, e);
  }
  return mods;
}

/**
 * Reports coverage for each tier's raw folder and for all of them together. Returns the lines to
 * print (a table per module: lines by tier, then lines/functions/branches together).
 */
export async function coverageTable(root, tiers, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const sums = {};
  for (const [tier, raw] of Object.entries(tiers)) sums[tier] = await summarise(root, raw, path.join(outDir, tier));
  const allRaw = path.join(outDir, 'all-raw');
  fs.mkdirSync(allRaw, { recursive: true });
  for (const raw of Object.values(tiers))
    if (fs.existsSync(raw)) for (const f of fs.readdirSync(raw)) fs.copyFileSync(path.join(raw, f), path.join(allRaw, f));
  const all = await summarise(root, allRaw, path.join(outDir, 'all'));
  fs.rmSync(allRaw, { recursive: true, force: true });
  if (!all) return ['coverage: no data (c8 report failed; see .test-results/coverage/)'];
  const names = Object.keys(tiers);
  const perTier = Object.fromEntries(names.map((t) => [t, sums[t] ? byModule(root, sums[t]) : new Map()]));
  const mods = byModule(root, all);
  const head = `${'module'.padEnd(22)} files ${names.map((t) => `${t.padStart(7)} `).join('')} lines   funcs   branches (all tiers)`;
  const out = [
    'coverage of src/core, src/server, src/protocol (c8 over V8 coverage; the LSP black-box tests run dist/server.js, so src/server/handlers shows only what unit tests load):',
    head,
  ];
  for (const m of [...mods.keys()].sort()) {
    const e = mods.get(m);
    const tierCols = names.map((t) => `${pct(perTier[t].get(m)?.lines ?? { total: 0, covered: 0 })}  `).join('');
    out.push(
      `${m.padEnd(22)} ${String(e.files).padStart(5)} ${tierCols}${pct(e.lines)}  ${pct(e.functions)}  ${pct(e.branches)}`,
    );
  }
  const t = all.total;
  out.push(
    `${'total'.padEnd(22)} ${''.padStart(5)} ${names.map((n) => `${sums[n] ? pct(sums[n].total.lines) : '   -  '}  `).join('')}${pct(t.lines)}  ${pct(t.functions)}  ${pct(t.branches)}`,
  );
  const untouched = [...mods.values()].flatMap((e) => e.untouched).sort();
  if (untouched.length) out.push(`not loaded by any unit or cluster test (${untouched.length}): ${untouched.join(', ')}`);
  return out;
}
