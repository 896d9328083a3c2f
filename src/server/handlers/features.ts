// Completion, hover, outline and quick fixes: each request reads the open document, asks the
// service, and converts the answer. Cancelled requests answer null (the client has moved on).
import { CodeActionKind, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixableProblem } from '../../core/language';
import type { DolphinDBLanguageService } from '../service/languageService';
import { fromDiagnostic, toCodeAction, toCompletionItem, toDocumentSymbol, toHover } from './convert';

export function registerFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: DolphinDBLanguageService,
): void {
  connection.onCompletion(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const entries = await service.complete(doc.getText(), params.position, token);
    if (!entries || token.isCancellationRequested) return null;
    return { isIncomplete: false, items: entries.map(toCompletionItem) };
  });

  connection.onHover((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    const h = service.hover(doc.getText(), params.position);
    return h ? toHover(h) : null;
  });

  connection.onDocumentSymbol((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    return service.symbols(doc.getText()).map(toDocumentSymbol);
  });

  connection.onCodeAction((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return null;
    const only = params.context.only;
    if (
      only &&
      !only.some(
        (k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty,
      )
    )
      return null;
    // Only our diagnostics, kept index-aligned with the problems handed to the service.
    const diagnostics: Diagnostic[] = [];
    const problems: FixableProblem[] = [];
    for (const d of params.context.diagnostics) {
      const p = fromDiagnostic(d);
      if (!p) continue;
      diagnostics.push(d);
      problems.push(p);
    }
    return service.codeActions(doc.getText(), problems).map((f) => toCodeAction(f, params.textDocument.uri, diagnostics));
  });
}
