// A minimal LSP client for black-box tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC
// over its stdio with vscode-languageserver-protocol, answers `dolphindb/clusterFacts`, and
// collects published diagnostics. Builds dist/server.js first when it is missing or stale.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import {
  ClusterFactsChangedNotification,
  ClusterFactsRequest,
  type ClusterFacts,
  type ClusterFactsParams,
} from '../../src/protocol/messages';

export const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** Runs the build when dist/server.js is missing or older than what it is bundled from. */
export function ensureServerBuilt(): void {
  const sources = Math.max(...['src/server', 'src/core', 'src/protocol', 'schemas'].map((d) => newestMtime(path.join(ROOT, d))));
  if (fs.existsSync(SERVER) && fs.statSync(SERVER).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(SERVER) || fs.statSync(SERVER).mtimeMs < sources)
    throw new Error(`building ${SERVER} failed (exit ${r.status})`);
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export interface ClientOptions {
  /** Sent as initializationOptions.locale (what the VS Code client does). */
  readonly locale?: string;
  /** Sent as LSP's own InitializeParams.locale. */
  readonly lspLocale?: string;
  /** Answer to `dolphindb/clusterFacts`; undefined → the request is not handled (offline client). */
  readonly facts?: (params: ClusterFactsParams) => ClusterFacts | null;
  /** Node IPC (how the VS Code client runs the server) instead of stdio. */
  readonly ipc?: boolean;
  /** Sent as initializationOptions.syntaxProblems (false while Red Hat YAML reports them). */
  readonly syntaxProblems?: boolean;
}

type Waiter = {
  uri: string;
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
};

export class LspTestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly factsRequests: ClusterFactsParams[] = [];
  stderr = '';
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(opts: ClientOptions = {}): Promise<{ client: LspTestClient; init: InitializeResult }> {
    let proc: ChildProcess;
    let conn: ProtocolConnection;
    if (opts.ipc) {
      proc = fork(SERVER, ['--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      if (!proc.stdout || !proc.stdin) throw new Error('no stdio');
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    }
    const client = new LspTestClient(proc, conn);
    proc.stderr?.on('data', (d: Buffer) => (client.stderr += d.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => client.onDiagnostics(p));
    if (opts.facts) {
      const answer = opts.facts;
      conn.onRequest(ClusterFactsRequest, (params) => {
        client.factsRequests.push(params);
        return answer(params);
      });
    }
    conn.listen();
    const init = await withTimeout(
      conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: {
          ...(opts.locale ? { locale: opts.locale } : {}),
          ...(opts.syntaxProblems !== undefined ? { syntaxProblems: opts.syntaxProblems } : {}),
        },
        ...(opts.lspLocale ? { locale: opts.lspLocale } : {}),
      }),
      10_000,
      'initialize',
    );
    await conn.sendNotification(InitializedNotification.type, {});
    return { client, init };
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    const list = this.published.get(p.uri) ?? [];
    list.push(p);
    this.published.set(p.uri, list);
    const ready = this.waiters.filter((w) => w.uri === p.uri && w.predicate(p));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(p);
  }

  /** The next publication for `uri` that satisfies `predicate` (default: any). */
  nextDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    ms = 10_000,
  ): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, predicate, resolve })), ms, `diagnostics for ${uri}`);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  /** Full-text change; returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async factsChanged(): Promise<void> {
    await this.conn.sendNotification(ClusterFactsChangedNotification);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await withTimeout(
      this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
      10_000,
      'completion',
    );
    return r === null ? [] : Array.isArray(r) ? r : (r as CompletionList).items;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(this.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 10_000, 'hover');
  }

  async symbols(uri: string): Promise<DocumentSymbol[]> {
    const r = await withTimeout(
      this.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
      10_000,
      'documentSymbol',
    );
    return (r ?? []) as (DocumentSymbol | SymbolInformation)[] as DocumentSymbol[];
  }

  async codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const r = await withTimeout(
      this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }),
      10_000,
      'codeAction',
    );
    return ((r ?? []) as (CodeAction | Command)[]).filter(
      (a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
    );
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await withTimeout(this.conn.sendRequest(ShutdownRequest.type), 10_000, 'shutdown');
    await this.conn.sendNotification(ExitNotification.type);
    const code = await withTimeout(exited, 10_000, 'exit');
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}
