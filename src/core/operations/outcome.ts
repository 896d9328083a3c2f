// Shared shapes of the cluster operations: what a plan shows before a change, and what a
// failure says about the state it leaves behind. An OperationFailure is a Failure with extra
// fields, so an Outcome<T> can be handed to anything that takes a Result<T>.
import type { Failure, FailureKind } from '../result';

/** Which DolphinDB object an operation acts on. */
export interface ClusterRef {
  readonly namespace: string;
  readonly name: string;
}

/** The confirmation dialog's content: every change listed, plus what the user should know. */
export interface Plan {
  readonly title: string;
  /** One line per change, in the order they will be made. Empty: nothing would change. */
  readonly changes: readonly string[];
  readonly warnings: readonly string[];
}

export interface OperationFailure<P = never> extends Failure {
  /** True when something was already changed before the operation stopped. */
  readonly changed: boolean;
  /** Human-readable account of what is left, present whenever `changed` is true. */
  readonly leftState?: string;
  /** Data the caller needs to continue or undo (e.g. a license backup). */
  readonly partial?: P;
}

export type Outcome<T, P = never> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OperationFailure<P> };

export const done = <T>(value: T): Outcome<T, never> => ({ ok: true, value });

/** A failure before anything was changed. */
export function refusedOutcome(
  kind: FailureKind,
  operation: string,
  reason: string,
): { ok: false; error: OperationFailure<never> } {
  return { ok: false, error: { kind, operation, reason, changed: false } };
}

/** Wraps a Failure that happened before any change. */
export function unchanged(f: Failure): { ok: false; error: OperationFailure<never> } {
  return { ok: false, error: { ...f, changed: false } };
}

/** Wraps a Failure that happened after a change, with the state that is left. */
export function afterChange<P>(f: Failure, leftState: string, partial?: P): { ok: false; error: OperationFailure<P> } {
  return { ok: false, error: { ...f, changed: true, leftState, ...(partial !== undefined ? { partial } : {}) } };
}

export function refText(ref: ClusterRef): string {
  return `${ref.namespace}/${ref.name}`;
}
