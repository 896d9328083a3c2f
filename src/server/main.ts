// Language server entry (dist/server.js): wiring only. `--stdio` when an editor or a test spawns
// it, Node IPC when the VS Code client starts it; createConnection reads that from the arguments.
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clusterFactsFetcher, registerClusterFactsChanged } from './handlers/clusterFacts';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerFeatures } from './handlers/features';
import { registerInitialize } from './handlers/initialize';
import { registerSyntaxProblems, SyntaxFilter } from './handlers/syntaxFilter';
import { FactsCache } from './service/factsCache';
import { DolphinDBLanguageService } from './service/languageService';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const facts = new FactsCache(clusterFactsFetcher(connection));
const service = new DolphinDBLanguageService({ facts });

const syntaxFilter = new SyntaxFilter();

registerInitialize(connection, service, syntaxFilter);
const diagnostics = registerDiagnostics(connection, documents, service, syntaxFilter);
registerSyntaxProblems(connection, syntaxFilter, diagnostics.revalidateAll);
registerClusterFactsChanged(connection, facts, diagnostics.revalidateAll);
registerFeatures(connection, documents, service);
connection.onShutdown(() => diagnostics.dispose());

// One bad document must not take down the language features of every other one.
process.on('uncaughtException', (e) =>
  connection.console.error(`dolphindb: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);
process.on('unhandledRejection', (e) =>
  connection.console.error(`dolphindb: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);

documents.listen(connection);
connection.listen();
