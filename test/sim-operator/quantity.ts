// SIMULATED DolphinDB operator: Kubernetes quantity helpers (pure).

const QUANTITY_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function isQuantity(value: string): boolean {
  return QUANTITY_RE.test(value.trim());
}

/** Numeric value of a quantity (bytes for memory/storage, cores for cpu); undefined when invalid. */
export function parseQuantity(value: string): number | undefined {
  const m = QUANTITY_RE.exec(value.trim());
  if (!m) return undefined;
  const num = Number(m[1]);
  const suffix = m[3] ?? '';
  if (/^[eE]/.test(suffix)) return num * 10 ** Number(suffix.slice(1));
  const factor = SUFFIX[suffix];
  return factor === undefined ? undefined : num * factor;
}

/** The larger of two quantities (by value); `b` undefined or "0" returns `a`. */
export function maxQuantity(a: string, b: string | undefined): string {
  if (b === undefined) return a;
  const va = parseQuantity(a);
  const vb = parseQuantity(b);
  if (va === undefined || vb === undefined) return a;
  return vb > va ? b : a;
}
