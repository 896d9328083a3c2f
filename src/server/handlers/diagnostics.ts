// Validation on open and edit: debounced per URI, the newest text only, published with the
// document version so a client can drop diagnostics that arrive after a newer edit.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DolphinDBLanguageService } from '../service/languageService';
import { Scheduler } from '../service/scheduler';
import { toDiagnostic } from './convert';
import type { SyntaxFilter } from './syntaxFilter';

export interface DiagnosticsControl {
  /** Validate every open document again (cluster facts changed). */
  revalidateAll(): void;
  dispose(): void;
}

export const DEBOUNCE_MS = 150;

export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: DolphinDBLanguageService,
  filter?: SyntaxFilter,
): DiagnosticsControl {
  const seen = new Set<string>();
  const scheduler = new Scheduler(
    async (uri, token) => {
      const doc = documents.get(uri);
      if (!doc) return;
      const version = doc.version;
      const problems = await service.validate(doc.getText(), {
        get isCancellationRequested() {
          return !token.current();
        },
      });
      const now = documents.get(uri);
      if (!problems || !token.current() || !now || now.version !== version) return;
      await connection.sendDiagnostics({
        uri,
        version,
        diagnostics: (filter ? filter.apply(problems) : problems).map(toDiagnostic),
      });
    },
    (uri, error) =>
      connection.console.error(
        `dolphindb: validation of ${uri} failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
  );

  documents.onDidChangeContent(({ document }) => {
    // The first content of a document (open) is checked at once; edits wait for a pause in typing.
    const first = !seen.has(document.uri);
    seen.add(document.uri);
    scheduler.schedule(document.uri, first ? 0 : DEBOUNCE_MS);
  });
  documents.onDidClose(({ document }) => {
    seen.delete(document.uri);
    scheduler.cancel(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  const revalidateAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  };
  service.onLateFacts(revalidateAll);
  return { revalidateAll, dispose: () => scheduler.dispose() };
}
