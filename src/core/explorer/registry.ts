// The connection registry: one ContextSession per kube context of a kubeconfig, with its state
// (idle → connecting → ready | error). The one way commands and the tree reach a context's API
// client; it knows nothing of nodes. The model listens to its events to follow the caches.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Failure } from '../result';
import { contextNamespace, withContext } from '../k8s/kubeconfig';
import { Emitter, type Event } from '../util/disposables';
import { ContextSession } from './session';

export interface RegistryOptions {
  readonly fallbackNamespaces?: readonly string[];
  readonly childSelector?: string;
  readonly requestTimeoutMs?: number;
  /** Only this context, e.g. the one chosen for the view. Default: all contexts, current expanded. */
  readonly onlyContext?: string;
  /** The namespaces the user chose for a context (undefined: all); read on every connect. */
  readonly namespaceFilter?: (context: string) => readonly string[] | undefined;
}

export type ContextState = { s: 'idle' } | { s: 'connecting' } | { s: 'ready' } | { s: 'error'; failure: Failure };

export interface StateChange {
  readonly context: string;
  readonly state: ContextState;
  /** True once the first lists are in (or failed): every node of the context may have changed. */
  readonly synced: boolean;
}

export class ConnectionRegistry {
  private readonly sessions = new Map<string, ContextSession>();
  private readonly states = new Map<string, ContextState>();
  private readonly stateChanged = new Emitter<StateChange>();
  private readonly opened = new Emitter<ContextSession>();
  private readonly closed = new Emitter<ContextSession>();
  /** A context changed state. */
  readonly onDidChangeState: Event<StateChange> = this.stateChanged.event;
  /** A session's watches were just opened (fired before its first lists are in). */
  readonly onDidOpenSession: Event<ContextSession> = this.opened.event;
  /** A session was disposed (reconnect, a new connect, or the registry's end). */
  readonly onDidCloseSession: Event<ContextSession> = this.closed.event;

  constructor(
    private readonly config: KubeConfig,
    private readonly opts: RegistryOptions = {},
  ) {}

  get currentContext(): string {
    return this.opts.onlyContext ?? this.config.currentContext;
  }

  /** The contexts to show, the current one first. */
  contexts(): string[] {
    const names = this.config.getContexts().map((c) => c.name);
    const cur = this.currentContext;
    if (this.opts.onlyContext) return names.filter((n) => n === cur);
    return [cur, ...names.filter((n) => n !== cur)].filter((n) => names.includes(n));
  }

  session(context: string): ContextSession | undefined {
    return this.sessions.get(context);
  }

  stateOf(context: string): ContextState {
    return this.states.get(context) ?? { s: 'idle' };
  }

  /** Connects a context (idempotent). Resolves when its first lists are in or it failed. */
  async connect(context: string): Promise<ContextState> {
    const existing = this.states.get(context);
    if (existing?.s === 'ready') return existing;
    this.drop(context);
    const session = new ContextSession(context, withContext(this.config, context), {
      fallbackNamespaces: this.opts.fallbackNamespaces,
      contextNamespace: contextNamespace(this.config, context),
      childSelector: this.opts.childSelector,
      requestTimeoutMs: this.opts.requestTimeoutMs,
      namespaceFilter: this.opts.namespaceFilter?.(context),
    });
    this.sessions.set(context, session);
    this.setState(context, { s: 'connecting' }, false);
    const probe = await session.probe();
    if (this.sessions.get(context) !== session) return this.stateOf(context);
    if (!probe.ok) {
      this.setState(context, { s: 'error', failure: probe.error }, false);
      return this.stateOf(context);
    }
    session.openWatches();
    this.opened.fire(session);
    const failure = await session.waitForSync();
    if (this.sessions.get(context) !== session) return this.stateOf(context);
    this.setState(context, failure ? { s: 'error', failure } : { s: 'ready' }, true);
    return this.stateOf(context);
  }

  /** Forget everything of a context and connect again (the Retry action). */
  async reconnect(context: string): Promise<ContextState> {
    this.drop(context);
    this.states.set(context, { s: 'idle' });
    return this.connect(context);
  }

  private drop(context: string): void {
    const old = this.sessions.get(context);
    if (!old) return;
    this.sessions.delete(context);
    old.dispose();
    this.closed.fire(old);
  }

  private setState(context: string, state: ContextState, synced: boolean): void {
    this.states.set(context, state);
    this.stateChanged.fire({ context, state, synced });
  }

  dispose(): void {
    for (const context of [...this.sessions.keys()]) this.drop(context);
    this.stateChanged.dispose();
    this.opened.dispose();
    this.closed.dispose();
  }
}
