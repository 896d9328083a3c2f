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
