// The explorer's model: kube contexts → suite and DolphinDB clusters → members, rendered from
// the sessions' watch caches. Expanding a node only reads memory. Cache changes are mapped to
// the cluster (or context) they touch and reported, debounced, as node ids to refresh.
import { operationOf, reasonOf } from '../i18n/text';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Failure } from '../result';
import { english, verbatim, type Translate } from '../i18n/translate';
import { contextNamespace, withContext } from '../k8s/kubeconfig';
import { KINDS, type KubeObject } from '../k8s/resources';
import type { CacheChange, ListWatch } from '../k8s/listWatch';
import { ContextSession, type ScopeCaches } from './session';
import type { ObjectCache } from './memberCache';
import { clusterNodeId, type Capability, type ExplorerNode, type NodeKey } from './nodes';
import { belongsTo, instanceOf, type StatefulSetLookup } from './membership';
import { clusterOfName, configMapName, LABELS, roleFromAbbrev, statefulSetName, type RoleAbbrev } from '../dolphindb/names';
import { age, arr, num, podSummary, rec, str } from './objects';
import { modeText, phaseLook, roleStatuses } from './status';
import { componentHealth, overallHealth, SUITE_COMPONENTS, suiteVersion } from './suite';
import { releaseLook, type HelmRelease } from './helmRelease';
import { SuiteReleases } from './suiteReleases';

export interface ExplorerOptions {
  readonly fallbackNamespaces?: readonly string[];
  readonly childSelector?: string;
  readonly requestTimeoutMs?: number;
  readonly debounceMs?: number;
  readonly t?: Translate;
  /** Only this context, e.g. the one chosen for the view. Default: all contexts, current expanded. */
  readonly onlyContext?: string;
  /** The namespaces the user chose for a context (undefined: all); read on every connect. */
  readonly namespaceFilter?: (context: string) => readonly string[] | undefined;
}

export type ContextState =
  | { s: 'idle' }
  | { s: 'connecting' }
  | { s: 'ready' }
  | { s: 'error'; failure: Failure };

const ENV_CONFIG_SELECTOR = 'dolphindb.io/component.config=config';

export class Explorer {
  private readonly sessions = new Map<string, ContextSession>();
  private readonly states = new Map<string, ContextState>();
  private readonly listeners = new Set<(ids: readonly string[] | undefined) => void>();
  private readonly subs: { dispose(): void }[] = [];
  private pending = new Set<string>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly t: Translate;

  constructor(
    private readonly config: KubeConfig,
    private readonly opts: ExplorerOptions = {},
  ) {
    this.t = opts.t ?? english;
  }

  get currentContext(): string {
    return this.opts.onlyContext ?? this.config.currentContext;
  }

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

  onDidChange(cb: (ids: readonly string[] | undefined) => void): { dispose(): void } {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }

  /** Connects a context (idempotent). Resolves when its first lists are in or it failed. */
  async connect(context: string): Promise<ContextState> {
    const existing = this.states.get(context);
    if (existing && existing.s !== 'idle' && existing.s !== 'error') {
      if (existing.s === 'ready') return existing;
    }
    this.sessions.get(context)?.dispose();
    const session = new ContextSession(context, withContext(this.config, context), {
      fallbackNamespaces: this.opts.fallbackNamespaces,
      contextNamespace: contextNamespace(this.config, context),
      childSelector: this.opts.childSelector,
      requestTimeoutMs: this.opts.requestTimeoutMs,
      namespaceFilter: this.opts.namespaceFilter?.(context),
    });
    this.sessions.set(context, session);
    this.states.set(context, { s: 'connecting' });
    this.fire([`ctx:${context}`]);
    const probe = await session.probe();
    if (this.sessions.get(context) !== session) return this.stateOf(context);
    if (!probe.ok) {
      this.states.set(context, { s: 'error', failure: probe.error });
      this.fire([`ctx:${context}`]);
      return this.stateOf(context);
    }
    session.openWatches();
    this.watchSuite(session);
    for (const scope of session.caches) this.subscribe(context, scope);
    for (const lw of session.allCaches()) this.subs.push(lw.onState(() => this.fire([`ctx:${context}`])));
    // "2 of 14 namespaces" counts the namespaces the session knows; keep the count current.
    if (session.namespaceFilter) this.subs.push(session.onNamespacesChange(() => this.fire([`ctx:${context}`])));
    const failure = await session.waitForSync();
    if (this.sessions.get(context) !== session) return this.stateOf(context);
    this.states.set(context, failure ? { s: 'error', failure } : { s: 'ready' });
    this.fire(undefined);
    return this.stateOf(context);
  }

  /** Forget everything of a context and connect again (the Retry action). */
  async reconnect(context: string): Promise<ContextState> {
    this.sessions.get(context)?.dispose();
    this.sessions.delete(context);
    this.states.set(context, { s: 'idle' });
    return this.connect(context);
  }

  private watchSuite(session: ContextSession): void {
    for (const ns of session.watchedNamespaces()) {
      const envCfg = session.lazy(KINDS.configmap, ns, ENV_CONFIG_SELECTOR);
      this.subs.push(envCfg.onChange(() => this.fire([`ctx:${session.contextName}`])));
    }
  }

  private subscribe(context: string, scope: ScopeCaches): void {
    const onChildChange = (changes: readonly CacheChange[]): void => {
      for (const c of changes) {
        if (c.type === 'resync' || !c.object) {
          this.fire([`ctx:${context}`]);
          continue;
        }
        const cluster = clusterOfChild(c.object, scope);
        const ns = c.object.metadata.namespace ?? '';
        if (cluster) this.fire([clusterNodeId(context, ns, cluster)]);
      }
    };
    for (const lw of [scope.pods, scope.services, scope.pvcs, scope.statefulsets, scope.configmaps]) this.subs.push(lw.onChange(onChildChange));
    if (scope.dolphindbs) {
      this.subs.push(
        scope.dolphindbs.onChange((changes) => {
          for (const c of changes) {
            if (c.type === 'update' && c.object) this.fire([clusterNodeId(context, c.object.metadata.namespace ?? '', c.object.metadata.name)]);
            else this.fire([`ctx:${context}`]);
          }
        }),
      );
    }
  }

  private fire(ids: readonly string[] | undefined): void {
    if (ids === undefined) this.pendingAll = true;
    else ids.forEach((i) => this.pending.add(i));
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const all = this.pendingAll;
      const list = [...this.pending];
      this.pending.clear();
      this.pendingAll = false;
      for (const l of this.listeners) l(all ? undefined : list);
    }, this.opts.debounceMs ?? 50);
  }

  // ---- the tree -------------------------------------------------------------------------

  /** The node re-read from the caches (a refreshed node keeps its id, not its old text). */
  current(node: ExplorerNode): ExplorerNode {
    const k = node.key;
    if (k.t === 'context') return this.contextNode(k.context);
    if (k.t === 'cluster') {
      const d = this.dolphindb(k.context, k.namespace, k.name);
      return d ? this.clusterNode(k.context, d) : node;
    }
    return node;
  }

  roots(): ExplorerNode[] {
    return this.contexts().map((c) => this.contextNode(c));
  }

  children(node: ExplorerNode | undefined): ExplorerNode[] {
    if (!node) return this.roots();
    const k = node.key;
    switch (k.t) {
      case 'context':
        return this.contextChildren(k.context);
      case 'suite':
        return this.suiteChildren(k.context, k.namespace);
      case 'namespace':
        return this.clustersIn(k.context, k.namespace);
      case 'cluster':
        return this.clusterChildren(k.context, k.namespace, k.name);
      case 'role':
        return this.roleChildren(k.context, k.namespace, k.name, k.role);
      case 'instance':
        return this.instanceChildren(k.context, k.namespace, k.name, k.instance);
      case 'pod':
        return this.containerNodes(k.context, k.namespace, k.pod);
      case 'services':
        return this.serviceNodes(k.context, k.namespace, k.name);
      case 'pvcs':
        return this.pvcNodes(k.context, k.namespace, k.name);
      case 'events':
        return this.eventNodes(k.context, k.namespace, k.name);
      default:
        return [];
    }
  }

  private contextNode(context: string): ExplorerNode {
    const st = this.stateOf(context);
    const cur = context === this.currentContext;
    const sess = this.sessions.get(context);
    const conn = sess?.connection();
    const stale = st.s === 'ready' && conn?.state === 'disconnected';
    let description = cur ? this.t('current') : '';
    if (st.s === 'connecting') description = this.t('connecting…');
    if (st.s === 'error') description = this.t('unreachable');
    if (stale) description = this.t('disconnected, showing last known state');
    const filtered = st.s === 'ready' && sess ? this.filterText(sess) : undefined;
    if (filtered) description = description ? `${description} · ${filtered}` : filtered;
    const icon = st.s === 'error' || stale ? { id: 'debug-disconnect', color: 'errorForeground' } : { id: cur ? 'vm-active' : 'vm-outline' };
    const caps: Capability[] = ['refresh', 'switchContext', 'filterNamespaces'];
    if (stale) caps.push('stale');
    return {
      id: `ctx:${context}`,
      kind: 'context',
      label: context,
      description,
      tooltip: sess?.probed ? this.t('Kubernetes {0} · {1}', sess.probed.serverVersion, sess.http.server) : undefined,
      icon,
      collapsible: cur ? 'expanded' : 'collapsed',
      caps,
      key: { t: 'context', context },
    };
  }

  /** "2 of 14 namespaces" when the user narrowed the context; undefined when not filtered. */
  private filterText(sess: ContextSession): string | undefined {
    const filter = sess.namespaceFilter;
    if (!filter) return undefined;
    const known = sess.namespaces();
    // Before the namespace list has loaded the total is unknown: "1 of 1" would be wrong.
    if (known.length === 0) return this.t('{0} namespaces (filtered)', new Set(filter).size);
    const total = new Set([...known, ...filter]).size;
    return this.t('{0} of {1} namespaces', new Set(filter).size, total);
  }

  private message(id: string, label: string, icon: string, extra: Partial<ExplorerNode> = {}): ExplorerNode {
    return { id, kind: 'message', label, icon: { id: icon }, collapsible: 'none', caps: [], key: { t: 'leaf' }, ...extra };
  }

  private contextChildren(context: string): ExplorerNode[] {
    const st = this.stateOf(context);
    if (st.s === 'idle') {
      void this.connect(context);
      return [this.message(`ctx:${context}/msg:connecting`, this.t('Connecting…'), 'loading~spin')];
    }
    if (st.s === 'connecting') return [this.message(`ctx:${context}/msg:connecting`, this.t('Connecting…'), 'loading~spin')];
    if (st.s === 'error') {
      const f = st.failure;
      const label = f.kind === 'forbidden' ? this.t('Forbidden: {0} {1}', f.verb ?? '?', f.resource ?? '?') : this.t('Cannot reach the cluster: {0}', reasonOf(f, this.t));
      return [this.message(`ctx:${context}/msg:error`, label, 'error', { caps: ['retry'], tooltip: `${operationOf(f, this.t)}: ${reasonOf(f, this.t)}`, command: { id: 'dolphindbK8s.retry', title: this.t('Retry'), args: [context] } })];
    }
    const sess = this.sessions.get(context);
    const probe = sess?.probed;
    if (!sess || !probe) return [];
    const out: ExplorerNode[] = [];
    const conn = sess.connection();
    if (conn.state === 'disconnected') {
      out.push(this.message(`ctx:${context}/msg:stale`, this.t('Disconnected: {0} (showing last known state; reconnecting)', reasonOf(conn.failure, this.t)), 'warning', { caps: ['retry'], command: { id: 'dolphindbK8s.retry', title: this.t('Retry'), args: [context] } }));
    }
    for (const r of probe.refusals) {
      out.push(this.message(`ctx:${context}/msg:forbidden:${r.verb}:${r.resource}:${r.namespace ?? ''}`, this.t('Forbidden: {0} {1}{2}', r.verb, r.resource, r.namespace ? ` (${r.namespace})` : ''), 'lock'));
    }
    out.push(...this.suiteNodes(context, sess));
    if (!probe.crdInstalled) {
      out.push(this.message(`ctx:${context}/msg:nocrd`, this.t('DolphinDB is not installed in this cluster (no DolphinDB CRD)'), 'info', { caps: ['installSuite'], command: { id: 'dolphindbK8s.installSuite', title: this.t('Install DolphinDB suite'), args: [context] } }));
      return out;
    }
    const byNs = this.clustersByNamespace(sess);
    const namespaces = [...byNs.keys()].sort();
    // "No clusters yet" with a Create offer would be wrong when the list itself was refused;
    // the Forbidden item above already says why nothing is shown.
    const clustersRefused = probe.refusals.some((r) => r.resource.startsWith('dolphindbs.'));
    if (namespaces.length === 0) {
      if (!clustersRefused) out.push(this.message(`ctx:${context}/msg:noclusters`, this.t('No DolphinDB clusters yet'), 'info', { caps: ['createCluster'], command: { id: 'dolphindbK8s.createCluster', title: this.t('Create cluster'), args: [context] } }));
    } else if (namespaces.length === 1) {
      out.push(...this.clustersIn(context, namespaces[0]));
    } else {
      for (const ns of namespaces) {
        const n = byNs.get(ns)?.length ?? 0;
        out.push({ id: `ctx:${context}/ns:${ns}`, kind: 'namespace', label: ns, description: n === 1 ? this.t('1 cluster') : this.t('{0} clusters', n), icon: { id: 'symbol-namespace' }, collapsible: 'expanded', caps: ['refresh'], key: { t: 'namespace', context, namespace: ns } });
      }
    }
    return out;
  }

  private clustersByNamespace(sess: ContextSession): Map<string, KubeObject[]> {
    const byNs = new Map<string, KubeObject[]>();
    for (const scope of sess.caches) {
      for (const d of scope.dolphindbs?.values() ?? []) {
        const ns = d.metadata.namespace ?? '';
        const l = byNs.get(ns) ?? [];
        l.push(d);
        byNs.set(ns, l);
      }
    }
    return byNs;
  }

  private dolphindb(context: string, namespace: string, name: string): KubeObject | undefined {
    for (const scope of this.sessions.get(context)?.caches ?? []) {
      const d = scope.dolphindbs?.get(name, namespace);
      if (d) return d;
    }
    return undefined;
  }

  private scopeFor(context: string, namespace: string): ScopeCaches | undefined {
    const caches = this.sessions.get(context)?.caches ?? [];
    return caches.find((c) => c.namespace === undefined || c.namespace === namespace);
  }

  clustersIn(context: string, namespace: string): ExplorerNode[] {
    const sess = this.sessions.get(context);
    if (!sess) return [];
    const list = (this.clustersByNamespace(sess).get(namespace) ?? []).slice().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    return list.map((d) => this.clusterNode(context, d));
  }

  clusterNode(context: string, d: KubeObject): ExplorerNode {
    const ns = d.metadata.namespace ?? '';
    const name = d.metadata.name;
    const phase = str(d, 'status', 'phase');
    const look = phaseLook(phase);
    const version = str(d, 'spec', 'version') ?? '?';
    const roles = roleStatuses(d);
    const counts = roles.map((r) => `${r.role} ${r.ready}/${r.desired}`).join(' ');
    const tip = [
      `**${name}** · ${ns}`,
      '',
      `${this.t('Mode')}: ${modeText(d)}`,
      `${this.t('Version')}: ${version}`,
      `${this.t('Phase')}: ${look.text}`,
      `${this.t('Created')}: ${d.metadata.creationTimestamp ?? '?'}`,
      `${this.t('Storage class')}: ${str(d, 'spec', 'storageClassName') ?? '-'}`,
      `${this.t('License server')}: ${str(d, 'spec', 'licenseServerAddress') ?? '-'}`,
      ...roles.filter((r) => r.message).map((r) => `${r.role}: ${r.message}`),
    ].join('  \n');
    return {
      id: clusterNodeId(context, ns, name),
      kind: 'cluster',
      label: name,
      description: `${modeText(d)} · ${version} · ${look.text}${counts ? ` · ${counts}` : ''}`,
      tooltip: tip,
      icon: { id: look.tone === 'ok' ? 'database' : look.icon, color: look.color },
      collapsible: 'collapsed',
      ref: { context, kind: 'dolphindb', name, namespace: ns },
      caps: ['refresh', 'copyName', 'showYaml', 'edit', 'delete', 'logs', 'cluster', 'revealChildren'],
      key: { t: 'cluster', context, namespace: ns, name },
    };
  }

  private clusterChildren(context: string, namespace: string, name: string): ExplorerNode[] {
    const d = this.dolphindb(context, namespace, name);
    if (!d) return [];
    const base = clusterNodeId(context, namespace, name);
    const out: ExplorerNode[] = [];
    const roleTitle: Record<RoleAbbrev, string> = { ctr: this.t('Controllers'), dn: this.t('Data nodes'), cn: this.t('Compute nodes') };
    for (const r of roleStatuses(d)) {
      if (r.role === 'cn' && r.desired === 0 && Object.keys(r.instances).length === 0) continue;
      const look = phaseLook(r.phase);
      out.push({
        id: `${base}/role:${r.role}`,
        kind: 'role',
        label: roleTitle[r.role],
        description: `${r.ready}/${r.desired}${r.phase ? ` · ${r.phase}` : ''}`,
        tooltip: r.message,
        icon: { id: look.tone === 'ok' ? 'server' : look.icon, color: look.color },
        collapsible: 'collapsed',
        caps: [],
        key: { t: 'role', context, namespace, name, role: r.role },
      });
    }
    const scope = this.scopeFor(context, namespace);
    const svcCount = scope ? this.childList(scope, scope.services, namespace, name).length : 0;
    const pvcCount = scope ? this.childList(scope, scope.pvcs, namespace, name).length : 0;
    out.push({ id: `${base}/services`, kind: 'services', label: this.t('Services'), description: String(svcCount), icon: { id: 'plug' }, collapsible: 'collapsed', caps: [], key: { t: 'services', context, namespace, name } });
    out.push({ id: `${base}/pvcs`, kind: 'pvcs', label: this.t('Volumes'), description: String(pvcCount), icon: { id: 'database' }, collapsible: 'collapsed', caps: [], key: { t: 'pvcs', context, namespace, name } });
    const cm = scope?.configmaps.get(configMapName(name), namespace);
    if (cm) {
      out.push({ id: `${base}/cm`, kind: 'configmap', label: cm.metadata.name, description: this.t('ConfigMap · {0} keys', Object.keys(cm.data ?? {}).length), icon: { id: 'settings-gear' }, collapsible: 'none', ref: { context, kind: 'configmap', name: cm.metadata.name, namespace }, caps: ['copyName', 'showYaml', 'edit'], key: { t: 'leaf' } });
    }
    const events = this.clusterEvents(context, namespace, name);
    const warnings = events.filter((e) => str(e, 'type') === 'Warning').length;
    out.push({ id: `${base}/events`, kind: 'events', label: this.t('Events'), description: warnings > 0 ? this.t('{0} warnings', warnings) : String(events.length), icon: { id: warnings > 0 ? 'warning' : 'history', color: warnings > 0 ? 'list.warningForeground' : undefined }, collapsible: 'collapsed', caps: [], key: { t: 'events', context, namespace, name } });
    return out;
  }

  private childList(scope: ScopeCaches, lw: ObjectCache, namespace: string, cluster: string): KubeObject[] {
    const lookup: StatefulSetLookup = (n, ns) => scope.statefulsets.get(n, ns);
    const out: KubeObject[] = [];
    for (const o of lw.values()) if ((o.metadata.namespace ?? '') === namespace && belongsTo(cluster, o, lookup)) out.push(o);
    return out;
  }

  private roleChildren(context: string, namespace: string, name: string, role: RoleAbbrev): ExplorerNode[] {
    const d = this.dolphindb(context, namespace, name);
    const scope = this.scopeFor(context, namespace);
    if (!d || !scope) return [];
    const rs = roleStatuses(d).find((r) => r.role === role);
    const desired = rs?.desired ?? 0;
    const names = new Set<string>();
    for (let i = 0; i < desired; i++) names.add(statefulSetName(name, role, i));
    for (const k of Object.keys(rs?.instances ?? {})) names.add(k);
    for (const sts of this.childList(scope, scope.statefulsets, namespace, name)) {
      const ir = instanceOf(name, sts);
      if (ir?.abbrev === role) names.add(sts.metadata.name);
    }
    const sorted = [...names].sort((a, b) => instIndex(a) - instIndex(b));
    const master = rs?.master;
    const base = clusterNodeId(context, namespace, name);
    const paused = rec(d, 'spec', roleFromAbbrev(role) ?? '', 'instances');
    return sorted.map((inst) => {
      const podName = `${inst}-0`;
      const pod = scope.pods.get(podName, namespace);
      const ps = pod ? podSummary(pod) : undefined;
      const st = rs?.instances[inst];
      const isLeader = master === podName || master === inst;
      const idx = instIndex(inst);
      const isPaused = rec(paused, String(idx)).paused === true;
      const look = phaseLook(st?.phase ?? (ps ? (ps.isReady ? 'Ready' : ps.phase) : undefined));
      // Paused comes from the spec: the operator need not report a phase for a paused instance
      // (§3 documents only Ready and Progressing), and then "no pod" is the expected state.
      const parts = st || ps || !isPaused ? [st?.phase ?? (ps?.isReady ? 'Ready' : ps?.phase ?? this.t('no pod'))] : [];
      if (isLeader) parts.unshift(this.t('leader'));
      if (isPaused) parts.push(this.t('paused'));
      return {
        id: `${base}/inst:${inst}`,
        kind: 'instance',
        label: inst,
        description: parts.join(' · '),
        tooltip: st?.message,
        icon: { id: isLeader ? 'star-full' : isPaused ? 'debug-pause' : look.tone === 'ok' ? 'server-process' : look.icon, color: look.color },
        collapsible: 'collapsed',
        ref: { context, kind: 'statefulset', name: inst, namespace },
        caps: ['copyName', 'showYaml', 'logs'],
        key: { t: 'instance', context, namespace, name, instance: inst },
      };
    });
  }

  private instanceChildren(context: string, namespace: string, _name: string, instance: string): ExplorerNode[] {
    const scope = this.scopeFor(context, namespace);
    const podName = `${instance}-0`;
    const pod = scope?.pods.get(podName, namespace);
    if (!pod) return [this.message(`ctx:${context}/pod:${namespace}/${podName}/none`, this.t('Pod {0} does not exist', podName), 'circle-slash')];
    return [this.podNode(context, pod)];
  }

  podNode(context: string, pod: KubeObject): ExplorerNode {
    const ns = pod.metadata.namespace ?? '';
    const s = podSummary(pod);
    const look = phaseLook(s.reason && !s.isReady ? s.reason : s.isReady ? 'Running' : s.phase);
    return {
      id: `ctx:${context}/pod:${ns}/${pod.metadata.name}`,
      kind: 'pod',
      label: pod.metadata.name,
      description: [s.reason && !s.isReady ? s.reason : s.phase, `${s.ready}/${s.total}`, s.restarts ? this.t('{0} restarts', s.restarts) : '', s.node, age(pod.metadata.creationTimestamp)].filter((x) => x).join(' · '),
      icon: { id: 'symbol-field', color: look.color },
      collapsible: 'collapsed',
      ref: { context, kind: 'pod', name: pod.metadata.name, namespace: ns },
      caps: ['copyName', 'showYaml', 'logs', 'delete', 'revealOwner'],
      key: { t: 'pod', context, namespace: ns, pod: pod.metadata.name },
    };
  }

  private containerNodes(context: string, namespace: string, podName: string): ExplorerNode[] {
    const pod = this.scopeFor(context, namespace)?.pods.get(podName, namespace);
    if (!pod) return [];
    const statuses = new Map(arr(pod, 'status', 'containerStatuses').map((c) => [str(c, 'name') ?? '', c]));
    const mk = (c: unknown, init: boolean): ExplorerNode => {
      const name = str(c, 'name') ?? '?';
      const st = statuses.get(name);
      const ready = st ? (st as Record<string, unknown>).ready === true : false;
      const state = st ? Object.keys(rec(st, 'state'))[0] ?? '' : '';
      return {
        id: `ctx:${context}/pod:${namespace}/${podName}/c:${name}`,
        kind: 'container',
        label: name,
        description: [init ? this.t('init') : '', str(c, 'image') ?? '', state, st ? this.t('{0} restarts', num(st, 'restartCount') ?? 0) : ''].filter((x) => x).join(' · '),
        icon: { id: init ? 'debug-start' : 'package', color: init ? undefined : ready ? 'testing.iconPassed' : 'charts.yellow' },
        collapsible: 'none',
        ref: { context, kind: 'pod', name: podName, namespace },
        caps: init ? [] : ['logs'],
        key: { t: 'leaf' },
      };
    };
    return [...arr(pod, 'spec', 'initContainers').map((c) => mk(c, true)), ...arr(pod, 'spec', 'containers').map((c) => mk(c, false))];
  }

  private serviceNodes(context: string, namespace: string, name: string): ExplorerNode[] {
    const scope = this.scopeFor(context, namespace);
    if (!scope) return [];
    return this.childList(scope, scope.services, namespace, name)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((svc) => {
        const type = str(svc, 'spec', 'type') ?? 'ClusterIP';
        const ports = arr(svc, 'spec', 'ports')
          .map((p) => `${num(p, 'port') ?? '?'}${num(p, 'nodePort') ? `:${num(p, 'nodePort')}` : ''}/${str(p, 'protocol') ?? 'TCP'}`)
          .join(', ');
        const perInstance = instanceOf(name, svc) !== undefined;
        return {
          id: `ctx:${context}/svc:${namespace}/${svc.metadata.name}`,
          kind: 'service' as const,
          label: svc.metadata.name,
          description: [type, str(svc, 'spec', 'clusterIP') ?? '', ports, perInstance ? this.t('per instance') : ''].filter((x) => x).join(' · '),
          icon: { id: 'plug' },
          collapsible: 'none' as const,
          ref: { context, kind: 'service' as const, name: svc.metadata.name, namespace },
          caps: ['copyName', 'showYaml', 'edit'] as Capability[],
          key: { t: 'leaf' as const },
        };
      });
  }

  private pvcNodes(context: string, namespace: string, name: string): ExplorerNode[] {
    const scope = this.scopeFor(context, namespace);
    if (!scope) return [];
    return this.childList(scope, scope.pvcs, namespace, name)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((pvc) => {
        const phase = str(pvc, 'status', 'phase') ?? 'Pending';
        const look = phaseLook(phase);
        const size = str(pvc, 'status', 'capacity', 'storage') ?? str(pvc, 'spec', 'resources', 'requests', 'storage') ?? '?';
        return {
          id: `ctx:${context}/pvc:${namespace}/${pvc.metadata.name}`,
          kind: 'pvc' as const,
          label: pvc.metadata.name,
          description: [size, phase, str(pvc, 'spec', 'storageClassName') ?? ''].filter((x) => x).join(' · '),
          icon: { id: 'database', color: look.color },
          collapsible: 'none' as const,
          ref: { context, kind: 'pvc' as const, name: pvc.metadata.name, namespace },
          caps: ['copyName', 'showYaml'] as Capability[],
          key: { t: 'leaf' as const },
        };
      });
  }

  /** Events of the cluster object and its children, warnings first, newest first. */
  clusterEvents(context: string, namespace: string, name: string): KubeObject[] {
    const sess = this.sessions.get(context);
    if (!sess) return [];
    const scope = sess.probed?.scope;
    const lw = sess.lazy(KINDS.event, scope?.all ? undefined : namespace);
    const out: KubeObject[] = [];
    for (const e of lw.values()) {
      if ((e.metadata.namespace ?? '') !== namespace) continue;
      const involved = str(e, 'involvedObject', 'name') ?? '';
      const kind = str(e, 'involvedObject', 'kind');
      if ((kind === 'DolphinDB' && involved === name) || belongsTo(name, { metadata: { name: involved } })) out.push(e);
    }
    const ts = (e: KubeObject): number => Date.parse(str(e, 'lastTimestamp') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp ?? '') || 0;
    return out.sort((a, b) => {
      const w = Number(str(b, 'type') === 'Warning') - Number(str(a, 'type') === 'Warning');
      return w !== 0 ? w : ts(b) - ts(a);
    });
  }

  private eventNodes(context: string, namespace: string, name: string): ExplorerNode[] {
    const events = this.clusterEvents(context, namespace, name);
    if (events.length === 0) return [this.message(`${clusterNodeId(context, namespace, name)}/events/none`, this.t('No events'), 'info')];
    return events.slice(0, 200).map((e) => {
      const warn = str(e, 'type') === 'Warning';
      const count = num(e, 'count') ?? num(e, 'series', 'count') ?? 1;
      const when = str(e, 'lastTimestamp') ?? str(e, 'eventTime') ?? e.metadata.creationTimestamp;
      return {
        id: `ctx:${context}/ev:${namespace}/${e.metadata.name}`,
        kind: 'event' as const,
        label: `${str(e, 'reason') ?? '?'}: ${(str(e, 'message') ?? '').slice(0, 200)}`,
        description: [`${str(e, 'involvedObject', 'kind') ?? ''}/${str(e, 'involvedObject', 'name') ?? ''}`, count > 1 ? `×${count}` : '', age(when)].filter((x) => x).join(' · '),
        tooltip: str(e, 'message'),
        icon: { id: warn ? 'warning' : 'info', color: warn ? 'list.warningForeground' : undefined },
        collapsible: 'none' as const,
        caps: [] as Capability[],
        key: { t: 'leaf' as const },
      };
    });
  }

  // ---- the suite -------------------------------------------------------------------------

  /** Namespaces where the suite's env-config ConfigMap exists. */
  suiteNamespaces(context: string): string[] {
    const sess = this.sessions.get(context);
    if (!sess) return [];
    const out = new Set<string>();
    for (const ns of sess.watchedNamespaces()) {
      for (const cm of sess.lazy(KINDS.configmap, ns, ENV_CONFIG_SELECTOR).values()) if (cm.metadata.namespace) out.add(cm.metadata.namespace);
    }
    return [...out].sort();
  }

  suiteComponents(context: string, namespace: string): ReturnType<typeof componentHealth>[] {
    const sess = this.sessions.get(context);
    if (!sess) return [];
    const lws = { statefulset: sess.lazy(KINDS.statefulset, namespace), deployment: sess.lazy(KINDS.deployment, namespace), daemonset: sess.lazy(KINDS.daemonset, namespace) };
    for (const lw of Object.values(lws)) {
      if (!this.subscribed.has(lw)) {
        this.subscribed.add(lw);
        this.subs.push(lw.onChange(() => this.fire([`ctx:${context}/suite:${namespace}`, `ctx:${context}`])));
      }
    }
    return SUITE_COMPONENTS.map((spec) => componentHealth(spec, lws[spec.workload].get(spec.name, namespace)));
  }
  private readonly subscribed = new WeakSet<ListWatch>();

  /** The suite's Helm release in a namespace, read from Helm's release Secrets (see suiteReleases.ts). */
  suiteRelease(context: string, namespace: string): HelmRelease | undefined {
    const sess = this.sessions.get(context);
    if (!sess) return undefined;
    let releases = this.releases.get(sess);
    if (!releases) {
      releases = new SuiteReleases(sess, (ns) => this.fire([`ctx:${context}/suite:${ns}`, `ctx:${context}`]));
      this.releases.set(sess, releases);
      this.subs.push(releases);
    }
    return releases.get(namespace);
  }
  private readonly releases = new WeakMap<ContextSession, SuiteReleases>();

  private suiteNodes(context: string, _sess: ContextSession): ExplorerNode[] {
    return this.suiteNamespaces(context).map((ns) => {
      const comps = this.suiteComponents(context, ns);
      const health = overallHealth(comps);
      const version = suiteVersion(comps) ?? '?';
      const release = this.suiteRelease(context, ns);
      const failed = release !== undefined && releaseLook(release.status) === 'failed';
      // A failed release is a warning even while the workloads it left behind are healthy.
      const icon = health === 'down' ? { id: 'error', color: 'errorForeground' } : health === 'degraded' || failed ? { id: 'warning', color: 'charts.yellow' } : { id: 'pass-filled', color: 'testing.iconPassed' };
      return {
        id: `ctx:${context}/suite:${ns}`,
        kind: 'suite' as const,
        label: this.t('DolphinDB suite'),
        description: `${verbatim(`dolphindb-mgr ${version}`)} · ${ns} · ${health === 'ok' ? this.t('healthy') : health === 'degraded' ? this.t('degraded') : this.t('down')}${release ? ` · ${this.releaseText(release)}` : ''}`,
        ...(release ? { tooltip: this.releaseTooltip(release) } : {}),
        icon,
        collapsible: 'collapsed' as const,
        caps: ['refresh'] as Capability[],
        key: { t: 'suite' as const, context, namespace: ns },
      };
    });
  }

  /** `Helm deployed · revision 2 · chart v1.1.7`, as `helm list` would say it. */
  private releaseText(r: HelmRelease): string {
    const head = this.t('Helm {0} · revision {1}', r.status, r.revision);
    return r.chartVersion ? `${head} · ${this.t('chart {0}', r.chartVersion)}` : head;
  }

  private releaseTooltip(r: HelmRelease): string {
    const lines = [this.t('Helm release {0}: {1}, revision {2}', r.name, r.status, r.revision)];
    if (r.chart || r.chartVersion) lines.push(this.t('Chart: {0} {1}', r.chart ?? '?', r.chartVersion ?? ''));
    if (r.appVersion) lines.push(this.t('App version: {0}', r.appVersion));
    if (r.description) lines.push(r.description);
    return lines.join('\n\n');
  }

  private suiteChildren(context: string, namespace: string): ExplorerNode[] {
    const release = this.suiteRelease(context, namespace);
    const warning: ExplorerNode[] =
      release && releaseLook(release.status) === 'failed'
        ? [this.message(`ctx:${context}/suite:${namespace}/msg:release-failed`, this.t('Helm release {0} failed: {1}', release.name, release.description ?? '?'), 'warning', { icon: { id: 'warning', color: 'charts.yellow' }, tooltip: this.releaseTooltip(release) })]
        : [];
    return [...warning, ...this.suiteComponentNodes(context, namespace)];
  }

  private suiteComponentNodes(context: string, namespace: string): ExplorerNode[] {
    return this.suiteComponents(context, namespace)
      .filter((c) => c.present)
      .map((c) => ({
        id: `ctx:${context}/suite:${namespace}/${c.spec.id}`,
        kind: 'suiteComponent' as const,
        label: this.t(c.spec.title),
        description: `${c.ready}/${c.desired}${c.image ? ` · ${c.image}` : ''}`,
        icon: c.health === 'ok' ? { id: 'pass-filled', color: 'testing.iconPassed' } : c.health === 'degraded' ? { id: 'warning', color: 'charts.yellow' } : { id: 'error', color: 'errorForeground' },
        collapsible: 'none' as const,
        ref: { context, kind: c.spec.workload, name: c.spec.name, namespace },
        caps: ['copyName', 'showYaml', 'logs'] as Capability[],
        key: { t: 'leaf' as const },
      }));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((s) => s.dispose());
    this.sessions.forEach((s) => s.dispose());
    this.sessions.clear();
    this.listeners.clear();
  }
}

function instIndex(inst: string): number {
  const m = /-(ctr|dn|cn)-(\d+)$/.exec(inst);
  return m ? (m[1] === 'ctr' ? 0 : m[1] === 'dn' ? 10000 : 20000) + Number(m[2]) : 99999;
}

function clusterOfChild(o: KubeObject, scope: ScopeCaches): string | undefined {
  const label = o.metadata.labels?.[LABELS.name];
  if (label) return label;
  const owner = o.metadata.ownerReferences?.find((r) => r.kind === 'DolphinDB');
  if (owner) return owner.name;
  const lookup: StatefulSetLookup = (n, ns) => scope.statefulsets.get(n, ns);
  // Names are ambiguous when one cluster name is a prefix of another; prefer a known cluster.
  const ns = o.metadata.namespace;
  for (const d of scope.dolphindbs?.values() ?? []) if (d.metadata.namespace === ns && belongsTo(d.metadata.name, o, lookup)) return d.metadata.name;
  return clusterOfName(o.metadata.name);
}

export type { NodeKey };
