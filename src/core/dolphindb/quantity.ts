// Kubernetes resource quantities (`1Gi`, `200m`, `"0"`, `1.5`, `1e3`), parsed exactly.
// Values are kept as exact fractions of BigInts so `1Gi` vs `1073741824` or `0.5` vs `500m`
// compare without floating-point error. The grammar follows apimachinery's ParseQuantity:
//   <sign>? <digits>[.<digits>] ( Ki|Mi|Gi|Ti|Pi|Ei | n|u|m|k|M|G|T|P|E | e<int> | E<int> )?
// `10GB` is not a quantity (there is no `B` suffix); that is the mistake DDB-E011 catches.

/** Same grammar as parseQuantity, for the JSON schema (`pattern`). Kept in sync by a unit test. */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

const QUANTITY_RE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

// Far beyond anything a real manifest holds; it bounds BigInt work on hostile input.
const MAX_EXPONENT = 1000;
const MAX_DIGITS = 200;

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export interface Quantity {
  /** The text as written (numbers are stringified as JSON would send them). */
  readonly text: string;
  /** Exact value = numerator / denominator; denominator > 0. */
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Parses a quantity; `undefined` when the input is not a valid Kubernetes quantity. Never throws. */
export function parseQuantity(input: unknown): Quantity | undefined {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return undefined;
  }
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const [, sign, number, suffix = ''] = m;
  if (number.length > MAX_DIGITS) return undefined;

  const [intPart, fracPart = ''] = number.split('.');
  let numerator = BigInt((intPart || '0') + fracPart);
  let denominator = 10n ** BigInt(fracPart.length);

  if (suffix in BINARY) {
    numerator *= 2n ** BigInt(BINARY[suffix]);
  } else {
    let exp10 = 0;
    if (suffix in DECIMAL) exp10 = DECIMAL[suffix];
    else if (suffix !== '') {
      exp10 = Number(suffix.slice(1));
      if (!Number.isSafeInteger(exp10) || Math.abs(exp10) > MAX_EXPONENT) return undefined;
    }
    if (exp10 >= 0) numerator *= 10n ** BigInt(exp10);
    else denominator *= 10n ** BigInt(-exp10);
  }
  if (sign === '-') numerator = -numerator;
  return { text, numerator, denominator };
}

export function isQuantity(input: unknown): boolean {
  return parseQuantity(input) !== undefined;
}

/** -1, 0 or 1, exactly. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Compares two raw values; `undefined` if either is not a quantity. */
export function compareQuantityValues(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const qa = parseQuantity(a);
  const qb = parseQuantity(b);
  return qa && qb ? compareQuantities(qa, qb) : undefined;
}

export function isNegative(q: Quantity): boolean {
  return q.numerator < 0n;
}

/** Approximate float value, for display and capacity sums only (never for rule decisions). */
export function quantityToNumber(q: Quantity): number {
  return Number(q.numerator) / Number(q.denominator);
}
