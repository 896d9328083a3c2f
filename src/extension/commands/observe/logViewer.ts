// The log viewer's commands over the open log channels (logSessions.ts): filter by text or
// regular expression, instance and level (one guided flow; scripts pass the answers), pause and
// resume following, jump to the first error (the shown lines in a read-only editor, at that
// line), save what is shown to a file, and the previous container's log of a pod in one click.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { compileFilter, firstAtLevel, type LogFilterSpec, type LogLevel } from '../../../core/logs/logFilter';
import { t } from '../../localize';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { runFlow } from '../common/flow';
import { resolveContext } from '../common/target';
import { KINDS, objectPath, type KubeObject } from '../../../core/k8s/resources';
import { proceed } from '../common/step';
import type { LogSession, LogSessions } from './logSessions';
import type { ReportDocuments } from './reportDocs';

type Args = Readonly<Record<string, unknown>>;
const isArgs = (x: unknown): x is Args => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The session the argument names (`{id}`), the only open one, or one the user picks. */
async function sessionOf(sessions: LogSessions, arg: unknown): Promise<LogSession | undefined> {
  const id = isArgs(arg) && typeof arg.id === 'string' ? arg.id : undefined;
  if (id) return sessions.get(id);
  const open = sessions.all();
  if (open.length <= 1) {
    if (open.length === 0) void vscode.window.showInformationMessage(t('No log is open.'));
    return open[0];
  }
  const pick = await vscode.window.showQuickPick(
    open.map((s) => ({ label: s.title, description: s.stopped ? t('stopped') : s.paused ? t('paused') : '', s })),
    { placeHolder: t('Which log') },
  );
  return pick?.s;
}

const ALL = '*';
const LEVELS: readonly { value: string; label: string; level?: LogLevel }[] = [
  { value: ALL, label: t('All levels') },
  { value: 'warning', label: t('Warnings and errors'), level: 'warning' },
  { value: 'error', label: t('Errors only'), level: 'error' },
];

/** The instances (`dn-0`…) the session's lines come from; empty for a single pod's log. */
function sourcesIn(session: LogSession): string[] {
  return [
    ...new Set(
      session
        .allLines()
        .map((l) => l.source)
        .filter((s): s is string => !!s),
    ),
  ].sort();
}

async function askFilter(session: LogSession): Promise<LogFilterSpec | undefined> {
  const sources = sourcesIn(session);
  const was = session.filter;
  const command = t('Filter log');
  const flow = await runFlow({
    command,
    title: () => t('{0}: {1}', command, session.title),
    steps: [
      {
        kind: 'input',
        id: 'text',
        prompt: t('Text to look for; /…/ for a regular expression; empty: every line'),
        initial: () => (was.text ? (was.regex ? `/${was.text}/` : was.text) : ''),
        validate: (text) => {
          const spec = parseText(text);
          const r = compileFilter(spec, t);
          return r.ok ? undefined : r.error.reason;
        },
      },
      {
        kind: 'pick',
        id: 'source',
        applies: () => sources.length > 1,
        placeholder: t('Which instances'),
        choices: () =>
          Promise.resolve(
            proceed({
              items: [{ label: t('All instances'), value: ALL }, ...sources.map((s) => ({ label: s }))],
              active: was.sources?.length === 1 ? was.sources[0] : ALL,
            }),
          ),
      },
      {
        kind: 'pick',
        id: 'level',
        placeholder: t('Level'),
        choices: () => Promise.resolve(proceed({ items: LEVELS, active: was.minLevel ?? ALL })),
      },
    ],
  });
  if (!flow.ok) return undefined;
  const level = LEVELS.find((l) => l.value === flow.value.level)?.level;
  const src = flow.value.source;
  return {
    ...parseText(flow.value.text ?? ''),
    ...(src && src !== ALL ? { sources: [src] } : {}),
    ...(level ? { minLevel: level } : {}),
  };
}

/** `/re/` is a regular expression, anything else plain text. */
function parseText(text: string): LogFilterSpec {
  const m = /^\/(.+)\/$/.exec(text.trim());
  return m ? { text: m[1], regex: true } : text.trim() ? { text: text.trim() } : {};
}

function scriptedSpec(a: Args): LogFilterSpec {
  const level = a.level === 'error' || a.level === 'warning' ? a.level : undefined;
  const sources = Array.isArray(a.sources) ? a.sources.filter((s): s is string => typeof s === 'string') : undefined;
  return {
    ...(typeof a.text === 'string' && a.text ? { text: a.text } : {}),
    ...(a.regex === true ? { regex: true } : {}),
    ...(a.caseSensitive === true ? { caseSensitive: true } : {}),
    ...(sources?.length ? { sources } : {}),
    ...(level ? { minLevel: level } : {}),
  };
}

export async function filterLog(deps: CommandDeps, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const session = await sessionOf(sessions, arg);
  if (!session) return dismissed();
  const scripted = isArgs(arg) && ('text' in arg || 'level' in arg || 'sources' in arg || 'clear' in arg);
  const spec = scripted ? (arg.clear === true ? {} : scriptedSpec(arg)) : await askFilter(session);
  if (!spec) return dismissed();
  const compiled = compileFilter(spec, t);
  if (!compiled.ok) return failedResult(deps, compiled.error);
  session.setFilter(spec, compiled.value);
  session.show();
  const shown = session.shown();
  return { ok: true, id: session.id, shown: shown.length, lines: shown.slice(-50) };
}

export async function toggleLogFollow(sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const session = await sessionOf(sessions, arg);
  if (!session) return dismissed();
  const paused = isArgs(arg) && typeof arg.paused === 'boolean' ? arg.paused : !session.paused;
  session.setPaused(paused);
  void vscode.window.setStatusBarMessage(
    paused ? t('Log paused: {0}', session.title) : t('Log resumed: {0}', session.title),
    3000,
  );
  return { ok: true, id: session.id, paused };
}

export async function logFirstError(docs: ReportDocuments, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const session = await sessionOf(sessions, arg);
  if (!session) return dismissed();
  const lines = session.shownLines();
  const at = firstAtLevel(lines, 'error');
  if (at === undefined) {
    void vscode.window.showInformationMessage(t('No <ERROR> line in what {0} shows.', session.title));
    return { ok: true, id: session.id, line: null };
  }
  const uri = await docs.open(`${session.title}.log`, lines.map((l) => l.text).join('\n') + '\n');
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (editor) {
    const pos = new vscode.Position(at, 0);
    editor.selection = new vscode.Selection(pos, new vscode.Position(at, lines[at].text.length));
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  }
  return { ok: true, id: session.id, line: at, text: lines[at].text, uri: uri.toString() };
}

export async function saveLog(deps: CommandDeps, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const session = await sessionOf(sessions, arg);
  if (!session) return dismissed();
  let file = isArgs(arg) && typeof arg.path === 'string' ? arg.path : undefined;
  if (!file) {
    const safe = session.title.replace(/[\\/:*?"<>|#%[\] ]+/g, '-').replace(/^-+|-+$/g, '');
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: t('Save the log as shown'),
      filters: { [t('Log files')]: ['log', 'txt'] },
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, `${safe}.log`) } : {}),
    });
    file = uri?.fsPath;
  }
  if (!file) return dismissed();
  const lines = session.shown();
  try {
    await fs.writeFile(file, lines.join('\n') + '\n', 'utf8');
  } catch (e) {
    return failedResult(deps, { kind: 'internal', operation: t('save the log to {0}', file), reason: (e as Error).message });
  }
  void vscode.window.setStatusBarMessage(t('Saved {0} lines to {1}', lines.length, file), 4000);
  return { ok: true, id: session.id, path: file, lines: lines.length };
}

/** The log of the pod's container before its last restart, as a new channel. */
export async function previousContainerLog(deps: CommandDeps, sessions: LogSessions, arg: unknown): Promise<CommandResult> {
  const session = await sessionOf(sessions, arg);
  if (!session) return dismissed();
  const o = session.origin;
  if (!o) {
    void vscode.window.showInformationMessage(
      t("{0} is not one container's log: open Pod Logs on the pod instead.", session.title),
    );
    return { ok: false, kind: 'unsupported', reason: t('not a container log'), changed: false };
  }
  // A container that never restarted has no previous log: say so instead of waiting for one.
  const api = await resolveContext(deps, { context: o.context, namespace: o.namespace, extra: {} });
  if (!api.ok) return api.result;
  const pod = await api.value.http.request<KubeObject>(objectPath(KINDS.pod, o.pod, o.namespace), {
    operation: t('read logs of {0}/{1}', o.namespace, o.pod),
  });
  if (!pod.ok) return failedResult(deps, pod.error);
  const restarts = restartCountOf(pod.value, o.container);
  if (restarts === 0) {
    const reason = t('container {0} of {1} has not restarted: there is no previous log', o.container ?? '', o.pod);
    void vscode.window.showInformationMessage(reason);
    return { ok: false, kind: 'notFound', reason, changed: false };
  }
  return (await vscode.commands.executeCommand('dolphindbK8s.podLogs', {
    context: o.context,
    namespace: o.namespace,
    objectKind: 'pod',
    objectName: o.pod,
    ...(o.container ? { container: o.container } : {}),
    previous: true,
    follow: false,
  })) as CommandResult;
}

/** The container's restart count from the pod's status; undefined when the status does not say. */
function restartCountOf(pod: KubeObject, container: string | undefined): number | undefined {
  const statuses = (pod as { status?: { containerStatuses?: { name?: string; restartCount?: number }[] } }).status
    ?.containerStatuses;
  const s = statuses?.find((c) => c.name === container) ?? (container ? undefined : statuses?.[0]);
  return typeof s?.restartCount === 'number' ? s.restartCount : undefined;
}
