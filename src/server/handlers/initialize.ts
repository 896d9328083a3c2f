// `initialize`: what the server can do, and the display language. The client's
// initializationOptions.locale (VS Code's display language) wins over LSP's own `locale`;
// initializationOptions.syntaxProblems: false leaves YAML syntax problems to another extension.
import { CodeActionKind, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import type { DolphinDBInitializationOptions } from '../../protocol/messages';
import type { DolphinDBLanguageService } from '../service/languageService';
import type { SyntaxFilter } from './syntaxFilter';

export function registerInitialize(connection: Connection, service: DolphinDBLanguageService, filter?: SyntaxFilter): void {
  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as DolphinDBInitializationOptions;
    filter?.set(options.syntaxProblems !== false);
    service.setLocale(typeof options.locale === 'string' ? options.locale : params.locale);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'DolphinDB' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'dolphindb-language-server' },
    };
  });
}
