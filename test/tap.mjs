// Counts the tests of a node:test TAP report from its test points, not from the trailing
// summary (which a forced exit can cut off). Suites are not tests; SKIP and TODO are not passes.
export function countTap(text) {
  const lines = text.split('\n');
  const out = { passed: 0, failed: 0, skipped: 0, complete: /^# (tests|pass) \d+/m.test(text) };
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(not ok|ok) \d+ - .*?(#\s*(SKIP|TODO)\b.*)?$/i.exec(lines[i]);
    if (!m) continue;
    let suite = false;
    if (lines[i + 1]?.trim() === '---') {
      for (let j = i + 2; j < lines.length && lines[j].trim() !== '...'; j++) {
        if (/^\s*type: 'suite'/.test(lines[j])) suite = true;
      }
    }
    if (suite) {
      // A suite that failed without failing subtests (a hook failed) still counts as a failure.
      continue;
    }
    if (m[3]) out.skipped++;
    else if (m[1] === 'ok') out.passed++;
    else out.failed++;
  }
  // A failed hook shows only on the suite line: make sure it is not lost.
  const suiteFailures = [...text.matchAll(/^\s*not ok \d+ - .*\n\s*---\n(?:(?!\s*\.\.\.)[^\n]*\n)*?\s*type: 'suite'/gm)].length;
  if (out.failed === 0 && suiteFailures > 0) out.failed = suiteFailures;
  // A test file whose process died mid-way leaves subtests that were announced but never
  // finished (CI once lost half of a suite this way with no failure reported): each counts as a
  // failure, so a truncated report can never pass.
  out.unfinished = unfinishedSubtests(lines);
  out.failed += out.unfinished.length;
  return out;
}

/** Names of `# Subtest: X` lines with no `ok`/`not ok N - X` at the same indentation after them. */
export function unfinishedSubtests(lines) {
  const open = [];
  const unfinished = [];
  for (const line of lines) {
    const sub = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (sub) {
      // A new subtest at an indentation closes nothing; it is pushed and must be answered.
      open.push({ indent: sub[1].length, name: sub[2] });
      continue;
    }
    const point = /^(\s*)(?:not ok|ok) \d+ - (.*?)(?:\s+#\s*(?:SKIP|TODO)\b.*)?$/.exec(line);
    if (!point) continue;
    const indent = point[1].length;
    // Close the innermost open subtest at this indentation; deeper ones still open were cut off.
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k].indent === indent) {
        for (const left of open.splice(k)) if (left !== open[k] && left.indent > indent) unfinished.push(left.name);
        break;
      }
    }
  }
  for (const left of open) unfinished.push(left.name);
  return unfinished;
}

/**
 * The failed tests of a TAP report with the first lines of their error and where they failed, so a
 * CI log that shows only the end of the output still says why (the spec report above it may be cut).
 */
export function failureDetails(text, maxLines = 6) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)not ok \d+ - (.*?)(\s+#\s*(SKIP|TODO)\b.*)?$/.exec(lines[i]);
    if (!m || m[3] || lines[i + 1]?.trim() !== '---') continue;
    const block = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].trim() !== '...'; j++) block.push(lines[j]);
    if (
      block.some((l) => /^\s*type: 'suite'/.test(l)) &&
      !block.some((l) => /failureType: '(hookFailed|testCodeFailure)'/.test(l))
    )
      continue;
    // A suite failing because its tests did, or a test cancelled because its suite's hook failed,
    // says nothing the failures it counts do not say already.
    if (block.some((l) => /failureType: '(subtestsFailed|cancelledByParent)'/.test(l))) continue;
    const field = (name) => {
      const k = block.findIndex((l) => new RegExp(`^\\s*${name}:`).test(l));
      if (k < 0) return [];
      const first = block[k].replace(new RegExp(`^\\s*${name}:\\s*`), '');
      if (!/^[|>]-?$/.test(first)) return [first.replace(/^'(.*)'$/, '$1')];
      const indent = /^(\s*)/.exec(block[k])[1].length;
      const body = [];
      for (let q = k + 1; q < block.length && /^(\s*)/.exec(block[q])[1].length > indent; q++) body.push(block[q].trim());
      return body;
    };
    const error = field('error').filter((l) => l !== '');
    const location = field('location')[0]?.replace(/^'|'$/g, '') ?? '';
    out.push({ name: m[2], location, error: error.slice(0, maxLines), more: Math.max(0, error.length - maxLines) });
    i = j;
  }
  return out;
}
