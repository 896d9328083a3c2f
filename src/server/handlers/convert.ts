// Translation between the language service's plain data and LSP types. Diagnostics carry the
// problem's message key, arguments and fix hints in `data`, which LSP round-trips to codeAction
// requests, so quick fixes are computed from what the validator said, not re-derived.
import { verbatim } from '../../core/i18n/translate';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
} from 'vscode-languageserver/node';
import type { CompletionEntry, FixableProblem, HoverInfo, OutlineSymbol, QuickFix, SymbolKindName } from '../../core/language';
import { DIAGNOSTIC_SOURCE } from '../../protocol/messages';
import type { ServiceProblem } from '../service/languageService';

interface DiagnosticData {
  readonly messageKey: string;
  readonly args: Readonly<Record<string, string | number>>;
  readonly path: string;
  readonly fix?: FixableProblem['data'];
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toDiagnostic(p: ServiceProblem): Diagnostic {
  const data: DiagnosticData = { messageKey: p.messageKey, args: p.args, path: p.path, ...(p.data ? { fix: p.data } : {}) };
  return { range: p.range, severity: SEVERITY[p.severity], code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message, data };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Our diagnostic back from the client, checked field by field (the client may have altered it). */
export function fromDiagnostic(d: Diagnostic): FixableProblem | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  const data = isRecord(d.data) ? d.data : {};
  const args = isRecord(data.args)
    ? (Object.fromEntries(Object.entries(data.args).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<
        string,
        string | number
      >)
    : {};
  const fix = isRecord(data.fix) ? data.fix : undefined;
  const strOrNum = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';
  return {
    code: d.code,
    range: d.range,
    ...(typeof data.messageKey === 'string' ? { messageKey: data.messageKey } : {}),
    args,
    ...(typeof data.path === 'string' ? { path: data.path } : {}),
    ...(fix
      ? {
          data: {
            ...(typeof fix.suggestion === 'string' ? { suggestion: fix.suggestion } : {}),
            ...(Array.isArray(fix.allowed) ? { allowed: fix.allowed.filter(strOrNum) } : {}),
            ...(Array.isArray(fix.remove) ? { remove: fix.remove.filter((r): r is string => typeof r === 'string') } : {}),
            ...(strOrNum(fix.value) ? { value: fix.value } : {}),
          },
        }
      : {}),
  };
}

const COMPLETION_KIND = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
} as const;

export function toCompletionItem(e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: COMPLETION_KIND[e.kind],
    textEdit: { range: e.range, newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Multi-line keys (`controller:` + indented line) rely on the editor keeping the indentation.
    insertTextMode: InsertTextMode.adjustIndentation,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    ...(e.filterText ? { filterText: e.filterText } : {}),
    ...(e.preselect ? { preselect: true } : {}),
    ...(e.retrigger ? { command: { title: verbatim('Suggest'), command: 'editor.action.triggerSuggest' } } : {}),
  };
}

export function toHover(h: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range };
}

const SYMBOL_KIND: Readonly<Record<SymbolKindName, SymbolKind>> = {
  cluster: SymbolKind.Class,
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
  alias: SymbolKind.Variable,
};

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    // LSP forbids an empty name.
    name: s.name === '' ? '""' : s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

export function toCodeAction(fix: QuickFix, uri: string, diagnostics: readonly Diagnostic[]): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostics[fix.problem]],
    ...(fix.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
  };
}
