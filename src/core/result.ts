// Expected failures travel as values. Each failure carries a stable `kind` that one place
// (src/extension/ui/errors.ts) turns into a user message: what failed, why, what to do.
import type { Text } from './i18n/text';

export type FailureKind =
  | 'noKubeconfig'
  | 'kubeconfigInvalid'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'crdMissing'
  | 'helmMissing'
  | 'helmFailed'
  | 'cancelled'
  | 'unsupported'
  | 'internal';

export interface Failure {
  readonly kind: FailureKind;
  /** Short, user-safe description of what was attempted, e.g. "patch dolphindbs/ha in dolphindb". */
  readonly operation: string;
  /** Short, user-safe reason. Never a raw API body, never a credential. */
  readonly reason: string;
  /** For `forbidden`: the refused verb and resource. */
  readonly verb?: string;
  readonly resource?: string;
  /** `operation` / `reason` as a message still to translate, set by code that has no translator (i18n/text.ts). */
  readonly operationText?: Text;
  readonly reasonText?: Text;
  /** HTTP status when the failure came from the API server. */
  readonly status?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: Failure): Result<T> => ({ ok: false, error });

export function isOk<T>(r: Result<T>): r is { ok: true; value: T } {
  return r.ok;
}
