// Reads a license file for upload and checks it with dolphindb/license.ts. The content leaves
// this module only as the value to write; nothing here logs or echoes it, and failure reasons
// are fixed sentences. `licenseScrubber` removes any of its lines from tool output (Helm).
// The format checks and the expiry are inferred, so a caller may accept a file that fails them
// (`acceptInvalid`, after the user's explicit choice): the result then says which check failed.
import { promises as fs } from 'node:fs';
import { because, reasonOf } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { Failure } from '../result';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';
import { inspectLicense, licenseDefectOf, MAX_LICENSE_BYTES, OVERRIDABLE_DEFECTS, type LicenseInfo } from '../dolphindb/license';

const EXPIRED = msg('The license expired on {0}; DolphinDB will not start with it.');

/** Whether a failure of readLicenseFile is a check the user may override (format or expiry). */
export function licenseCheckOverridable(f: Failure): boolean {
  if (f.reasonText?.message === EXPIRED) return true;
  const d = licenseDefectOf(f);
  return d !== undefined && OVERRIDABLE_DEFECTS.includes(d);
}

export interface LicenseFile {
  /** The text to upload. Sensitive: never log it. */
  readonly content: string;
  readonly info: LicenseInfo;
  /** The failed check, in the user's language, when the file is used anyway (`acceptInvalid`). */
  readonly overridden?: string;
}

/** A path on disk, or bytes the caller already holds (e.g. from a file picker). */
export type LicenseSource = string | Uint8Array;

export async function readLicenseFile(
  ctx: OperationContext,
  source: LicenseSource,
  opts: { allowExpired?: boolean; acceptInvalid?: boolean } = {},
): Promise<Result<LicenseFile>> {
  const op = ctx.t('read license file');
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try {
      const st = await fs.stat(source);
      if (!st.isFile()) return fail({ kind: 'invalid', operation: op, reason: ctx.t('The license path is not a file.') });
      // Checked before reading, so a wrong pick (a disk image, a log) is never loaded into memory.
      if (st.size > MAX_LICENSE_BYTES)
        return fail({
          kind: 'invalid',
          operation: op,
          reason: ctx.t('The license file is larger than {0} KiB; a DolphinDB license is far smaller.', MAX_LICENSE_BYTES / 1024),
        });
      bytes = await fs.readFile(source);
    } catch (e) {
      const code = (e as { code?: string }).code;
      return fail({
        kind: code === 'ENOENT' ? 'notFound' : 'invalid',
        operation: op,
        reason:
          code === 'ENOENT'
            ? ctx.t('The license file does not exist.')
            : ctx.t('The license file cannot be read ({0}).', code ?? 'error'),
      });
    }
  } else {
    bytes = source;
  }
  const content = (): string => new TextDecoder('utf-8').decode(bytes);
  const info = inspectLicense(bytes);
  if (!info.ok) {
    const failure = { ...info.error, operation: op, reason: reasonOf(info.error, ctx.t) };
    if (!opts.acceptInvalid || !licenseCheckOverridable(info.error)) return fail(failure);
    return ok({
      content: content(),
      info: { sizeBytes: bytes.length, headerFieldCount: 0, signatureLineCount: 0 },
      overridden: failure.reason,
    });
  }
  if (info.value.expired && !opts.allowExpired) {
    const expired = { kind: 'invalid' as const, operation: op, ...because(EXPIRED, info.value.expiry ?? '?') };
    const reason = ctx.t('The license expired on {0}; DolphinDB will not start with it.', info.value.expiry ?? '?');
    if (!opts.acceptInvalid) return fail({ ...expired, reason });
    return ok({ content: content(), info: info.value, overridden: reason });
  }
  return ok({ content: content(), info: info.value });
}

/** Replaces any output line that contains a line of the license (≥ 16 characters) with a marker. */
export function licenseScrubber(content: string): (line: string) => string {
  const needles = content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 16);
  return (line: string) => (needles.some((n) => line.includes(n)) ? '[license content redacted]' : line);
}
