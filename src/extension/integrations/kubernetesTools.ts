// Microsoft's Kubernetes extension: when it is installed (and dolphindbK8s.followKubernetesExtension
// is on), our view follows its kubeconfig path setting (`vs-kubernetes.kubeconfig`) and its context
// switches through its public configuration API, so both views show the same clusters. Our own
// `dolphindbK8s.kubeconfigPaths`, when set, still wins (ExplorerHost.followKubeconfig).
import * as path from 'node:path';
import * as vscode from 'vscode';

export const KUBERNETES_TOOLS_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';
export const FOLLOW_SETTING = 'dolphindbK8s.followKubernetesExtension';

/** vscode-kubernetes-tools-api's KubeconfigPath: a host path, or one inside WSL (not ours to read). */
type KubeconfigPath =
  { readonly pathType: 'host'; readonly hostPath: string } | { readonly pathType: 'wsl'; readonly wslPath: string };

/** The part of its configuration API (v1 / v1_1) we use; the events are optional in older versions. */
interface ConfigurationApi {
  getKubeconfigPath(): KubeconfigPath;
  readonly onDidChangeKubeconfigPath?: vscode.Event<KubeconfigPath>;
  readonly onDidChangeContext?: vscode.Event<string | null | undefined>;
}

type Available = { readonly available: true; readonly api: unknown } | { readonly available: false; readonly reason?: string };

/** Where our view takes what the Kubernetes extension says. */
export interface KubeTarget {
  /** The kubeconfig files to load when ours are not set; undefined stops following. */
  followKubeconfig(paths: string[] | undefined): void;
  /** Show this context (as a pick in this window would). */
  useContext(name: string): void;
}

function isConfigurationApi(x: unknown): x is ConfigurationApi {
  return typeof x === 'object' && x !== null && typeof (x as { getKubeconfigPath?: unknown }).getKubeconfigPath === 'function';
}

/** Its exports are an API broker: get('configuration', 'v1_1' | 'v1') → {available, api}. */
export function configurationApi(exports: unknown): ConfigurationApi | undefined {
  if (typeof exports !== 'object' || exports === null) return undefined;
  const broker = exports as { get?: (component: string, version: string) => Available };
  if (typeof broker.get === 'function') {
    for (const version of ['v1_1', 'v1']) {
      const r = broker.get('configuration', version);
      if (r?.available && isConfigurationApi(r.api)) return r.api;
    }
  }
  return undefined;
}

/** Host kubeconfig files named by its path (it may hold a KUBECONFIG-style list); none for WSL paths. */
export function kubeconfigFiles(p: KubeconfigPath | undefined): string[] | undefined {
  if (!p || p.pathType !== 'host' || !p.hostPath) return undefined;
  const files = p.hostPath.split(path.delimiter).filter((f) => f);
  return files.length > 0 ? files : undefined;
}

export class KubernetesToolsFollower implements vscode.Disposable {
  private following: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[];
  private generation = 0;

  constructor(
    private readonly target: KubeTarget,
    private readonly log?: { info(m: string): void; warn(m: string): void },
  ) {
    this.subscriptions = [
      vscode.extensions.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(FOLLOW_SETTING) && void this.refresh()),
    ];
  }

  /** (Re)connects to the Kubernetes extension, or stops following it; resolves when done. */
  async refresh(): Promise<void> {
    const gen = ++this.generation;
    this.stop();
    const ext = vscode.extensions.getExtension(KUBERNETES_TOOLS_ID);
    const enabled = vscode.workspace.getConfiguration().get<boolean>(FOLLOW_SETTING, true);
    if (!ext || !enabled) {
      this.target.followKubeconfig(undefined);
      return;
    }
    let api: ConfigurationApi | undefined;
    try {
      api = configurationApi(ext.isActive ? ext.exports : await ext.activate());
    } catch (e) {
      this.log?.warn(`${KUBERNETES_TOOLS_ID}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (gen !== this.generation) return; // a newer refresh took over
    if (!api) {
      this.target.followKubeconfig(undefined);
      return;
    }
    const a = api;
    const follow = (p: KubeconfigPath | undefined): void => this.target.followKubeconfig(kubeconfigFiles(p));
    if (a.onDidChangeKubeconfigPath) this.following.push(a.onDidChangeKubeconfigPath((p) => follow(p)));
    if (a.onDidChangeContext) this.following.push(a.onDidChangeContext((name) => name && this.target.useContext(name)));
    this.log?.info(
      vscode.l10n.t(
        'Following the Kubernetes extension ({0}): kubeconfig {1}',
        KUBERNETES_TOOLS_ID,
        kubeconfigFiles(a.getKubeconfigPath())?.join(path.delimiter) ?? '-',
      ),
    );
    follow(a.getKubeconfigPath());
  }

  private stop(): void {
    for (const d of this.following.splice(0)) d.dispose();
  }

  dispose(): void {
    this.generation++;
    this.stop();
    for (const s of this.subscriptions) s.dispose();
  }
}
