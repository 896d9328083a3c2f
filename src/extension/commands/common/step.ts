// The one way a command returns early. Each step of a command (resolve the target, pick an
// instance, read what a report needs, an extra confirmation) yields a Step: a value to go on
// with, or the CommandResult the command returns as it is (dismissed, refused, failed).
import type { CommandResult } from './deps';

export type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly result: CommandResult };

export const proceed = <T>(value: T): Step<T> => ({ ok: true, value });
export const stop = <T = never>(result: CommandResult): Step<T> => ({ ok: false, result });
