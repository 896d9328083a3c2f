// Text that code without a translator (the Kubernetes client, parsers) hands on for the edge to
// translate: the message (marked with msg, so it is in the bundle) and its arguments. A Failure
// carries one next to its English `reason` / `operation`, which logs and tests keep reading.
import type { Failure } from '../result';
import { english, type Arg, type Msg, type Translate } from './translate';

export interface Text {
  readonly message: Msg;
  readonly args: readonly Arg[];
}

export const render = (text: Text, t: Translate): string => t(text.message, ...text.args);

/** `reason` (English) and `reasonText` for a Failure literal: `fail({ kind, operation, ...because(msg('…'), x) })`. */
export function because(message: Msg, ...args: Arg[]): { reason: string; reasonText: Text } {
  return { reason: english(message, ...args), reasonText: { message, args } };
}

/** `operation` (English) and `operationText` for a Failure literal. */
export function doing(message: Msg, ...args: Arg[]): { operation: string; operationText: Text } {
  return { operation: english(message, ...args), operationText: { message, args } };
}

// A Failure copied with a new reason or operation ({ ...f, reason }) keeps the old Text: it is used
// only while it still says what the English field says.
const current = (field: string, text: Text | undefined, t: Translate): string =>
  text && english(text.message, ...text.args) === field ? render(text, t) : field;

/** The failure's reason in the user's language. */
export const reasonOf = (f: Failure, t: Translate): string => current(f.reason, f.reasonText, t);

/** What was attempted, in the user's language. */
export const operationOf = (f: Failure, t: Translate): string => current(f.operation, f.operationText, t);
