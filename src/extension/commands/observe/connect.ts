// dolphindbK8s.connectionInfo (every endpoint, copy one), dolphindbK8s.portForward and
// dolphindbK8s.stopPortForward (listed in the Port forwards view), dolphindbK8s.openGrafana and
// dolphindbK8s.openPortal, openPrometheus, openLoki, openAlertmanager (a forward to a suite
// component, opened in the browser).
import * as vscode from 'vscode';
import { belongsTo } from '../../../core/explorer/membership';
import { parseRole, podName, roleServiceName } from '../../../core/dolphindb/names';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { dolphindbForwardTargets, suiteForwardTargets, type ForwardSuggestion } from '../../../core/portforward/targets';
import { clusterEndpoints, outsidePortText } from '../../../core/summary/endpoints';
import { grafanaLanding } from '../../../core/portforward/grafanaDashboard';
import { str } from '../../../core/explorer/objects';
import { t } from '../../localize';
import { extraNumber, extraString } from '../common/answers';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { observeAnswers, type ObserveAnswers } from '../common/observeAnswers';
import { lifecycleSettings, observeSettings } from '../common/settings';
import type { Step } from '../common/step';
import { resolveClusterRef, resolveContext, type ContextTarget } from '../common/target';
import { offerDolphinDBConnection } from './dolphindbConnections';
import { askForward, type ForwardAnswer } from './forwardQuestions';
import type { Forwards } from './forwards';

async function list(
  http: KubeHttp,
  kind: typeof KINDS.service | typeof KINDS.pod | typeof KINDS.node | typeof KINDS.configmap,
  namespace?: string,
): Promise<KubeObject[] | undefined> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(kind, namespace));
  return r.ok ? r.value.items : undefined;
}

export async function connectionInfo(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const resolved = await resolveClusterRef(deps, a);
  if (!resolved.ok) return resolved.result;
  const { http, ref } = resolved.value;
  const op = t('read the Services of {0}/{1}', ref.namespace, ref.name);
  const [svcs, nodes, ddb] = await Promise.all([
    http.request<KubeList<KubeObject>>(collectionPath(KINDS.service, ref.namespace), { operation: op }),
    list(http, KINDS.node),
    http.request<KubeObject>(objectPath(KINDS.dolphindb, ref.name, ref.namespace)),
  ]);
  if (!svcs.ok) return failedResult(deps, svcs.error);
  const suffix = (ddb.ok ? str(ddb.value, 'spec', 'customMeta', 'domainSuffix') : undefined) || 'svc.cluster.local';
  const endpoints = clusterEndpoints(
    ref.name,
    ref.namespace,
    svcs.value.items.filter((s) => belongsTo(ref.name, s)),
    nodes ?? [],
    suffix,
  );
  if (a.scripted) return { ok: true, endpoints, nodesReadable: nodes !== undefined };
  const items: (vscode.QuickPickItem & { copy?: string })[] = [];
  for (const e of endpoints) {
    items.push({ label: `${e.service} · ${e.type}`, kind: vscode.QuickPickItemKind.Separator });
    for (const p of e.ports) {
      const portName = p.name ? ` (${p.name})` : '';
      items.push({ label: `${e.dns}:${p.port}`, description: t('In-cluster DNS') + portName, copy: `${e.dns}:${p.port}` });
      if (e.clusterIP)
        items.push({
          label: `${e.clusterIP}:${p.port}`,
          description: t('cluster IP') + portName,
          copy: `${e.clusterIP}:${p.port}`,
        });
    }
    for (const o of e.outside)
      items.push({
        label: o.address,
        description: t('from outside the cluster, to {0}', outsidePortText(o, t)),
        copy: o.address,
      });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t('Cluster {0}/{1} has no Services yet.', ref.namespace, ref.name));
    return { ok: true, endpoints };
  }
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: t('Endpoints of {0}/{1}: pick one to copy it', ref.namespace, ref.name),
    matchOnDescription: true,
  });
  if (pick?.copy) {
    await vscode.env.clipboard.writeText(pick.copy);
    void vscode.window.setStatusBarMessage(t('Copied {0}', pick.copy), 3000);
  }
  return { ok: true, endpoints, copied: pick?.copy };
}

/** Which suggestion the answers name: `target` id, else role (Service) and index (pod). */
function chosenSuggestion(
  a: ObserveAnswers,
  cluster: string | undefined,
  all: readonly ForwardSuggestion[],
): ForwardSuggestion | undefined {
  const id = extraString(a, 'target');
  if (id) return all.find((s) => s.id === id || s.label === id);
  if (cluster && a.role) {
    const role = parseRole(a.role);
    if (!role) return undefined;
    return a.index !== undefined
      ? all.find((s) => s.id === `pod:${podName(cluster, role, a.index as number)}`)
      : all.find((s) => s.id === `svc:${roleServiceName(cluster, role)}`);
  }
  return undefined;
}

async function suiteSuggestions(api: ContextTarget, namespace: string): Promise<ForwardSuggestion[]> {
  return suiteForwardTargets(namespace, (await list(api.http, KINDS.service, namespace)) ?? [], t);
}

/** The local port a setting or the answers fix for `s`, if any. */
function fixedPort(a: ObserveAnswers, s: ForwardSuggestion): number | undefined {
  const settings = observeSettings();
  return extraNumber(a, 'localPort') ?? settings.forwardPorts[s.id] ?? settings.forwardPorts[s.label];
}

/** The flow's questions for an interactive forward: the target unless `given`, then the local port. */
async function ask(
  forwards: Forwards,
  api: ContextTarget,
  a: ObserveAnswers,
  where: string,
  suggestions: readonly ForwardSuggestion[],
  given?: ForwardSuggestion,
): Promise<Step<ForwardAnswer>> {
  return askForward({
    where,
    context: api.context,
    suggestions,
    ...(given ? { given } : {}),
    proposedPort: (s) => {
      const fixed = fixedPort(a, s);
      if (fixed !== undefined) return { fixed: true, port: fixed };
      const last = forwards.lastPort(api.context, s.id) ?? s.localPort;
      return { fixed: false, ...(last !== undefined ? { port: last } : {}) };
    },
  });
}

/** Starts (or reuses) the forward; `chosenPort` is the flow's answer (0: any free port). */
async function start(
  deps: CommandDeps,
  forwards: Forwards,
  api: ContextTarget,
  s: ForwardSuggestion,
  a: ObserveAnswers,
  chosenPort?: number,
): Promise<CommandResult> {
  const explicit = fixedPort(a, s) ?? chosenPort;
  // Reuse a running forward to the same target instead of a second listener.
  const existing = forwards
    .list()
    .find(
      (f) =>
        f.context === api.context &&
        f.target.kind === s.target.kind &&
        f.target.namespace === s.target.namespace &&
        f.target.name === s.target.name &&
        f.target.port === s.target.port &&
        (explicit === undefined || explicit === 0 || explicit === f.localPort),
    );
  if (existing)
    return { ok: true, key: existing.key, localPort: existing.localPort, url: existing.url, pod: existing.pod, reused: true };
  const { manager, keyOf } = forwards.manager(api.context, api.http, api.hub);
  let r = await manager.start({ ...s, localPort: explicit ?? s.localPort ?? 0 });
  // The documented port (3000, 32210…) is only a preference: if it is taken, any free port does.
  if (!r.ok && r.error.kind === 'conflict' && explicit === undefined) r = await manager.start({ ...s, localPort: 0 });
  if (!r.ok) return failedResult(deps, r.error);
  const info = r.value;
  forwards.rememberPort(api.context, s.id, info.localPort);
  return { ok: true, key: keyOf(info.id), localPort: info.localPort, url: info.url, pod: info.pod, label: info.label };
}

export async function portForward(deps: CommandDeps, forwards: Forwards, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const suiteId = extraString(a, 'target');
  let api: ContextTarget;
  let suggestions: ForwardSuggestion[];
  let cluster: string | undefined;
  let where = a.namespace ?? lifecycleSettings().suiteNamespace;
  const suiteKnown = suiteId !== undefined && !suiteId.includes(':');
  if (suiteKnown || (a.namespace && !a.name && a.scripted)) {
    const c = await resolveContext(deps, a);
    if (!c.ok) return c.result;
    api = c.value;
    suggestions = await suiteSuggestions(api, a.namespace ?? lifecycleSettings().suiteNamespace);
  } else {
    const c = await resolveClusterRef(deps, a);
    if (!c.ok) return c.result;
    api = c.value;
    const { http, ref } = c.value;
    cluster = ref.name;
    where = `${ref.namespace}/${ref.name}`;
    const op = t('list forward targets of {0}/{1}', ref.namespace, ref.name);
    const [ddb, svcs, pods] = await Promise.all([
      http.request<KubeObject>(objectPath(KINDS.dolphindb, ref.name, ref.namespace), { operation: op }),
      list(http, KINDS.service, ref.namespace),
      list(http, KINDS.pod, ref.namespace),
    ]);
    if (!ddb.ok) return failedResult(deps, ddb.error);
    suggestions = dolphindbForwardTargets(ddb.value, svcs ?? [], pods ?? [], t);
    // The suite's web UIs are useful from the same pick when the user did not name a target.
    if (!a.scripted) suggestions = [...suggestions, ...(await suiteSuggestions(api, lifecycleSettings().suiteNamespace))];
  }
  let s = chosenSuggestion(a, cluster, suggestions);
  if (!s && a.scripted && (suiteId || a.role))
    return failedResult(deps, {
      kind: 'notFound',
      operation: t('forward a local port'),
      reason: t(
        'no forward target {0}; available: {1}',
        suiteId ?? a.role ?? '',
        suggestions.map((x) => x.id).join(', ') || t('none'),
      ),
    });
  if (!s && suggestions.length === 0)
    return failedResult(deps, {
      kind: 'notFound',
      operation: t('forward a local port'),
      reason: t('nothing to forward to: no Services or pods found'),
    });
  let chosenPort: number | undefined;
  if (!a.scripted) {
    const answer = await ask(forwards, api, a, where, suggestions, s);
    if (!answer.ok) return answer.result;
    s = answer.value.suggestion;
    chosenPort = answer.value.localPort;
  }
  if (!s) return dismissed();
  const r = await start(deps, forwards, api, s, a, chosenPort);
  if (r.ok && !a.scripted) void announce(s, r, cluster);
  return r;
}

async function announce(s: ForwardSuggestion, r: CommandResult, cluster: string | undefined): Promise<void> {
  if (!r.ok) return;
  const url = String(r.url);
  const port = Number(r.localPort);
  const open = t('Open in browser');
  const copy = t('Copy address');
  const isDolphinDB = cluster !== undefined && s.id.startsWith('svc:') ? true : s.id.startsWith('pod:');
  const pick = await vscode.window.showInformationMessage(
    t('Forwarding 127.0.0.1:{0} to {1}.', port, s.label),
    ...(isDolphinDB ? [copy] : [open, copy]),
  );
  if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(url));
  else if (pick === copy) await vscode.env.clipboard.writeText(`127.0.0.1:${port}`);
  if (isDolphinDB) await offerDolphinDBConnection(`${cluster ?? ''} ${s.label}`.trim(), port);
}

export async function stopPortForward(forwards: Forwards, arg: unknown): Promise<CommandResult> {
  // From the view the argument is the forward itself; scripts pass {key}.
  const key =
    typeof arg === 'object' && arg !== null && typeof (arg as { key?: unknown }).key === 'string'
      ? (arg as { key: string }).key
      : undefined;
  let chosen = key;
  if (!chosen) {
    const active = forwards.list();
    if (active.length === 0) return { ok: false, kind: 'notFound', reason: t('No port-forward is running.'), changed: false };
    chosen = (
      await vscode.window.showQuickPick(
        active.map((f) => ({ label: `${f.label} → ${f.address}:${f.localPort}`, description: f.context, key: f.key })),
        { placeHolder: t('Port-forward to stop') },
      )
    )?.key;
    if (!chosen) return dismissed();
  }
  const stopped = forwards.stop(chosen);
  return stopped
    ? { ok: true, key: chosen }
    : { ok: false, kind: 'notFound', reason: t('No port-forward {0}.', chosen), changed: false };
}

/** Forwards to a suite web UI (Grafana, Prometheus, Alertmanager, the portal/webserver) and opens it in the browser; Loki only forwards. */
export async function openSuiteUi(
  deps: CommandDeps,
  forwards: Forwards,
  arg: unknown,
  ids: readonly string[],
  what: string,
): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const resolved = await resolveContext(deps, a);
  if (!resolved.ok) return resolved.result;
  const api = resolved.value;
  const namespace = a.namespace && !a.name ? a.namespace : lifecycleSettings().suiteNamespace;
  const suggestions = await suiteSuggestions(api, namespace);
  const s = ids.map((id) => suggestions.find((x) => x.id === id)).find((x) => x !== undefined);
  if (!s)
    return failedResult(deps, {
      kind: 'notFound',
      operation: t('open {0}', what),
      reason: t(
        'the suite in namespace {0} has no {1} Service; install the suite there or set dolphindbK8s.suite.namespace',
        namespace,
        what,
      ),
    });
  let chosenPort: number | undefined;
  if (!a.scripted) {
    const answer = await ask(forwards, api, a, namespace, suggestions, s);
    if (!answer.ok) return answer.result;
    chosenPort = answer.value.localPort;
  }
  const r = await start(deps, forwards, api, s, a, chosenPort);
  if (!r.ok) return r;
  let url = String(r.url);
  const extra: Record<string, unknown> = { service: s.target.name, port: s.target.port };
  if (s.id === 'grafana') {
    // The DolphinDB dashboard (its uid from the dashboard ConfigMap, else Grafana's home), on the
    // cluster when one is named (docs/domain.md §9.2).
    const cms = await list(api.http, KINDS.configmap, namespace);
    const landing = grafanaLanding(cms ?? []);
    const query = a.name ? `?var-cluster_name=${encodeURIComponent(a.name)}` : '';
    // Home without a cluster stays the bare address, as it always was.
    if (landing.path !== '/' || query) url = `${url.replace(/\/$/, '')}${landing.path}${query}`;
    extra.dashboard = landing.uid ?? null;
  }
  if (s.id === 'loki') {
    // Loki has no web UI: say where it answers instead of opening an empty page.
    if (!a.scripted)
      void vscode.window.showInformationMessage(
        t(
          'Loki is forwarded at {0}. It has no web UI: query it in Grafana (Explore, data source Loki) or at {0}/loki/api/v1/query_range.',
          url,
        ),
      );
    return { ...r, url, ...extra };
  }
  if (a.extra.open !== false) await vscode.env.openExternal(vscode.Uri.parse(url));
  return { ...r, url, ...extra };
}
