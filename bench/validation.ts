// Validation and completion speed of the DolphinDB language service, with yaml-language-server's
// own JSON-schema validation of the same documents against the same schema as the anchor,
// measured in the same process, interleaved run by run (issue 15). Before timing, yaml-language-server
// must flag a known-bad document: a server that silently ignored the schema would be fast and useless.
//   node --import tsx bench/validation.ts
//   BENCH_RUNS      runs for the single CR (default 200); the 2,000-document file uses RUNS/20
//   BENCH_OUT       where to write the figures as JSON (run.mjs)
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import schema from '../schemas/dolphindb.schema.json';
import { validateText } from '../src/core/validation';
import { DolphinDBLanguageService } from '../src/server/service/languageService';

// A typical HA CR, written here so the bench reads nothing outside the repository.
const CR = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: ha
  namespace: ddb-prod
spec:
  mode: cluster
  clusterType: multicontroller
  version: v2.00.16
  storageClassName: standard
  logMode: 1
  disableCoreDump: false
  controller:
    replicas: 3
    port: 31210
    dataSize: 10Gi
    logSize: 1Gi
    resources:
      limits:
        cpu: "2"
        memory: 4Gi
      requests:
        cpu: "1"
        memory: 2Gi
    controllerConfig:
      dfsReplicationFactor: "2"
      dfsHAMode: Raft
  datanode:
    replicas: 3
    port: 32210
    dataSize: 100Gi
    logSize: 2Gi
    resources:
      limits:
        cpu: "8"
        memory: 32Gi
    config:
      maxMemSize: "28"
      workerNum: "8"
  computenode:
    replicas: 0
`;
// The same CR with a mode the schema's enum does not allow and a replicas count that is not an integer.
const BAD = CR.replace('mode: cluster', 'mode: clustr').replace(
  'replicas: 3\n    port: 32210',
  'replicas: three\n    port: 32210',
);
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 200));
const BIG_RUNS = Math.max(3, Math.round(RUNS / 20));
const DOCS = 2_000;

const TARGET_P95_MS = 15;
const TARGET_RATIO = 1.0;

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
  return Array.from({ length: count }, (_, i) => body.replace(/^( {2}name: )ha$/m, `$1ha-${String(i).padStart(4, '0')}`)).join(
    '---\n',
  );
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

/** `runs` interleaved pairs (order alternating), after a warm-up; the samples of each side. */
async function interleaved(runs: number, a: () => unknown, b: () => unknown): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < Math.min(20, runs); i++) {
    await a();
    await b();
  }
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
      const t0 = performance.now();
      await (side === 'a' ? a() : b());
      out[side].push(performance.now() - t0);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const cr = CR;
  const big = multiDocument(cr, DOCS);
  // No time budget: the bench measures complete validation (the server stops after 2 s).
  const ours = new DolphinDBLanguageService({ timeBudgetMs: 600_000 });
  const theirs = theirService();
  const crDoc = TextDocument.create('file:///bench/cr.yaml', 'yaml', 1, cr);
  const bigDoc = TextDocument.create('file:///bench/big.yaml', 'yaml', 1, big);

  // Sanity: both find the CR valid and the bad one invalid, and both look at every document of the big file.
  const ourProblems = (await ours.validate(cr)) ?? [];
  const theirProblems = await theirs.doValidation(crDoc, false);
  const ourBad = (await ours.validate(BAD)) ?? [];
  const theirBad = await theirs.doValidation(TextDocument.create('file:///bench/bad.yaml', 'yaml', 1, BAD), false);
  const schemaApplied = theirBad.length > 0 && theirProblems.length === 0;
  console.log(`inline HA CR: problems ours ${ourProblems.length}, yaml-language-server ${theirProblems.length}`);
  console.log(
    `known-bad CR (mode: clustr, replicas: three): problems ours ${ourBad.length}, yaml-language-server ${theirBad.length}${theirBad.length ? '' : ' — yaml-language-server did NOT apply the schema'}`,
  );
  if (!schemaApplied || ourBad.length === 0 || ourProblems.length > 0)
    throw new Error('the sanity check failed: the comparison would be meaningless');
  const bigProblems = (await ours.validate(big)) ?? [];
  const bigTheirs = await theirs.doValidation(bigDoc, false);
  console.log(`${DOCS}-document file: problems ours ${bigProblems.length}, yaml-language-server ${bigTheirs.length}`);

  console.log(`\n1) typical HA CR, ${RUNS} interleaved runs`);
  const coreCr = await measure(RUNS, () => validateText(cr));
  // A new string each run so neither side's parse cache can help (as after an edit).
  let n = 0;
  const crRuns = await interleaved(
    RUNS,
    () => ours.validate(`${cr}#${n++}\n`),
    () => theirs.doValidation(TextDocument.create('file:///bench/cr.yaml', 'yaml', n++, `${cr}#${n}\n`), false),
  );
  const oursCr = { p50: percentile(crRuns.a, 50), p95: percentile(crRuns.a, 95) };
  const theirsCr = { p50: percentile(crRuns.b, 50), p95: percentile(crRuns.b, 95) };
  console.log(`   ours (validateText)      p50 ${ms(coreCr.p50)}  p95 ${ms(coreCr.p95)}`);
  console.log(`   ours (service, per edit) p50 ${ms(oursCr.p50)}  p95 ${ms(oursCr.p95)}`);
  console.log(`   yaml-language-server     p50 ${ms(theirsCr.p50)}  p95 ${ms(theirsCr.p95)}`);
  const crRatio = oursCr.p95 / theirsCr.p95;
  console.log(`   ratio ours/theirs (p95)  ${crRatio.toFixed(2)}`);

  console.log(`\n2) ${DOCS}-document file (${(big.length / 1024).toFixed(0)} KiB), ${BIG_RUNS} interleaved runs`);
  const bigRuns = await interleaved(
    BIG_RUNS,
    () => ours.validate(`${big}#${n++}\n`),
    () => theirs.doValidation(TextDocument.create('file:///bench/big.yaml', 'yaml', n++, `${big}#${n}\n`), false),
  );
  const oursBig = { p50: percentile(bigRuns.a, 50), p95: percentile(bigRuns.a, 95) };
  const theirsBig = { p50: percentile(bigRuns.b, 50), p95: percentile(bigRuns.b, 95) };
  const perDoc = (x: number): string => `${((x / DOCS) * 1000).toFixed(1)} µs/doc`;
  console.log(`   ours                     p50 ${ms(oursBig.p50)} (${perDoc(oursBig.p50)})  p95 ${ms(oursBig.p95)}`);
  console.log(`   yaml-language-server     p50 ${ms(theirsBig.p50)} (${perDoc(theirsBig.p50)})  p95 ${ms(theirsBig.p95)}`);
  const bigRatio = oursBig.p95 / theirsBig.p95;
  console.log(`   ratio ours/theirs (p95)  ${bigRatio.toFixed(2)}`);

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
  console.log(
    `   yaml-language-server     p50 ${ms(percentile(theirsCompletion, 50))}  p95 ${ms(percentile(theirsCompletion, 95))}`,
  );

  const ratioP95 = Math.max(crRatio, bigRatio);
  console.log('\ntargets');
  console.log(`   typical CR p95 < ${TARGET_P95_MS} ms: ${oursCr.p95 < TARGET_P95_MS ? 'met' : 'MISSED'} (${ms(oursCr.p95)})`);
  console.log(
    `   p95 ours/theirs ≤ ${TARGET_RATIO}: ${ratioP95 <= TARGET_RATIO ? 'met' : 'MISSED'} (single CR ${crRatio.toFixed(2)}, ${DOCS} documents ${bigRatio.toFixed(2)})`,
  );
  if (process.env.BENCH_OUT) {
    fs.writeFileSync(
      process.env.BENCH_OUT,
      JSON.stringify({
        runs: RUNS,
        bigRuns: BIG_RUNS,
        schemaApplied,
        oursP95: oursCr.p95,
        theirsP95: theirsCr.p95,
        oursBigP95: oursBig.p95,
        theirsBigP95: theirsBig.p95,
        crRatioP95: crRatio,
        bigRatioP95: bigRatio,
        ratioP95,
        loadAverage: os.loadavg()[0],
      }),
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
