// Targets of issue 15 evaluated on bench/results.json, and the printed report (every figure next to
// its anchor from the same run). Used by run.mjs and by readme.mjs.
// A target whose figure was not measured counts as not met: an absent number proves nothing.

const f0 = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const f1 = (n) => (n == null ? '—' : n.toFixed(1));
const f2 = (n) => (n == null ? '—' : n.toFixed(2));

/** Explorer scales that ran to the end. */
export function goodScales(results) {
  return (results.explorer?.scales ?? []).filter((s) => !s.error && s.median);
}

export function evaluate(results) {
  const t = [];
  const add = (name, value, target, met, note = '') => t.push({ name, value, target, met: Boolean(met), note });
  const scales = goodScales(results);
  if (scales.length === 0) add('explorer first load', null, '≤ 1.3× raw LIST, < k9s', false, 'not measured');
  for (const s of scales) {
    const m = s.median;
    add(`first load ≤ 1.3× raw LIST at ${s.clusters} clusters`, m.explorer / m.raw, '≤ 1.30', m.explorer <= 1.3 * m.raw);
    add(
      `first load faster than k9s at ${s.clusters} clusters`,
      m.k9s == null ? null : m.explorer / m.k9s,
      '< 1.00',
      m.k9s != null && m.explorer < m.k9s,
      m.k9s == null ? 'k9s not measured' : '',
    );
  }
  for (const s of results.explorer?.scales ?? [])
    if (s.error) add(`explorer at ${s.clusters} clusters`, null, 'runs', false, s.error);
  if (scales.length >= 2) {
    // growth exponent between consecutive scales: time ∝ objects^k, near-linear is k ≤ 1.1
    for (let i = 1; i < scales.length; i++) {
      const a = scales[i - 1];
      const b = scales[i];
      const k = Math.log(b.median.explorer / a.median.explorer) / Math.log(b.objects / a.objects);
      add(`near-linear growth ${a.clusters}→${b.clusters} clusters (exponent)`, k, '≤ 1.10', k <= 1.1);
    }
  }
  // In VS Code when measured there; else the core model's figures, said so.
  const vs = results.vscode;
  const model = results.explorer?.model;
  const expand = vs?.expand ?? model?.expand;
  const update = vs?.update ?? model?.update;
  const where = vs?.expand ? 'VS Code tree provider' : 'core model, not VS Code';
  add(
    `expand p95 (events present, ${where})`,
    expand?.p95 ?? null,
    '< 10 ms',
    expand && expand.p95 < 10,
    expand ? '' : 'not measured',
  );
  add(
    `API change → row p95 (product debounce, ${where})`,
    update?.p95 ?? null,
    '< 300 ms',
    update && update.p95 < 300,
    update ? '' : 'not measured',
  );
  add(
    'activation (extension.activate() in code-server)',
    vs?.activationMs ?? null,
    '< 50 ms',
    vs && vs.activationMs != null && vs.activationMs < 50,
    vs ? (vs.activationMs == null ? 'the extension was already active' : '') : 'not measured',
  );
  add(
    `extension-host RSS growth at ${vs ? vs.clusters.toLocaleString('en-US') : '1,000'} clusters`,
    vs?.memoryGrowthMb ?? null,
    '< 150 MB',
    vs && vs.memoryGrowthMb < 150 && vs.clusters >= 1000,
    vs ? (vs.clusters < 1000 ? 'fewer than 1,000 clusters loaded' : '') : 'not measured',
  );
  if (vs && scales.length) {
    const same = scales.find((s) => s.clusters === vs.clusters);
    if (same)
      add(
        `first tree rows in VS Code ≤ 1.3× raw LIST at ${vs.clusters} clusters`,
        vs.allRowsMs / same.median.raw,
        '≤ 1.30',
        vs.allRowsMs <= 1.3 * same.median.raw,
        'raw LIST from the same scale round',
      );
  }
  const logs = results.logs;
  add(
    'log throughput ours/kubectl (ratio of medians)',
    logs?.ratio ?? null,
    '≥ 0.90',
    logs && logs.ratio >= 0.9,
    logs ? '' : 'not measured',
  );
  add(
    'log streaming: longest CPU stretch without returning to the event loop',
    logs?.maxTurnCpuMs ?? null,
    '< 100 ms',
    logs && logs.maxTurnCpuMs < 100,
    logs
      ? `event-loop delay max ${Math.round(logs.maxEventLoopDelayMs)} ms at load ${logs.loadAverage?.toFixed(1)}`
      : 'not measured',
  );
  const v = results.validation;
  add(
    'validation p95 ours/yaml-language-server',
    v?.ratioP95 ?? null,
    '≤ 1.00',
    v && v.schemaApplied && v.ratioP95 <= 1,
    v ? (v.schemaApplied ? '' : 'yaml-language-server did not flag the bad document') : 'not measured',
  );
  return t;
}

export function printReport(results) {
  console.log(
    `\n== results (${results.date}; ${results.machine.cpus} × ${results.machine.model}; load average ${results.loadAverage.start.map(f2).join(' ')} → ${results.loadAverage.end.map(f2).join(' ')}) ==`,
  );
  const scales = goodScales(results);
  if (scales.length) {
    console.log('\nexplorer first load, median ms of interleaved rounds (ratio to raw LIST):');
    console.log('clusters  objects  raw LIST  explorer        kubectl -o json   k9s pod view      load avg');
    for (const s of scales) {
      const m = s.median;
      const r = (x) => (x == null ? '—' : `${f0(x)} (${f2(x / m.raw)}×)`);
      console.log(
        `${String(s.clusters).padStart(8)}  ${String(s.objects).padStart(7)}  ${f0(m.raw).padStart(8)}  ${r(m.explorer).padEnd(14)}  ${r(m.kubectl).padEnd(16)}  ${r(m.k9s).padEnd(16)}  ${s.loadAverage.map(f1).join(' ')}`,
      );
    }
    for (const s of scales)
      if (s.kubectlSkipped)
        console.log(`  (${s.clusters} clusters: the kubectl anchor was left out of this run, BENCH_SKIP_KUBECTL=1)`);
    for (const s of scales)
      if (s.frozen?.length)
        console.log(`  (${s.clusters} clusters: ${s.frozen.join(', ')} stopped once the ground was quiet, BENCH_FREEZE)`);
    console.log(
      'curve (explorer ms per 1,000 listed objects): ' +
        scales.map((s) => `${s.clusters}: ${f1((s.median.explorer / s.objects) * 1000)}`).join(', '),
    );
    const big = scales.at(-1);
    console.log(
      `memory of a Node process holding the model at ${big.clusters} clusters: RSS +${f0(big.memoryNode.rssMb)} MB, heap +${f0(big.memoryNode.heapMb)} MB (not the extension host)`,
    );
  }
  const model = results.explorer?.model;
  if (model) {
    console.log(
      `expand (whole cluster, events present) at ${model.clusters} clusters: p50 ${f2(model.expand.p50)} ms, p95 ${f2(model.expand.p95)} ms over ${model.expand.n}`,
    );
    console.log(
      `API change → model row (product debounce): p50 ${f0(model.update.p50)} ms, p95 ${f0(model.update.p95)} ms over ${model.update.n}`,
    );
  }
  const vs = results.vscode;
  if (vs?.expand)
    console.log(
      `VS Code tree provider: expand p50 ${f2(vs.expand.p50)} ms, p95 ${f2(vs.expand.p95)} ms over ${vs.expand.n}; API change → row p50 ${f0(vs.update.p50)} ms, p95 ${f0(vs.update.p95)} ms over ${vs.update.n}`,
    );
  if (vs)
    console.log(
      `VS Code (code-server extension host, ${vs.clusters} clusters, median of ${vs.runs.length}): activate() ${vs.activationMs == null ? '—' : f0(vs.activationMs) + ' ms'}; activate() start → first cluster row ${f0(vs.firstRowMs)} ms, all rows ${f0(vs.allRowsMs)} ms; RSS +${f0(vs.memoryGrowthMb)} MB, heap +${f0(vs.heapGrowthMb)} MB`,
    );
  if (results.logs)
    console.log(
      `logs: ours ${f0(results.logs.oursLinesPerSec)} lines/s vs kubectl logs -f ${f0(results.logs.kubectlLinesPerSec)} lines/s (medians of ${results.logs.runs}); ratio ${f2(results.logs.ratio)}`,
    );
  if (results.validation) {
    const v = results.validation;
    console.log(
      `validation (${v.runs} interleaved runs): ours p95 ${f2(v.oursP95)} ms vs yaml-language-server p95 ${f2(v.theirsP95)} ms; ratio ${f2(v.ratioP95)}; schema applied by yaml-language-server: ${v.schemaApplied}`,
    );
  }
  console.log('\ntargets:');
  for (const t of results.targets)
    console.log(
      `  ${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.value == null ? '—' : f2(t.value)} (target ${t.target})${t.note ? ` — ${t.note}` : ''}`,
    );
}
