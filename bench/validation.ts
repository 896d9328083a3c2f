// Validation and completion speed of the DolphinDB language service, with yaml-language-server's
// own JSON-schema validation of the same documents against the same schema as the anchor,
// measured in the same process and run.   node --import tsx bench/validation.ts
//   the CR is the HA fixture of test/fixtures (test/fixtures/paths.ts)
//   BENCH_RUNS      runs for the single CR (default 200); the 2,000-document file uses RUNS/20
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import schema from '../schemas/dolphindb.schema.json';
import { validateText } from '../src/core/validation';
import { DolphinDBLanguageService } from '../src/server/service/languageService';
import { example } from '../test/fixtures/paths';

const ROOT = path.resolve(__dirname, '..');
const CR_FILE = example('valid/03-multicontroller-ha-3ctr-3dn.yaml');
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 200));
const BIG_RUNS = Math.max(3, Math.round(RUNS / 20));
const DOCS = 2_000;

const TARGET_P95_MS = 15;
const TARGET_RATIO = 1.2;

function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function measure(runs: number, fn: () => unknown): Promise<{ p50: number; p95: number }> {
  // Warm-up: JIT, schema compilation, caches that a running server would already have.
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (n: number): string => `${n.toFixed(3)} ms`;

function theirService() {
  const ls = getLanguageService({
    schemaRequestService: () => Promise.reject(new Error('no remote schemas in the bench')),
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  ls.configure({
    validate: true,
    completion: true,
    hover: false,
    isKubernetes: false,
    schemas: [{ uri: 'file:///bench/dolphindb.schema.json', fileMatch: ['*.yaml'], schema }],
  });
  return ls;
}

/** The CR repeated with distinct names, as one multi-document file. */
function multiDocument(cr: string, count: number): string {
  const body = cr.replace(/^#.*\n/gm, '');
  return Array.from({ length: count }, (_, i) => body.replace(/^( {2}name: )ha$/m, `$1ha-${String(i).padStart(4, '0')}`)).join('---\n');
}

/** 100 positions spread over the CR: key starts, and value starts after `: `. */
function completionPositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  const lines = text.split('\n');
  for (let round = 0; out.length < 100; round++) {
    for (let line = 0; line < lines.length && out.length < 100; line++) {
      const l = lines[line];
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const indent = l.length - l.trimStart().length;
      const colon = l.indexOf(': ');
      const character = round % 2 === 0 || colon < 0 ? indent : colon + 2;
      out.push({ line, character });
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CR_FILE)) throw new Error(`example CR not found: ${CR_FILE}`);
  const cr = fs.readFileSync(CR_FILE, 'utf8');
  const big = multiDocument(cr, DOCS);
  // No time budget: the bench measures complete validation (the server stops after 2 s).
  const ours = new DolphinDBLanguageService({ timeBudgetMs: 600_000 });
  const theirs = theirService();
  const crDoc = TextDocument.create('file:///bench/cr.yaml', 'yaml', 1, cr);
  const bigDoc = TextDocument.create('file:///bench/big.yaml', 'yaml', 1, big);

  // Sanity: both find the CR valid, and both look at every document of the big file.
  const ourProblems = (await ours.validate(cr)) ?? [];
  const theirProblems = await theirs.doValidation(crDoc, false);
  console.log(`example: ${path.relative(ROOT, CR_FILE)}; problems ours ${ourProblems.length}, yaml-language-server ${theirProblems.length}`);
  const bigProblems = (await ours.validate(big)) ?? [];
  const bigTheirs = await theirs.doValidation(bigDoc, false);
  console.log(`${DOCS}-document file: problems ours ${bigProblems.length}, yaml-language-server ${bigTheirs.length}`);

  console.log(`\n1) typical 3×3 CR, ${RUNS} runs`);
  const coreCr = await measure(RUNS, () => validateText(cr));
  // A new string each run so the service's parse cache cannot help (as after an edit).
  let n = 0;
  const oursCr = await measure(RUNS, () => ours.validate(`${cr}#${n++}\n`));
  const theirsCr = await measure(RUNS, () => theirs.doValidation(TextDocument.create('file:///bench/cr.yaml', 'yaml', n++, `${cr}#${n}\n`), false));
  console.log(`   ours (validateText)      p50 ${ms(coreCr.p50)}  p95 ${ms(coreCr.p95)}`);
  console.log(`   ours (service, per edit) p50 ${ms(oursCr.p50)}  p95 ${ms(oursCr.p95)}`);
  console.log(`   yaml-language-server     p50 ${ms(theirsCr.p50)}  p95 ${ms(theirsCr.p95)}`);
  const crRatio = oursCr.p50 / theirsCr.p50;
  console.log(`   ratio ours/theirs (p50)  ${crRatio.toFixed(2)}`);

  console.log(`\n2) ${DOCS}-document file (${(big.length / 1024).toFixed(0)} KiB), ${BIG_RUNS} runs`);
  const oursBig = await measure(BIG_RUNS, () => ours.validate(`${big}#${n++}\n`));
  const theirsBig = await measure(BIG_RUNS, () => theirs.doValidation(TextDocument.create('file:///bench/big.yaml', 'yaml', n++, `${big}#${n}\n`), false));
  const perDoc = (x: number): string => `${((x / DOCS) * 1000).toFixed(1)} µs/doc`;
  console.log(`   ours                     p50 ${ms(oursBig.p50)} (${perDoc(oursBig.p50)})  p95 ${ms(oursBig.p95)}`);
  console.log(`   yaml-language-server     p50 ${ms(theirsBig.p50)} (${perDoc(theirsBig.p50)})  p95 ${ms(theirsBig.p95)}`);
  const bigRatio = oursBig.p50 / theirsBig.p50;
  console.log(`   ratio ours/theirs per document (p50) ${bigRatio.toFixed(2)}`);

  console.log('\n3) completion at 100 positions of the CR');
  const positions = completionPositions(cr);
  const oursCompletion: number[] = [];
  const theirsCompletion: number[] = [];
  for (let i = 0; i < 10; i++) for (const p of positions.slice(0, 10)) await ours.complete(cr, p);
  for (const p of positions) {
    // Text changes between completions in an editor, so the parse is not reused here either.
    const text = `${cr}#${n++}\n`;
    let t0 = performance.now();
    await ours.complete(text, p);
    oursCompletion.push(performance.now() - t0);
    t0 = performance.now();
    await theirs.doComplete(TextDocument.create('file:///bench/cr.yaml', 'yaml', n, text), p, false);
    theirsCompletion.push(performance.now() - t0);
  }
  console.log(`   ours                     p50 ${ms(percentile(oursCompletion, 50))}  p95 ${ms(percentile(oursCompletion, 95))}`);
  console.log(`   yaml-language-server     p50 ${ms(percentile(theirsCompletion, 50))}  p95 ${ms(percentile(theirsCompletion, 95))}`);

  console.log('\ntargets');
  console.log(`   typical CR p95 < ${TARGET_P95_MS} ms: ${oursCr.p95 < TARGET_P95_MS ? 'met' : 'MISSED'} (${ms(oursCr.p95)})`);
  console.log(`   per document ours/theirs ≤ ${TARGET_RATIO}: ${Math.max(crRatio, bigRatio) <= TARGET_RATIO ? 'met' : 'MISSED'} (single CR ${crRatio.toFixed(2)}, ${DOCS} documents ${bigRatio.toFixed(2)})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
