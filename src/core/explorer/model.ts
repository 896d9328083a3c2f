// The explorer model: kube contexts → suite and DolphinDB clusters → members, read from the
// registry's sessions and rendered by render/*. Expanding a node only reads memory. Cache changes
// are mapped to the cluster (or context) they touch and reported, debounced, as node ids.
import { english, type Translate } from '../i18n/translate';
import { KINDS } from '../k8s/resources';
import type { CacheChange, ListWatch } from '../k8s/listWatch';
import { configMapName, parseInstanceName, parsePodName, roleFromAbbrev, type RoleAbbrev } from '../dolphindb/names';
import { DisposableStore, Emitter, type Disposable, type Event } from '../util/disposables';
import type { KubeObject } from '../k8s/resources';
import { podUse, sumUses, worst, type PodUse, type ResourceUse } from '../metrics/usage';
import { SessionMetrics, type MetricsNotice } from './metrics';
import { ChangeFeed, type ChangedIds } from './changeFeed';
import { clusterNodeId, contextNodeId, nodeId } from './ids';
import type { ExplorerNode } from './nodes';
import { judgeEvents, type JudgedEvent } from './eventHealth';
import { rec, str } from './objects';
import type { ConnectionRegistry, StateChange } from './registry';
import * as reads from './reads';
import { phaseLook, roleStatuses } from './status';
import type { ContextSession, ScopeCaches } from './session';
import { componentHealth, SUITE_COMPONENTS, type ComponentHealth } from './suite';
import type { HelmRelease } from './helmRelease';
import { SuiteReleases } from './suiteReleases';
import { SessionBackups, type ClusterBackupList } from './backups';
import type { BackupApi } from '../backup/discovery';
import { backupNodes, backupsGroup } from './render/backups';
import {
  clusterNode,
  configMapNode,
  eventsGroup,
  roleNodes,
  servicesGroup,
  volumesGroup,
  type ClusterAt,
  type RoleUse,
} from './render/cluster';
import {
  connectingMessage,
  contextNode,
  forbiddenMessage,
  namespaceFilterText,
  namespaceNode,
  noClustersMessage,
  noCrdMessage,
  staleMessage,
  unreachableMessage,
} from './render/context';
import { eventNodes } from './render/events';
import { containerNodes, instanceNode, podMissingMessage } from './render/members';
import { serviceNodes, volumeNodes } from './render/resources';
import { suiteChildren, suiteNode } from './render/suite';

export interface ModelOptions {
  readonly debounceMs?: number;
  /** How often resource use is read from the metrics API while the view shows it (default 15 s). */
  readonly metricsIntervalMs?: number;
  readonly t?: Translate;
}

export type { ChangedIds };

/** One container's resource use in a cluster (the Resource Use view's row). */
export interface ContainerUseRow {
  readonly role: RoleAbbrev;
  readonly instance: string;
  readonly pod: string;
  readonly container: string;
  readonly use: ResourceUse;
}

export class ExplorerModel implements Disposable {
  private readonly changes: ChangeFeed;
  readonly onDidChange: Event<ChangedIds>;
  private readonly store = new DisposableStore();
  /** Subscriptions to one session's caches; disposed with the session. */
  private readonly perSession = new Map<ContextSession, DisposableStore>();
  private readonly subscribed = new WeakSet<ListWatch>();
  private readonly releases = new WeakMap<ContextSession, SuiteReleases>();
  private readonly backups = new WeakMap<ContextSession, SessionBackups>();
  private readonly metrics = new Map<ContextSession, SessionMetrics>();
  private metricsActive = true;
  private readonly metricsNotices = new Emitter<{ readonly context: string; readonly notice: MetricsNotice }>();
  /** Why a context shows no resource use (absent API, refused, down); once per reason per session. */
  readonly onMetricsNotice = this.metricsNotices.event;
  private readonly t: Translate;
  private readonly metricsIntervalMs: number | undefined;

  constructor(
    readonly registry: ConnectionRegistry,
    opts: ModelOptions = {},
  ) {
    this.t = opts.t ?? english;
    this.metricsIntervalMs = opts.metricsIntervalMs;
    this.store.add(this.metricsNotices);
    this.changes = this.store.add(new ChangeFeed(opts.debounceMs));
    this.onDidChange = this.changes.onDidChange;
    this.store.add(registry.onDidChangeState((c) => this.onState(c)));
    this.store.add(registry.onDidOpenSession((s) => this.follow(s)));
    this.store.add(
      registry.onDidCloseSession((s) => {
        this.perSession.get(s)?.dispose();
        this.perSession.delete(s);
        this.metrics.delete(s);
      }),
    );
  }

  private onState(c: StateChange): void {
    this.fire(c.synced ? undefined : [contextNodeId(c.context)]);
  }

  private subs(session: ContextSession): DisposableStore {
    let s = this.perSession.get(session);
    if (!s) {
      s = new DisposableStore();
      this.perSession.set(session, s);
    }
    return s;
  }

  /** Subscribes to a freshly opened session's caches. */
  private follow(session: ContextSession): void {
    const context = session.contextName;
    const subs = this.subs(session);
    const ctxId = contextNodeId(context);
    for (const ns of session.watchedNamespaces()) {
      subs.add(session.lazy(KINDS.configmap, ns, reads.ENV_CONFIG_SELECTOR).onChange(() => this.fire([ctxId])));
    }
    for (const scope of session.caches) this.followScope(session, scope);
    for (const lw of session.allCaches()) subs.add(lw.onState(() => this.fire([ctxId])));
    // "2 of 14 namespaces" counts the namespaces the session knows; keep the count current.
    if (session.namespaceFilter) subs.add(session.onNamespacesChange(() => this.fire([ctxId])));
  }

  private followScope(session: ContextSession, scope: ScopeCaches): void {
    const context = session.contextName;
    const subs = this.subs(session);
    const onChildChange = (changes: readonly CacheChange[]): void => {
      for (const c of changes) {
        if (c.type === 'resync' || !c.object) {
          this.fire([contextNodeId(context)]);
          continue;
        }
        const cluster = reads.clusterOfChild(c.object, scope);
        if (cluster) this.fire([clusterNodeId(context, c.object.metadata.namespace ?? '', cluster)]);
      }
    };
    for (const lw of [scope.pods, scope.services, scope.pvcs, scope.statefulsets, scope.configmaps])
      subs.add(lw.onChange(onChildChange));
    const dolphindbs = scope.dolphindbs;
    if (!dolphindbs) return;
    subs.add(
      dolphindbs.onChange((changes) => {
        for (const c of changes) {
          if (c.type === 'update' && c.object)
            this.fire([clusterNodeId(context, c.object.metadata.namespace ?? '', c.object.metadata.name)]);
          else this.fire([contextNodeId(context)]);
        }
      }),
    );
  }

  private fire(ids: ChangedIds): void {
    this.changes.fire(ids);
  }

  // ---- the tree -------------------------------------------------------------------------

  /** The node re-read from the caches (a refreshed node keeps its id, not its old text). */
  current(node: ExplorerNode): ExplorerNode {
    const k = node.key;
    if (k.t === 'context') return this.contextNode(k.context);
    if (k.t === 'cluster') {
      const d = reads.findDolphinDB(this.registry.session(k.context), k.namespace, k.name);
      return d ? clusterNode(k.context, d, this.t) : node;
    }
    return node;
  }

  roots(): ExplorerNode[] {
    return this.registry.contexts().map((c) => this.contextNode(c));
  }

  children(node: ExplorerNode | undefined): ExplorerNode[] {
    if (!node) return this.roots();
    const k = node.key;
    switch (k.t) {
      case 'context':
        return this.contextChildren(k.context);
      case 'suite':
        return suiteChildren(
          k.context,
          k.namespace,
          this.suiteComponents(k.context, k.namespace),
          this.suiteRelease(k.context, k.namespace),
          this.t,
        );
      case 'namespace':
        return this.clustersIn(k.context, k.namespace);
      case 'cluster':
        return this.clusterChildren(k);
      case 'role':
        return this.roleChildren(k, k.role);
      case 'instance':
        return this.instanceChildren(k.context, k.namespace, k.instance);
      case 'services':
      case 'pvcs': {
        const scope = reads.scopeFor(this.registry.session(k.context), k.namespace);
        if (!scope) return [];
        return k.t === 'services'
          ? serviceNodes(k, reads.membersOf(scope, scope.services, k.namespace, k.name), this.t)
          : volumeNodes(k, reads.membersOf(scope, scope.pvcs, k.namespace, k.name));
      }
      case 'events':
        return eventNodes(k, this.clusterEvents(k.context, k.namespace, k.name), this.t);
      case 'backups': {
        const list = this.clusterBackups(k.context, k.namespace, k.name);
        return list ? backupNodes(k, list, this.t) : [];
      }
      default:
        return [];
    }
  }

  private contextNode(context: string): ExplorerNode {
    const state = this.registry.stateOf(context);
    const sess = this.registry.session(context);
    const stale = state.s === 'ready' && sess?.connection().state === 'disconnected';
    const filtered =
      state.s === 'ready' && sess ? namespaceFilterText(sess.namespaceFilter, sess.namespaces(), this.t) : undefined;
    const probed = sess?.probed ? { serverVersion: sess.probed.serverVersion, server: sess.http.server } : undefined;
    return contextNode({ context, current: context === this.registry.currentContext, state, stale, filtered, probed }, this.t);
  }

  private contextChildren(context: string): ExplorerNode[] {
    const st = this.registry.stateOf(context);
    if (st.s === 'idle') {
      void this.registry.connect(context);
      return [connectingMessage(context, this.t)];
    }
    if (st.s === 'connecting') return [connectingMessage(context, this.t)];
    if (st.s === 'error') return [unreachableMessage(context, st.failure, this.t)];
    const sess = this.registry.session(context);
    const probe = sess?.probed;
    if (!sess || !probe) return [];
    const out: ExplorerNode[] = [];
    const conn = sess.connection();
    if (conn.state === 'disconnected') out.push(staleMessage(context, conn.failure, this.t));
    for (const r of probe.refusals) out.push(forbiddenMessage(context, r, this.t));
    for (const ns of this.suiteNamespaces(context))
      out.push(suiteNode(context, ns, this.suiteComponents(context, ns), this.suiteRelease(context, ns), this.t));
    if (!probe.crdInstalled) {
      out.push(noCrdMessage(context, this.t));
      return out;
    }
    const byNs = reads.clustersByNamespace(sess);
    const namespaces = [...byNs.keys()].sort();
    // "No clusters yet" with a Create offer would be wrong when the list itself was refused;
    // the Forbidden item above already says why nothing is shown.
    const clustersRefused = probe.refusals.some((r) => r.resource.startsWith('dolphindbs.'));
    if (namespaces.length === 0) {
      if (!clustersRefused) out.push(noClustersMessage(context, this.t));
    } else if (namespaces.length === 1) {
      out.push(...this.clustersIn(context, namespaces[0]));
    } else {
      for (const ns of namespaces) out.push(namespaceNode(context, ns, byNs.get(ns)?.length ?? 0, this.t));
    }
    return out;
  }

  clustersIn(context: string, namespace: string): ExplorerNode[] {
    const sess = this.registry.session(context);
    if (!sess) return [];
    const list = (reads.clustersByNamespace(sess).get(namespace) ?? [])
      .slice()
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    return list.map((d) => clusterNode(context, d, this.t));
  }

  private clusterChildren(at: ClusterAt): ExplorerNode[] {
    const sess = this.registry.session(at.context);
    const d = reads.findDolphinDB(sess, at.namespace, at.name);
    if (!d) return [];
    const scope = reads.scopeFor(sess, at.namespace);
    const roles = roleStatuses(d);
    const uses = new Map<RoleAbbrev, RoleUse>();
    if (scope)
      for (const rs of roles) {
        const pods = reads
          .instanceNames(scope, at.namespace, at.name, rs.role, rs)
          .map((inst) => scope.pods.get(`${inst}-0`, at.namespace));
        const found = pods.map((p) => (p ? this.podUse(at.context, p) : undefined)).filter((u) => u !== undefined);
        if (found.length > 0)
          uses.set(rs.role, { use: sumUses(found.map((u) => u.total)), level: worst(found.map((u) => u.level)) });
      }
    const out = roleNodes(at, roles, this.t, uses);
    out.push(servicesGroup(at, scope ? reads.membersOf(scope, scope.services, at.namespace, at.name).length : 0, this.t));
    out.push(volumesGroup(at, scope ? reads.membersOf(scope, scope.pvcs, at.namespace, at.name).length : 0, this.t));
    const cm = scope?.configmaps.get(configMapName(at.name), at.namespace);
    if (cm) out.push(configMapNode(at, cm, this.t));
    out.push(eventsGroup(at, this.clusterEvents(at.context, at.namespace, at.name), this.t));
    // Only where the operator's backup API is served (and readable): nothing otherwise.
    const backups = this.clusterBackups(at.context, at.namespace, at.name);
    if (backups) out.push(backupsGroup(at, backups, this.t));
    return out;
  }

  private roleChildren(at: ClusterAt, role: RoleAbbrev): ExplorerNode[] {
    const sess = this.registry.session(at.context);
    const d = reads.findDolphinDB(sess, at.namespace, at.name);
    const scope = reads.scopeFor(sess, at.namespace);
    if (!d || !scope) return [];
    const rs = roleStatuses(d).find((r) => r.role === role);
    const specInstances = rec(d, 'spec', roleFromAbbrev(role) ?? '', 'instances');
    return reads.instanceNames(scope, at.namespace, at.name, role, rs).map((inst) => {
      const podName = `${inst}-0`;
      // The spec keys instances by their index within the role (`instances."1"`), as the pause
      // and Service commands write them; the menu must read the same switch they change.
      const index = parseInstanceName(at.name, inst)?.index;
      const meta = index === undefined ? {} : rec(specInstances, String(index));
      const pod = scope.pods.get(podName, at.namespace);
      const use = pod ? this.podUse(at.context, pod) : undefined;
      return instanceNode(
        at,
        {
          instance: inst,
          status: rs?.instances[inst],
          pod,
          leader: rs?.master === podName || rs?.master === inst,
          paused: meta.paused === true,
          hasService: meta.service !== undefined && meta.service !== null,
          ...(use ? { use } : {}),
        },
        this.t,
      );
    });
  }

  /** The instance's pod is folded into its row: its children are the pod's containers. */
  private instanceChildren(context: string, namespace: string, instance: string): ExplorerNode[] {
    const podName = `${instance}-0`;
    const pod = reads.scopeFor(this.registry.session(context), namespace)?.pods.get(podName, namespace);
    return pod
      ? containerNodes(context, pod, this.t, this.podUse(context, pod)?.containers)
      : [podMissingMessage(context, namespace, podName, this.t)];
  }

  /** Events of the cluster object and its children, judged (resolved or not) and ordered. */
  clusterEvents(context: string, namespace: string, name: string): JudgedEvent[] {
    const sess = this.registry.session(context);
    if (!sess) return [];
    this.followEvents(sess, namespace);
    const scope = reads.scopeFor(sess, namespace);
    const d = reads.findDolphinDB(sess, namespace, name);
    const pods = scope ? reads.membersOf(scope, scope.pods, namespace, name) : [];
    return judgeEvents(
      reads.clusterEvents(sess, namespace, name),
      {
        pod: (n) => scope?.pods.get(n, namespace),
        pvc: (n) => scope?.pvcs.get(n, namespace),
        clusterHealthy: phaseLook(str(d, 'status', 'phase')).tone === 'ok',
      },
      pods.filter((p) => parsePodName(name, p.metadata.name) !== undefined),
    );
  }

  /**
   * Events arrive after the cluster's children were first drawn (the watch opens on first use),
   * so a change re-draws the clusters it is about; without this the group kept its first count.
   */
  private followEvents(sess: ContextSession, namespace: string): void {
    const lw = reads.eventsCache(sess, namespace);
    if (this.subscribed.has(lw)) return;
    this.subscribed.add(lw);
    const context = sess.contextName;
    this.subs(sess).add(
      lw.onChange((changes) => {
        const ids = new Set<string>();
        for (const c of changes) {
          const ns = c.object?.metadata.namespace;
          for (const [clusterNs, clusters] of reads.clustersByNamespace(sess)) {
            if (ns !== undefined && ns !== clusterNs) continue;
            for (const d of clusters)
              if (!c.object || reads.eventBelongsTo(d.metadata.name, c.object))
                ids.add(clusterNodeId(context, clusterNs, d.metadata.name));
          }
        }
        if (ids.size > 0) this.fire([...ids]);
      }),
    );
  }

  // ---- the suite -------------------------------------------------------------------------

  /** Namespaces where the suite's env-config ConfigMap exists. */
  suiteNamespaces(context: string): string[] {
    return reads.suiteNamespaces(this.registry.session(context));
  }

  suiteComponents(context: string, namespace: string): ComponentHealth[] {
    const sess = this.registry.session(context);
    if (!sess) return [];
    const lws = {
      statefulset: sess.lazy(KINDS.statefulset, namespace),
      deployment: sess.lazy(KINDS.deployment, namespace),
      daemonset: sess.lazy(KINDS.daemonset, namespace),
    };
    for (const lw of Object.values(lws)) {
      if (this.subscribed.has(lw)) continue;
      this.subscribed.add(lw);
      this.subs(sess).add(lw.onChange(() => this.fire([nodeId({ kind: 'suite', context, namespace }), contextNodeId(context)])));
    }
    return SUITE_COMPONENTS.map((spec) => componentHealth(spec, lws[spec.workload].get(spec.name, namespace)));
  }

  /** The suite's Helm release in a namespace, read from Helm's release Secrets (see suiteReleases.ts). */
  suiteRelease(context: string, namespace: string): HelmRelease | undefined {
    const sess = this.registry.session(context);
    if (!sess) return undefined;
    let releases = this.releases.get(sess);
    if (!releases) {
      releases = new SuiteReleases(sess, (ns) =>
        this.fire([nodeId({ kind: 'suite', context, namespace: ns }), contextNodeId(context)]),
      );
      this.releases.set(sess, releases);
      this.subs(sess).add(releases);
    }
    return releases.get(namespace);
  }

  // ---- backups ---------------------------------------------------------------------------

  /** A cluster's Backups and Restores; undefined where the backup API is absent (or not yet known). */
  clusterBackups(context: string, namespace: string, name: string): ClusterBackupList | undefined {
    return this.sessionBackups(context)?.forCluster(namespace, name);
  }

  /** The context's backup API (discovered once per session); undefined where it is absent. */
  backupApi(context: string): Promise<BackupApi | undefined> {
    return this.sessionBackups(context)?.discovered() ?? Promise.resolve(undefined);
  }

  private sessionBackups(context: string): SessionBackups | undefined {
    const sess = this.registry.session(context);
    if (!sess) return undefined;
    let b = this.backups.get(sess);
    if (!b) {
      b = new SessionBackups(sess, (ns) => {
        const ids: string[] = [];
        for (const [clusterNs, clusters] of reads.clustersByNamespace(sess))
          if (ns === undefined || ns === clusterNs)
            for (const d of clusters) ids.push(clusterNodeId(context, clusterNs, d.metadata.name));
        if (ids.length > 0) this.fire(ids);
      });
      this.backups.set(sess, b);
      this.subs(sess).add(b);
    }
    return b;
  }

  // ---- resource use (metrics API) ------------------------------------------------------------

  /** The pod's resource use against its spec; undefined where the metrics API gives none (yet). */
  podUse(context: string, pod: KubeObject): PodUse | undefined {
    const sample = this.sessionMetrics(context)?.podUsage(pod.metadata.namespace ?? '', pod.metadata.name);
    return sample ? podUse(pod, sample) : undefined;
  }

  /** Every container of a cluster with a usage sample, in tree order (the caller sorts). */
  clusterUse(context: string, namespace: string, name: string): ContainerUseRow[] {
    const sess = this.registry.session(context);
    const d = reads.findDolphinDB(sess, namespace, name);
    const scope = reads.scopeFor(sess, namespace);
    if (!d || !scope) return [];
    const rows: ContainerUseRow[] = [];
    for (const rs of roleStatuses(d))
      for (const inst of reads.instanceNames(scope, namespace, name, rs.role, rs)) {
        const pod = scope.pods.get(`${inst}-0`, namespace);
        const use = pod ? this.podUse(context, pod) : undefined;
        if (pod && use)
          for (const [container, u] of use.containers)
            rows.push({ role: rs.role, instance: inst, pod: pod.metadata.name, container, use: u });
      }
    return rows;
  }

  /** 'off' by setting; otherwise what the metrics API answered (undefined: not asked yet). */
  metricsState(context: string): 'off' | 'available' | 'absent' | 'unavailable' | undefined {
    if (this.metricsIntervalMs === 0) return 'off';
    return this.sessionMetrics(context)?.availability;
  }

  /** Whether anyone sees the numbers: a hidden view stops the polling. */
  setMetricsActive(active: boolean): void {
    this.metricsActive = active;
    for (const m of this.metrics.values()) m.setActive(active);
  }

  private sessionMetrics(context: string): SessionMetrics | undefined {
    const sess = this.registry.session(context);
    if (!sess || this.metricsIntervalMs === 0) return undefined;
    let m = this.metrics.get(sess);
    if (!m) {
      m = new SessionMetrics(sess, {
        ...(this.metricsIntervalMs !== undefined ? { intervalMs: this.metricsIntervalMs } : {}),
        onChange: (ns) => {
          const clusters = reads.clustersByNamespace(sess).get(ns) ?? [];
          if (clusters.length > 0) this.fire(clusters.map((d) => clusterNodeId(context, ns, d.metadata.name)));
        },
        onNotice: (notice) => this.metricsNotices.fire({ context, notice }),
      });
      m.setActive(this.metricsActive);
      this.metrics.set(sess, m);
      this.subs(sess).add(m);
    }
    return m;
  }

  dispose(): void {
    for (const m of this.metrics.values()) m.dispose();
    this.metrics.clear();
    this.store.dispose();
    for (const s of this.perSession.values()) s.dispose();
    this.perSession.clear();
  }
}
