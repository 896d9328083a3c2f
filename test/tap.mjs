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
  return out;
}
