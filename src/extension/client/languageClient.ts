// Starts the DolphinDB language server (dist/server.js) when a DolphinDB YAML document is open,
// answers its cluster-facts requests through the injected provider, tells it when those facts
// change, and stops it on dispose. Nothing happens at import time.
//
// Red Hat's YAML extension: this extension contributes no `yamlValidation` schema, so with
// redhat.vscode-yaml installed the CR is still checked once (by this server, source "dolphindb")
// and never a second time by the generic JSON-schema validator. YAML syntax problems it reports
// itself: `syntaxProblems` tells the server to leave those out then (integrations/redhatYaml.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ClusterFactsChangedNotification,
  ClusterFactsRequest,
  SyntaxProblemsNotification,
  type ClusterFactsProvider,
  type DolphinDBInitializationOptions,
} from '../../protocol/messages';
import type { Logger } from '../log';
import { LIVE_SCHEME, whenDolphinDBDocumentOpen } from './trigger';

export interface LanguageClientDeps {
  /** Answers `dolphindb/clusterFacts`; null when offline. */
  readonly clusterFacts: ClusterFactsProvider;
  /** Fires when the facts may have changed (context switch, refresh); the server then revalidates. */
  readonly onDidChangeClusterFacts?: vscode.Event<unknown>;
  readonly log?: Logger;
  /** Whether the server reports YAML syntax problems (false while another extension does); default true. */
  readonly syntaxProblems?: { readonly report: boolean; readonly onDidChange: vscode.Event<boolean> };
}

export interface LanguageClientHandle extends vscode.Disposable {
  /** Stops the server and waits for it (for deactivate); dispose() does the same without waiting. */
  stop(): Promise<void>;
  /** Whether the server has been started (for tests and diagnostics). */
  readonly started: boolean;
}

const SERVER_MODULE = path.join('dist', 'server.js');

export function startLanguageClient(context: vscode.ExtensionContext, deps: LanguageClientDeps): LanguageClientHandle {
  let client: LanguageClient | undefined;
  let disposed = false;
  const subscriptions: vscode.Disposable[] = [];

  const start = (): void => {
    if (disposed || client) return;
    client = createClient(context, deps);
    const c = client;
    if (deps.onDidChangeClusterFacts) {
      subscriptions.push(
        deps.onDidChangeClusterFacts(() => {
          if (c.isRunning()) void c.sendNotification(ClusterFactsChangedNotification).catch(() => undefined);
        }),
      );
    }
    if (deps.syntaxProblems) {
      subscriptions.push(
        deps.syntaxProblems.onDidChange((report) => {
          if (c.isRunning()) void c.sendNotification(SyntaxProblemsNotification, { report }).catch(() => undefined);
        }),
      );
    }
    c.start().then(
      () => {
        deps.log?.info('DolphinDB language server started');
        // A change while the server was starting found it not running yet: send the current state.
        const sp = deps.syntaxProblems;
        if (sp && !sp.report) void c.sendNotification(SyntaxProblemsNotification, { report: false }).catch(() => undefined);
      },
      (e: unknown) => deps.log?.error(`DolphinDB language server failed to start: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  subscriptions.push(whenDolphinDBDocumentOpen(start));

  const stop = async (): Promise<void> => {
    disposed = true;
    for (const s of subscriptions.splice(0)) s.dispose();
    const c = client;
    client = undefined;
    if (!c) return;
    try {
      // stop() rejects when the server never got running; there is nothing left to clean then.
      await c.stop(2_000);
    } catch {
      /* already stopped or failed to start */
    }
  };

  return {
    stop,
    dispose: () => void stop(),
    get started() {
      return client !== undefined;
    },
  };
}

function createClient(context: vscode.ExtensionContext, deps: LanguageClientDeps): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Read when the server starts; later changes go as SyntaxProblemsNotification.
  const initializationOptions: DolphinDBInitializationOptions = {
    locale: vscode.env.language,
    syntaxProblems: deps.syntaxProblems?.report ?? true,
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML document is sent; the server decides per document whether it is a DolphinDB object.
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
      // Live objects opened for editing get the same diagnostics as files: saving one applies it.
      { language: 'yaml', scheme: LIVE_SCHEME },
    ],
    initializationOptions,
    diagnosticCollectionName: 'dolphindb',
  };
  const client = new LanguageClient('dolphindb', 'DolphinDB Language Server', serverOptions, clientOptions);
  client.onRequest(ClusterFactsRequest, async (params) => {
    try {
      return await deps.clusterFacts(params.namespace);
    } catch (e) {
      deps.log?.warn(`cluster facts for the language server: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  });
  return client;
}
