// Core code produces user text through an injected translator so it stays free of `vscode`.
// Messages are the English text with {0}-style placeholders, the same convention as vscode.l10n,
// so the extension can pass `vscode.l10n.t` straight in and bundles key on the English text.
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

export const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
