// Core code produces user text through an injected translator so it stays free of `vscode`.
// Messages are the English text with {0}-style placeholders, the same convention as vscode.l10n,
// so the extension can pass `vscode.l10n.t` straight in and bundles key on the English text.
//
// A translator takes either a string literal (the extractor, scripts/l10n.mjs, reads it from the
// call) or a `Msg`: a string that went through `msg('…')` where it was written, so the extractor
// saw it there. Any other string (a template literal, a variable built at run time) is a type
// error, because the bundle cannot hold it and the user would get English.

declare const marked: unique symbol;
/** English text the l10n extractor has collected (only `msg('…')` makes one). */
export type Msg = string & { readonly [marked]: true };

/** `S` when it is a literal type (or a union of them) or a Msg; `Msg` (unmet) for a plain `string`. */
export type Translatable<S extends string> = string extends S ? Msg : S;

export type Arg = string | number | boolean;

export type Translate = <S extends string>(message: S & Translatable<S>, ...args: Arg[]) => string;

/**
 * Marks a string literal as user text translated later, at the edge (`t(m)`): a constant in a
 * table, a label chosen at run time, a reason carried in a Failure. Identity at run time.
 */
export function msg<S extends string>(message: S & (string extends S ? never : S)): S & Msg {
  return message as unknown as S & Msg;
}

export const english: Translate = (message, ...args) => fill(message, args);

function fill(message: string, args: readonly Arg[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/**
 * Marks text deliberately left as written in every language: a command line (`helm list`), or a
 * value returned to scripts and tests rather than shown to a person. The extractor lets it pass.
 */
export const verbatim = (text: string): string => text;
