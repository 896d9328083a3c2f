// Hosts the Explorer of the current kubeconfig (its connection registry and tree model): rebuilds
// it when the kubeconfig files or the relevant settings change, and publishes the view's state
// through context keys. Commands reach a context's API client through `sessionFor` / `registry`.
// Loading a kubeconfig is local; connecting is not. Activation (any YAML file opens) only loads:
// the API server is first contacted once the user engages — the DolphinDB view is shown, a
// command runs, or a DolphinDB document asks for cluster facts — because the current context may
// be production and its credential plugin may prompt or log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Explorer } from '../core/explorer/explorer';
import type { ConnectionRegistry } from '../core/explorer/registry';
import type { ContextSession } from '../core/explorer/session';
import { loadKubeconfig, type KubeconfigSource } from '../core/k8s/kubeconfig';
import type { Failure } from '../core/result';
import { ContextKeys, setContext } from './contextKeys';
import { t } from './localize';
import type { Logger } from './log';
import type { NamespaceFilters } from './namespaceFilters';
import { readSettings } from './settings';

export class ExplorerHost implements vscode.Disposable {
  private explorerInstance: Explorer | undefined;
  private source: KubeconfigSource | undefined;
  private loadFailure: Failure | undefined;
  private watchers: fs.FSWatcher[] = [];
  private readonly changed = new vscode.EventEmitter<Explorer | undefined>();
  readonly onDidChangeExplorer = this.changed.event;
  private reloadTimer: NodeJS.Timeout | undefined;
  private viewContext: string | undefined;
  private followedKubeconfig: string[] | undefined;
  private engagedFlag = false;
  private currentConnect: Promise<void> | undefined;

  constructor(
    private readonly log: Logger,
    /** The namespaces chosen per context; every new session reads them. */
    readonly namespaceFilters?: NamespaceFilters,
  ) {}

  get explorer(): Explorer | undefined {
    return this.explorerInstance;
  }

  /** The sessions per context of the current kubeconfig; undefined while none is loaded. */
  get registry(): ConnectionRegistry | undefined {
    return this.explorerInstance?.registry;
  }

  get failure(): Failure | undefined {
    return this.loadFailure;
  }

  get kubeconfig(): KubeconfigSource | undefined {
    return this.source;
  }

  /** The context the view shows: the setting, a pick made in this window, or kubeconfig's current. */
  get activeContext(): string | undefined {
    return this.viewContext ?? this.explorerInstance?.currentContext;
  }

  /** Shows another context in the view without touching the user's kubeconfig. */
  useContext(name: string): void {
    this.viewContext = name;
    this.reload();
  }

  /**
   * Kubeconfig files another extension uses (integrations/kubernetesTools.ts); loaded when
   * dolphindbK8s.kubeconfigPaths is empty. undefined: the usual KUBECONFIG / ~/.kube/config.
   */
  followKubeconfig(paths: string[] | undefined): void {
    const same = (paths ?? []).join('\n') === (this.followedKubeconfig ?? []).join('\n');
    this.followedKubeconfig = paths && paths.length > 0 ? paths : undefined;
    if (same) return;
    // A context picked from the previous files need not exist in the new ones.
    if (readSettings().kubeconfigPaths.length === 0) this.viewContext = undefined;
    this.reload();
  }

  /** Whether anything has asked for the cluster yet (tests and the status bar). */
  get engaged(): boolean {
    return this.engagedFlag;
  }

  /** The user asked for the cluster: connect the current context now and after every reload. */
  engage(): void {
    this.engagedFlag = true;
    void this.ensureCurrent();
  }

  /** The session of a context, connected first; engages (a command or document needs it). */
  async sessionFor(context?: string): Promise<ContextSession | undefined> {
    this.engagedFlag = true;
    const reg = this.registry;
    if (!reg) return undefined;
    const ctx = context ?? reg.currentContext;
    if (ctx === reg.currentContext) await this.ensureCurrent();
    else if (!reg.session(ctx)) await reg.connect(ctx);
    return reg === this.registry ? reg.session(ctx) : undefined;
  }

  /** One connection attempt per Explorer, shared by everyone who needs the current context. */
  private ensureCurrent(): Promise<void> {
    this.currentConnect ??= this.connectCurrent();
    return this.currentConnect;
  }

  reload(): void {
    this.explorerInstance?.dispose();
    this.explorerInstance = undefined;
    this.currentConnect = undefined;
    const settings = readSettings();
    const explicitPaths = settings.kubeconfigPaths.length > 0 ? settings.kubeconfigPaths : (this.followedKubeconfig ?? []);
    const loaded = loadKubeconfig({ explicitPaths });
    this.watchFiles(explicitPaths);
    if (!loaded.ok) {
      this.loadFailure = loaded.error;
      this.source = undefined;
      this.log.warn(`${loaded.error.operation}: ${loaded.error.reason}`);
      void setContext(ContextKeys.explorerState, loaded.error.kind);
      this.changed.fire(undefined);
      return;
    }
    this.loadFailure = undefined;
    this.source = loaded.value;
    const config = loaded.value.config;
    const names = config.getContexts().map((c) => c.name);
    const chosen = [this.viewContext, settings.context].find((c) => c && names.includes(c));
    if (chosen && chosen !== config.currentContext) config.setCurrentContext(chosen);
    this.explorerInstance = new Explorer(config, {
      fallbackNamespaces: settings.namespaces,
      childSelector: settings.childSelector,
      requestTimeoutMs: settings.requestTimeoutMs,
      metricsIntervalMs: settings.resourceUseMs,
      namespaceFilter: (context) => this.namespaceFilters?.get(context),
      t,
    });
    this.log.info(t('Using kubeconfig {0}, context {1}', loaded.value.files.join(', '), config.currentContext));
    void setContext(ContextKeys.explorerState, 'ready');
    this.changed.fire(this.explorerInstance);
    if (this.engagedFlag) void this.ensureCurrent();
  }

  private async connectCurrent(): Promise<void> {
    const reg = this.registry;
    if (!reg) return;
    const ctx = reg.currentContext;
    // The tree connects a context it is asked to expand; do not start a second session then.
    if (reg.stateOf(ctx).s !== 'idle') return;
    const st = await reg.connect(ctx);
    if (reg !== this.registry) return;
    if (st.s === 'error') {
      this.log.warn(`${ctx}: ${st.failure.operation}: ${st.failure.reason}`);
    }
    const probe = reg.session(ctx)?.probed;
    void setContext(ContextKeys.crdMissing, probe ? !probe.crdInstalled : false);
  }

  private watchFiles(explicit: string[]): void {
    this.watchers.forEach((w) => w.close());
    this.watchers = [];
    const files = explicit.length > 0 ? explicit : (process.env.KUBECONFIG?.split(path.delimiter).filter((x) => x) ?? []);
    const list = files.length > 0 ? files : [path.join(os.homedir(), '.kube', 'config')];
    for (const f of list) {
      try {
        const w = fs.watch(f, { persistent: false }, () => this.scheduleReload());
        this.watchers.push(w);
      } catch {
        /* a missing file is reported by the load itself */
      }
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), 500);
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.watchers.forEach((w) => w.close());
    this.explorerInstance?.dispose();
    this.changed.dispose();
  }
}
