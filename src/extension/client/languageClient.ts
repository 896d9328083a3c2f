// Starts the DolphinDB language server (dist/server.js) when a DolphinDB YAML document is open,
// answers its cluster-facts requests through the injected provider, tells it when those facts
// change, and stops it on dispose. Nothing happens at import time.
//
// Red Hat's YAML extension: this extension contributes no `yamlValidation` schema, so with
// redhat.vscode-yaml installed the CR is still checked once (by this server, source "dolphindb")
// and never a second time by the generic JSON-schema validator.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ClusterFactsChangedNotification,
  ClusterFactsRequest,
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
    c.start().then(
      () => deps.log?.info('DolphinDB language server started'),
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
  const initializationOptions: DolphinDBInitializationOptions = { locale: vscode.env.language };
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
