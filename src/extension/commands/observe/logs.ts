// dolphindbK8s.podLogs, dolphindbK8s.clusterLogs, dolphindbK8s.stopLogs: container and cluster logs
// streamed into output channels (one per stream), stoppable, bounded. For logMode 0 servers
// the server log file is followed instead (podFileLog.ts), and the channel says where it is.
import { reasonOf } from '../../../core/i18n/text';
import * as vscode from 'vscode';
import { ClusterLogStream, type ClusterLogEvent } from '../../../core/logs/clusterLogStream';
import { PodLogStream } from '../../../core/logs/podLogStream';
import { serverLogPlan } from '../../../core/logs/serverLogPlan';
import type { LineSource, LogStreamEvent } from '../../../core/logs/types';
import { belongsTo } from '../../../core/explorer/membership';
import {
  clusterOfName,
  LABELS,
  parseRole,
  podName as instancePodName,
  ROLE_ABBREVS,
  roleAbbrev,
  type RoleAbbrev,
} from '../../../core/dolphindb/names';
import { rolesOf } from '../../../core/operations/cluster';
import type { DolphinDBSpec } from '../../../core/dolphindb/types';
import type { KubeHttp } from '../../../core/k8s/http';
import { isWorkloadKind, workloadPods } from '../../../core/k8s/workloadPods';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { extraNumber, extraString } from '../common/answers';
import { askClusterLogs, askPodLogs, type StreamChoice } from './logQuestions';
import { podFileLog } from './podFileLog';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { observeAnswers, type ObserveAnswers } from '../common/observeAnswers';
import { observeSettings } from '../common/settings';
import { resolveClusterRef, resolveContext } from '../common/target';
import type { LogSession, LogSessions } from './logSessions';

function streamOptions(a: ObserveAnswers, tailDefault: number): StreamChoice {
  const x = a.extra;
  return {
    follow: x.follow !== false,
    tailLines: typeof x.tailLines === 'number' ? x.tailLines : typeof x.sinceSeconds === 'number' ? undefined : tailDefault,
    sinceSeconds: typeof x.sinceSeconds === 'number' ? x.sinceSeconds : undefined,
    previous: x.previous === true,
  };
}

function eventText(e: LogStreamEvent): string | undefined {
  switch (e.type) {
    case 'waiting':
      return e.message;
    case 'interrupted':
      return t('Stream interrupted ({0}); reconnecting…', reasonOf(e.failure, t));
    case 'reconnected':
      return e.gapPossible ? t('Reconnected; some lines may be missing.') : t('Reconnected.');
    case 'containerRestarted':
      return t('Container restarted (restart {0}).', e.restartCount);
    case 'ended':
      return e.message;
    default:
      return undefined;
  }
}

async function listPods(http: KubeHttp, namespace: string): Promise<KubeObject[] | undefined> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, namespace), {
    operation: t('list pods in {0}', namespace),
  });
  return r.ok ? r.value.items : undefined;
}

async function readDdb(http: KubeHttp, namespace: string, name: string): Promise<KubeObject | undefined> {
  const r = await http.request<KubeObject>(objectPath(KINDS.dolphindb, name, namespace));
  return r.ok ? r.value : undefined;
}

/** Scripted callers may ask to wait for output; the result then carries the newest lines. */
async function scriptedResult(a: ObserveAnswers, session: LogSession, extra: Record<string, unknown>): Promise<CommandResult> {
  const wait = extraNumber(a, 'waitLines');
  const waitMs = extraNumber(a, 'waitMs') ?? 20_000;
  if (wait !== undefined) await session.waitForLines(wait, waitMs);
  const match = extraString(a, 'waitMatch');
  if (match !== undefined) await session.waitForMatch(new RegExp(match), waitMs);
  return { ok: true, id: session.id, lineCount: session.lineCount, lines: session.recent(200), ...extra };
}

/** The pod of a workload to read: the only one, a scripted `index`, or the user's pick. */
async function pickWorkloadPod(
  deps: CommandDeps,
  a: ObserveAnswers,
  ref: { namespace: string; kind: 'deployment' | 'statefulset' | 'daemonset'; name: string },
): Promise<{ ok: true; pod: string } | { ok: false; result: CommandResult }> {
  const api = await resolveContext(deps, a);
  if (!api.ok) return api;
  const pods = await workloadPods(api.value.http, ref);
  if (!pods.ok) return { ok: false, result: failedResult(deps, pods.error) };
  const names = pods.value.map((p) => p.metadata.name);
  if (names.length === 0) {
    return {
      ok: false,
      result: failedResult(deps, {
        kind: 'notFound',
        operation: t('read logs of {0}/{1}', ref.namespace, ref.name),
        reason: t('{0} has no pods right now', ref.name),
      }),
    };
  }
  const index = extraNumber(a, 'index');
  if (names.length === 1 || a.scripted) return { ok: true, pod: names[Math.min(index ?? 0, names.length - 1)] };
  // The pod phase as Kubernetes names it (Running, Pending, …), as kubectl shows it.
  const phaseOf = new Map(pods.value.map((p) => [p.metadata.name, (p.status as { phase?: string } | undefined)?.phase ?? '']));
  const pick = await vscode.window.showQuickPick(
    names.map((n) => ({ label: n, description: phaseOf.get(n) ?? '' })),
    { title: t('Logs of {0}', ref.name), placeHolder: t('Pod') },
  );
  return pick ? { ok: true, pod: pick.label } : { ok: false, result: dismissed() };
}

/** Starts a stream, keeping the events it reports meanwhile for the channel. */
async function startCollecting(
  stream: LineSource,
): Promise<{ started: Awaited<ReturnType<LineSource['start']>>; early: string[] }> {
  const early: string[] = [];
  const sub = stream.onEvent((e) => {
    const text = eventText(e);
    if (text) early.push(text);
  });
  const started = await stream.start();
  sub.dispose();
  return { started, early };
}

export async function podLogs(deps: CommandDeps, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const settings = observeSettings();
  let podName = a.objectKind === undefined || a.objectKind === 'pod' ? a.objectName : undefined;
  let namespace = a.namespace;
  let clusterName = a.name;
  let contextName = a.context;
  let container = a.container;
  // Scripts say how in their answers; people answer in the flow (logQuestions.ts).
  let choice: StreamChoice | undefined = a.scripted ? streamOptions(a, settings.tailLines) : undefined;
  let http: KubeHttp;
  // A suite component (operator, webserver, portal, monitoring): one of its workload's pods.
  if (!podName && namespace && a.objectName && isWorkloadKind(a.objectKind)) {
    const picked = await pickWorkloadPod(deps, a, { namespace, kind: a.objectKind, name: a.objectName });
    if (!picked.ok) return picked.result;
    podName = picked.pod;
  }
  if (podName && namespace) {
    const api = await resolveContext(deps, a);
    if (!api.ok) return api.result;
    http = api.value.http;
    contextName = api.value.context;
  } else {
    const c = await resolveClusterRef(deps, a);
    if (!c.ok) return c.result;
    const { ref } = c.value;
    ({ http, context: contextName } = c.value);
    ({ namespace, name: clusterName } = ref);
    const pods = await listPods(http, ref.namespace);
    if (!pods)
      return failedResult(deps, {
        kind: 'unreachable',
        operation: t('list pods in {0}', ref.namespace),
        reason: t('the pod list could not be read'),
      });
    const mine = pods.filter((p) => belongsTo(ref.name, p));
    const role = parseRole(a.role);
    if (role !== undefined && a.index !== undefined) podName = instancePodName(ref.name, role, a.index);
    else if (a.scripted)
      podName =
        (await vscode.window.showQuickPick(mine.map((p) => p.metadata.name).sort(), { placeHolder: t('Pod') })) ?? undefined;
    else {
      const asked = await askPodLogs({
        where: `${ref.namespace}/${ref.name}`,
        context: contextName,
        pods: mine,
        tailDefault: settings.tailLines,
      });
      if (!asked.ok) return asked.result;
      ({ pod: podName, container, choice } = asked.value);
    }
    if (!podName) return dismissed();
  }
  const op = t('read logs of {0}/{1}', namespace, podName);
  const pod = await http.request<KubeObject>(objectPath(KINDS.pod, podName, namespace), { operation: op });
  if (!pod.ok) return failedResult(deps, pod.error);
  if (!choice) {
    // The pod was given (a tree node, or role and index): the container when it has several, and how.
    const asked = await askPodLogs({
      where: namespace,
      context: contextName ?? '',
      pods: [pod.value],
      givenPod: podName,
      ...(container ? { givenContainer: container } : {}),
      tailDefault: settings.tailLines,
    });
    if (!asked.ok) return asked.result;
    ({ container, choice } = asked.value);
  }
  // logMode 0 writes the server log to files: follow the file, or the nearly empty channel misleads.
  const ddbName = clusterName ?? pod.value.metadata.labels?.[LABELS.name] ?? clusterOfName(podName);
  const ddb = ddbName ? await readDdb(http, namespace, ddbName) : undefined;
  const plan = ddb ? serverLogPlan(ddb, pod.value, undefined, t) : undefined;
  let file =
    ddb && plan?.kind === 'file' && ddbName && (container ?? plan.container) === plan.container
      ? podFileLog(http, { namespace, pod: podName, ddbName, ddb, plan }, a, choice, settings.maxLines)
      : undefined;
  const consoleStream = (): PodLogStream =>
    new PodLogStream(http, { namespace, pod: podName, container }, { ...choice, maxLines: settings.maxLines, t });
  let stream: LineSource & { readonly containerName: string } = file?.stream ?? consoleStream();
  // Start first: a failed start must not leave (or half-create) an output channel.
  let { started, early } = await startCollecting(stream);
  // No exec permission or no file yet: the container log is still better than nothing.
  let fileFailed: string | undefined;
  if (!started.ok && file) {
    fileFailed = reasonOf(started.error, t);
    file = undefined;
    stream = consoleStream();
    ({ started, early } = await startCollecting(stream));
  }
  if (!started.ok) return failedResult(deps, started.error);
  const title = `${namespace}/${podName}${container ? `/${container}` : ''}${file ? ` (${t('log file')})` : ''}${choice.previous ? ` (${t('previous')})` : ''} [${contextName}]`;
  const session = sessions.create(title, stream, settings.maxLines);
  // The previous container's log is one click away for a container log (not for the file).
  if (!file) session.origin = { context: contextName ?? '', namespace, pod: podName, container: stream.containerName };
  if (fileFailed) session.note(t('Cannot follow the server log file ({0}); showing the container log instead.', fileFailed));
  if (file) session.note(file.where());
  else if (plan?.kind === 'file' && stream.containerName === plan.container) session.note(plan.explanation);
  early.forEach((x) => session.note(x));
  // Lines that arrived meanwhile are in the stream's buffer; take them, then follow (no gap:
  // both happen in this same turn).
  session.addLines(stream.lines());
  stream.onLines((lines) => session.addLines(lines));
  stream.onEvent((e) => {
    const text = eventText(e);
    if (text) session.note(text);
  });
  session.show();
  return scriptedResult(a, session, {
    container: stream.containerName,
    pod: podName,
    ...(file ? { logSource: 'file', logFile: file.path(), note: file.where() } : { logSource: 'console' }),
    ...(fileFailed ? { fileFailed } : {}),
  });
}

export async function clusterLogs(deps: CommandDeps, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const settings = observeSettings();
  const resolved = await resolveClusterRef(deps, a);
  if (!resolved.ok) return resolved.result;
  const { context, http, hub, ref } = resolved.value;
  const given = parseRole(a.role);
  let role: RoleAbbrev | undefined = given ? roleAbbrev(given) : undefined;
  const ddb = await readDdb(http, ref.namespace, ref.name);
  let choice = streamOptions(a, settings.tailLines);
  if (!a.scripted) {
    // Only the roles this cluster has; all three when its spec cannot be read.
    const spec = ddb?.spec && typeof ddb.spec === 'object' ? (ddb.spec as DolphinDBSpec) : undefined;
    const asked = await askClusterLogs({
      where: `${ref.namespace}/${ref.name}`,
      context,
      roles: spec ? rolesOf(spec).map(roleAbbrev) : ROLE_ABBREVS,
      ...(role ? { givenRole: role } : {}),
      tailDefault: settings.tailLines,
    });
    if (!asked.ok) return asked.result;
    ({ role, choice } = asked.value);
  }
  const logMode = ddb?.spec && typeof ddb.spec === 'object' ? (ddb.spec as Record<string, unknown>).logMode : undefined;
  const forced = a.extra.source === 'file' || a.extra.source === 'console' ? a.extra.source : undefined;
  const source = forced ?? (logMode === 0 || logMode === '0' ? 'file' : 'console');
  const stream = new ClusterLogStream(
    http,
    { namespace: ref.namespace, cluster: ref.name, role },
    {
      follow: choice.follow,
      tailLines: choice.tailLines,
      sinceSeconds: choice.sinceSeconds,
      maxLines: settings.maxLines,
      source,
      ddb,
      hub,
      t,
    },
  );
  const title = `${ref.namespace}/${ref.name}${role ? ` ${role}` : ''} [${context}]`;
  const early: string[] = [];
  const onEvent = (e: ClusterLogEvent): string | undefined => {
    if (e.type === 'sourceAdded') return t('[{0}] following {1}', e.source, e.pod);
    if (e.type === 'sourceFailed') return t('[{0}] cannot read {1}: {2}', e.source, e.pod, e.reason);
    if (e.type === 'noPods') return t('No pods yet; waiting for instances to appear.');
    if (e.type === 'source') {
      const text = eventText(e.event);
      return text ? `[${e.source}] ${text}` : undefined;
    }
    return undefined;
  };
  const earlySub = stream.onEvent((e) => {
    const text = onEvent(e);
    if (text) early.push(text);
  });
  // Start first: a failed start must not leave (or half-create) an output channel.
  const started = await stream.start();
  earlySub.dispose();
  if (!started.ok) return failedResult(deps, started.error);
  const session = sessions.create(title, stream, settings.maxLines);
  if (source === 'file') {
    session.note(
      t(
        'logMode is 0: the server logs go to files only; they are followed through exec (tail -F). With the monitoring suite, Loki has them too: in Grafana, Explore → Loki → {0}.',
        `{pod_namespace="${ref.namespace}"}`,
      ),
    );
  }
  early.forEach((x) => session.note(x));
  session.addLines(stream.lines());
  stream.onLines((lines) => session.addLines(lines));
  stream.onEvent((e) => {
    const text = onEvent(e);
    if (text) session.note(text);
  });
  session.show();
  return scriptedResult(a, session, { sources: stream.sources().map((s) => s.source), logSource: source });
}

export async function stopLogs(sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const id =
    typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string'
      ? (arg as { id: string }).id
      : undefined;
  let session = id ? sessions.get(id) : undefined;
  if (!session) {
    const active = sessions.active();
    if (active.length === 0) {
      void vscode.window.showInformationMessage(t('No log stream is running.'));
      return { ok: false, kind: 'notFound', reason: t('No log stream is running.'), changed: false };
    }
    session =
      active.length === 1
        ? active[0]
        : (
            await vscode.window.showQuickPick(
              active.map((s) => ({ label: s.title, session: s })),
              { placeHolder: t('Log stream to stop') },
            )
          )?.session;
  }
  if (!session) return dismissed();
  const lines = session.recent(200);
  session.stop();
  return { ok: true, id: session.id, lineCount: session.lineCount, lines };
}
