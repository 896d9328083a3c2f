// One live connection to one kube context: probes what the user may do, then opens the shared
// watches the explorer renders from. Every cache is a watch; nothing here polls.
import type { KubeConfig } from '@kubernetes/client-node';
import { doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { KubeHttp } from '../k8s/http';
import { InformerHub, type Lease } from '../k8s/hub';
import type { ConnectionState, ListWatch } from '../k8s/listWatch';
import { KINDS, objectPath, type KubeObject, type ResourceKind } from '../k8s/resources';
import { DDB_CRD_NAME, LABELS } from '../dolphindb/names';
import { MemberCache, type ObjectCache, type ScopedSelector } from './memberCache';
import { clusterStatefulSets, memberSelectors, selectorHasClusterLabel } from './membership';
import { toDisposable, DisposableStore, type Disposable } from '../util/disposables';

export interface SessionOptions {
  /** Namespaces to use when listing namespaces is forbidden (from settings). */
  readonly fallbackNamespaces?: readonly string[];
  /** The kube context's own namespace, also used as a fallback. */
  readonly contextNamespace?: string;
  /**
   * Label selector for the pod, PVC and ConfigMap watches; '' watches every object of the kind.
   * Pods and PVCs without it are still found through their StatefulSets' selectors.
   */
  readonly childSelector?: string;
  readonly requestTimeoutMs?: number;
  /**
   * The namespaces the user chose to see in this context (undefined: all the scope allows).
   * Watches open per chosen namespace instead of across all namespaces.
   */
  readonly namespaceFilter?: readonly string[];
}

export type Scope = { readonly all: true } | { readonly all: false; readonly namespaces: readonly string[] };

export interface Refusal {
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
}

export interface ProbeResult {
  readonly serverVersion: string;
  readonly crdInstalled: boolean;
  readonly scope: Scope;
  readonly refusals: readonly Refusal[];
  /** Namespaces in scope where listing DolphinDB objects is refused (their members still show). */
  readonly dolphindbForbidden: readonly string[];
}

/**
 * The watched collections of one scope (all namespaces, or one namespace). StatefulSets and
 * Services are watched whole (few objects; only the ConfigMap is known to carry the cluster
 * label), pods and PVCs by the label and by their StatefulSets' own selectors.
 */
export interface ScopeCaches {
  readonly namespace?: string;
  readonly dolphindbs?: ListWatch;
  readonly pods: MemberCache;
  readonly services: ObjectCache;
  readonly pvcs: MemberCache;
  readonly statefulsets: ListWatch;
  readonly configmaps: ObjectCache;
}

export class ContextSession {
  readonly http: KubeHttp;
  readonly hub: InformerHub;
  private leases: Lease<KubeObject>[] = [];
  private lazyLeases = new Map<string, Lease<KubeObject>>();
  private scopes: ScopeCaches[] = [];
  /** Cleared on every closeWatches(): the session reopens watches per connect. */
  private readonly scopeSubs = new DisposableStore();
  private probeResult: ProbeResult | undefined;
  private namespacesLease: Lease<KubeObject> | undefined;

  constructor(
    readonly contextName: string,
    config: KubeConfig,
    private readonly opts: SessionOptions = {},
  ) {
    this.http = new KubeHttp(config, opts.requestTimeoutMs ?? 15000);
    this.hub = new InformerHub(this.http, { requestTimeoutMs: opts.requestTimeoutMs ?? 15000 });
  }

  get probed(): ProbeResult | undefined {
    return this.probeResult;
  }

  /** The user's namespace choice for this context, if any (see SessionOptions.namespaceFilter). */
  get namespaceFilter(): readonly string[] | undefined {
    const f = this.opts.namespaceFilter;
    return f && f.length > 0 ? f : undefined;
  }

  /**
   * Where the watches go: undefined stands for all namespaces. A filter narrows the probed scope;
   * a chosen namespace the scope refused stays out (its refusal is shown instead).
   */
  watchedNamespaces(): (string | undefined)[] {
    const p = this.probeResult;
    if (!p) return [];
    const filter = this.namespaceFilter;
    if (!filter) return p.scope.all ? [undefined] : [...p.scope.namespaces];
    const chosen = [...new Set(filter)].sort();
    if (p.scope.all) return chosen;
    const allowed = new Set(p.scope.namespaces);
    return chosen.filter((n) => allowed.has(n));
  }

  get caches(): readonly ScopeCaches[] {
    return this.scopes;
  }

  /** Reachability, the CRD, and which namespaces may be listed. */
  async probe(signal?: AbortSignal): Promise<Result<ProbeResult>> {
    const version = await this.http.request<{ gitVersion?: string }>('/version', {
      signal,
      ...doing(msg('reach the API server')),
    });
    if (!version.ok) return version;
    const refusals: Refusal[] = [];
    const crd = await this.http.request(objectPath(KINDS.crd, DDB_CRD_NAME), { signal, ...doing(msg('read the DolphinDB CRD')) });
    let crdInstalled = crd.ok;
    if (!crd.ok) {
      if (crd.error.kind === 'forbidden') {
        refusals.push({ verb: 'get', resource: 'customresourcedefinitions.apiextensions.k8s.io' });
        // Cannot read CRDs: find out by listing the resource itself below.
        crdInstalled = true;
      } else if (crd.error.kind !== 'notFound') {
        return fail(crd.error);
      }
    }
    const scope = await this.resolveScope(refusals, signal);
    if (!scope.ok) return scope;
    if (crdInstalled && refusals.some((r) => r.resource.startsWith('customresourcedefinitions'))) {
      // Probe the DolphinDB API directly in one allowed namespace.
      const ns = scope.value.all ? undefined : scope.value.namespaces[0];
      const probe = await this.http.request(`/apis/dolphindb.dolphindb.io/v1${ns ? `/namespaces/${ns}` : ''}/dolphindbs`, {
        query: { limit: 1 },
        signal,
      });
      if (!probe.ok && probe.error.kind === 'notFound') crdInstalled = false;
    }
    const dolphindbForbidden: string[] = [];
    if (crdInstalled && !scope.value.all) {
      for (const ns of scope.value.namespaces) {
        const r = await this.http.request(`/apis/dolphindb.dolphindb.io/v1/namespaces/${encodeURIComponent(ns)}/dolphindbs`, {
          query: { limit: 1 },
          signal,
        });
        if (!r.ok && r.error.kind === 'forbidden') {
          dolphindbForbidden.push(ns);
          refusals.push({ verb: 'list', resource: 'dolphindbs.dolphindb.dolphindb.io', namespace: ns });
        }
      }
    }
    this.probeResult = {
      serverVersion: version.value.gitVersion ?? 'unknown',
      crdInstalled,
      scope: scope.value,
      refusals,
      dolphindbForbidden,
    };
    return ok(this.probeResult);
  }

  private async resolveScope(refusals: Refusal[], signal?: AbortSignal): Promise<Result<Scope>> {
    const all = await this.http.request(`/api/v1/pods`, {
      query: { limit: 1 },
      signal,
      ...doing(msg('list pods in all namespaces')),
    });
    if (all.ok) {
      const ddbs = await this.http.request(`/apis/dolphindb.dolphindb.io/v1/dolphindbs`, { query: { limit: 1 }, signal });
      if (ddbs.ok || ddbs.error.kind === 'notFound') return ok({ all: true });
      if (ddbs.error.kind !== 'forbidden') return fail(ddbs.error);
      refusals.push({ verb: 'list', resource: 'dolphindbs.dolphindb.dolphindb.io' });
    } else if (all.error.kind === 'forbidden') {
      refusals.push({ verb: 'list', resource: 'pods', namespace: '(all namespaces)' });
    } else {
      return fail(all.error);
    }
    const nsList = await this.http.request<{ items: KubeObject[] }>(`/api/v1/namespaces`, {
      signal,
      ...doing(msg('list {0}'), 'namespaces'),
    });
    let names: string[] = [];
    if (nsList.ok) {
      names = nsList.value.items.map((n) => n.metadata.name);
    } else if (nsList.error.kind === 'forbidden') {
      refusals.push({ verb: 'list', resource: 'namespaces' });
    } else {
      return fail(nsList.error);
    }
    // Chosen namespaces are tried too: the filter is how a user without cluster-wide rights
    // names the namespaces they may see when listing namespaces is refused as well.
    const wanted = new Set<string>([
      ...(this.opts.fallbackNamespaces ?? []),
      ...(this.opts.contextNamespace ? [this.opts.contextNamespace] : []),
      ...(this.namespaceFilter ?? []),
    ]);
    if (names.length > 0 && wanted.size === 0) names.forEach((n) => wanted.add(n));
    const allowed: string[] = [];
    for (const ns of [...wanted].sort()) {
      const r = await this.http.request(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, { query: { limit: 1 }, signal });
      if (r.ok) allowed.push(ns);
      else if (r.error.kind === 'forbidden') refusals.push({ verb: 'list', resource: 'pods', namespace: ns });
    }
    return ok({ all: false, namespaces: allowed });
  }

  /** Opens the watches for the probed scope. Safe to call again after a new probe. */
  openWatches(): void {
    this.closeWatches();
    const p = this.probeResult;
    if (!p) return;
    const nsList = this.watchedNamespaces();
    const sel = this.opts.childSelector ?? LABELS.name;
    for (const namespace of nsList) {
      const take = (kind: ResourceKind, labelSelector?: string): ListWatch => {
        const l = this.hub.acquire(kind, { namespace, labelSelector: labelSelector || undefined });
        this.leases.push(l);
        return l.cache;
      };
      const scope: ScopeCaches = {
        namespace,
        dolphindbs:
          p.crdInstalled && !(namespace && p.dolphindbForbidden.includes(namespace)) ? take(KINDS.dolphindb) : undefined,
        pods: new MemberCache(this.hub, KINDS.pod, take(KINDS.pod, sel)),
        services: take(KINDS.service),
        pvcs: new MemberCache(this.hub, KINDS.pvc, take(KINDS.pvc, sel)),
        statefulsets: take(KINDS.statefulset),
        configmaps: take(KINDS.configmap, sel),
      };
      this.scopes.push(scope);
      // With no selector every pod is watched already; otherwise follow the StatefulSets.
      if (!sel) continue;
      const follow = (): void => {
        const wanted = memberWatches(scope);
        scope.pods.setSelectors(wanted);
        scope.pvcs.setSelectors(wanted);
      };
      this.scopeSubs.add(scope.statefulsets.onChange(follow));
      if (scope.dolphindbs) this.scopeSubs.add(scope.dolphindbs.onChange(follow));
      // Shared watches may have synced already (no change will come): look once now.
      follow();
    }
  }

  /** A watch opened only when first needed (events, suite workloads), then kept. */
  lazy(kind: ResourceKind, namespace?: string, labelSelector?: string): ListWatch {
    const key = `${kind.key}|${namespace ?? '*'}|${labelSelector ?? ''}`;
    let l = this.lazyLeases.get(key);
    if (!l) {
      l = this.hub.acquire(kind, { namespace, labelSelector });
      this.lazyLeases.set(key, l);
    }
    return l.cache;
  }

  /** Namespaces to offer in pickers: watched when allowed, else the probed scope. */
  namespaces(): string[] {
    const p = this.probeResult;
    if (!p) return [];
    if (!p.scope.all) return [...p.scope.namespaces];
    if (!this.namespacesLease) this.namespacesLease = this.hub.acquire(KINDS.namespace);
    return this.namespacesLease.cache
      .list()
      .map((n) => n.metadata.name)
      .sort();
  }

  /** Every namespace the session knows, once the namespace watch (if any) has its first list. */
  async knownNamespaces(): Promise<string[]> {
    const first = this.namespaces();
    if (!this.namespacesLease) return first;
    try {
      await this.namespacesLease.cache.waitForSync();
    } catch {
      // Listing namespaces refused or failed: offer what the probe found (may be none).
    }
    return this.namespaces();
  }

  /** Called when the set of known namespaces changes (the "2 of 14" count follows it). */
  onNamespacesChange(cb: () => void): Disposable {
    this.namespaces();
    return this.namespacesLease ? this.namespacesLease.cache.onChange(cb) : toDisposable(() => undefined);
  }

  /** The worst connection state over every watch: what the view shows as connected/stale. */
  connection(): ConnectionState {
    let worst: ConnectionState = { state: 'synced', since: 0 };
    for (const c of this.allCaches()) {
      const s = c.state;
      if (s.state === 'disconnected') return s;
      if (s.state === 'connecting') worst = s;
    }
    return worst;
  }

  async waitForSync(): Promise<Failure | undefined> {
    try {
      await Promise.all(this.leases.map((l) => l.cache.waitForSync()));
      return undefined;
    } catch (f) {
      return f as Failure;
    }
  }

  allCaches(): ListWatch[] {
    const members = this.scopes.flatMap((s) => [...s.pods.caches(), ...s.pvcs.caches()]);
    return [...[...this.leases, ...this.lazyLeases.values()].map((l) => l.cache), ...members];
  }

  private closeWatches(): void {
    this.scopeSubs.clear();
    for (const s of this.scopes) {
      s.pods.dispose();
      s.pvcs.dispose();
    }
    this.leases.forEach((l) => l.release());
    this.leases = [];
    this.scopes = [];
  }

  dispose(): void {
    this.closeWatches();
    this.lazyLeases.forEach((l) => l.release());
    this.lazyLeases.clear();
    this.namespacesLease?.release();
    this.hub.dispose();
  }
}

/**
 * The extra pod/PVC selectors a scope needs: for each DolphinDB object, the selectors of its
 * StatefulSets that the cluster-label watch would not see.
 */
function memberWatches(scope: ScopeCaches): ScopedSelector[] {
  const out: ScopedSelector[] = [];
  for (const d of scope.dolphindbs?.values() ?? []) {
    const namespace = d.metadata.namespace ?? '';
    const sts = clusterStatefulSets(d.metadata.name, namespace, scope.statefulsets.values());
    for (const selector of memberSelectors(sts))
      if (!selectorHasClusterLabel(selector, d.metadata.name)) out.push({ namespace, selector });
  }
  return out;
}
