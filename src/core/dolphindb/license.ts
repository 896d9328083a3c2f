// Looks at a license file before it is uploaded (docs/domain.md §5): is it plausibly a DolphinDB
// license, and when does it expire? A license is one comma-separated header line (expiry date
// `YYYY.MM.DD`, apparent limits, licensee, …) followed by base64 signature lines.
// The content is sensitive: nothing here returns, logs or echoes any of it. The result carries
// only counts, the expiry date and a verdict; failure reasons are fixed sentences.
import { because, doing } from '../i18n/text';
import { msg, type Msg } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';

/** Larger than any real license (≈0.5 KiB) by two orders of magnitude. */
export const MAX_LICENSE_BYTES = 64 * 1024;

export type LicenseDefect = 'empty' | 'binary' | 'tooBig' | 'malformedHeader' | 'noSignature' | 'badSignature';

export interface LicenseInfo {
  readonly sizeBytes: number;
  /** Fields in the header line. */
  readonly headerFieldCount: number;
  /** Non-empty base64 lines after the header. */
  readonly signatureLineCount: number;
  /** Expiry as ISO `YYYY-MM-DD` when the first header field is a date. */
  readonly expiry?: string;
  /** Whether `expiry` is before `now` (the license stops working after that day). */
  readonly expired?: boolean;
}

// Translated at the edge from the failure's reasonText; tooBig's {0} is MAX_LICENSE_BYTES in KiB.
const REASONS: Readonly<Record<LicenseDefect, Msg>> = {
  empty: msg('The license file is empty.'),
  binary: msg('The license file is not text (it holds binary data).'),
  tooBig: msg('The license file is larger than {0} KiB; a DolphinDB license is far smaller.'),
  malformedHeader: msg('The first line is not a DolphinDB license header (a comma-separated line starting with an expiry date).'),
  noSignature: msg('The license file has a header but no signature lines.'),
  badSignature: msg('The lines after the header are not base64 text, as a license signature is.'),
};

const defect = (d: LicenseDefect): Result<LicenseInfo> =>
  fail({ kind: 'invalid', ...doing(msg('inspect license file')), ...because(REASONS[d], MAX_LICENSE_BYTES / 1024) });

/**
 * Defects of the inferred format (header fields, signature lines) that a user who knows better may
 * override: the format is read from sample licenses, not from a specification. A file that is
 * empty, binary or huge is not a license whatever its format, so those stay refused.
 */
export const OVERRIDABLE_DEFECTS: readonly LicenseDefect[] = ['malformedHeader', 'noSignature', 'badSignature'];

/** Which defect a failure from inspectLicense stands for (for tests and UI choices). */
export function licenseDefectOf(failure: Failure): LicenseDefect | undefined {
  return (Object.keys(REASONS) as LicenseDefect[]).find((k) => REASONS[k] === failure.reasonText?.message);
}

const DATE_RE = /^(\d{4})\.(\d{2})\.(\d{2})$/;
const BASE64_LINE_RE = /^[A-Za-z0-9+/]+={0,2}$/;

function isoDate(field: string): string | undefined {
  const m = DATE_RE.exec(field.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Rejects 2021.02.30 and the like, which Date would silently roll over.
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${mo}-${d}`;
}

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// Control characters other than tab/CR/LF never appear in a license.
const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * Checks the bytes of a license file. `now` decides `expired` (default: the current time).
 * Never throws; never puts any of the content into its result.
 */
export function inspectLicense(bytes: Uint8Array, now: Date = new Date()): Result<LicenseInfo> {
  if (bytes.length === 0) return defect('empty');
  if (bytes.length > MAX_LICENSE_BYTES) return defect('tooBig');
  const text = decodeText(bytes);
  if (text === undefined || CONTROL_RE.test(text)) return defect('binary');

  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const header = lines[0] ?? '';
  if (header === '') return lines.every((l) => l === '') ? defect('empty') : defect('malformedHeader');
  const fields = header.split(',');
  const expiry = isoDate(fields[0]);
  if (fields.length < 3 || expiry === undefined) return defect('malformedHeader');

  const body = lines.slice(1).filter((l) => l !== '');
  if (body.length === 0) return defect('noSignature');
  if (!body.every((l) => BASE64_LINE_RE.test(l))) return defect('badSignature');

  const expired = Date.parse(`${expiry}T23:59:59Z`) < now.getTime();
  return ok({ sizeBytes: bytes.length, headerFieldCount: fields.length, signatureLineCount: body.length, expiry, expired });
}
