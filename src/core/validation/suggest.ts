// Near-miss suggestions for unknown keys and enum values: `clustertype` → `clusterType`,
// `replica` → `replicas`, `dataSzie` → `dataSize`. Case and `-`/`_` differences always match;
// otherwise the optimal-string-alignment distance (adjacent swaps count once) must be small
// relative to the word, so short unrelated words are not "corrected".

const normalise = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

const threshold = (len: number): number => (len <= 4 ? 1 : len <= 8 ? 2 : 3);

/** The closest candidate, or undefined when none is close enough. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 100) return undefined;
  const w = normalise(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const n = normalise(c);
    if (n === w) return c;
    const dist = editDistance(w, n);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best !== undefined && bestDistance <= threshold(Math.min(w.length, normalise(best).length)) ? best : undefined;
}
