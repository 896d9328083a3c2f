// dolphindbK8s.openShell: an integrated terminal into a container of a DolphinDB pod. From a pod,
// instance or container node the target is given; from the palette: cluster → instance (its pod)
// → container, defaulting to the DolphinDB server container. A shell can change anything in the
// container, so it needs a trusted workspace and the `pods/exec` permission (asked first, in the
// core session); both refusals are shown through the one failure path.
import * as vscode from 'vscode';
import { ShellSession } from '../../../core/exec/shellSession';
import { belongsTo } from '../../../core/explorer/membership';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { containersOf, defaultContainer, unknownContainerFailure } from '../../../core/logs/containers';
import { t } from '../../localize';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { observeAnswers, type ObserveAnswers } from '../common/observeAnswers';
import { requireTrust, resolveClusterRef, resolveContext } from '../common/target';
import { ShellPty, type Shells } from './shellTerminal';

type Picked<T> = { ok: true; value: T } | { ok: false; result: CommandResult };

/** The pod: given by the node or a script, else one of the picked cluster's pods. */
async function pickPod(
  deps: CommandDeps,
  a: ObserveAnswers,
): Promise<Picked<{ http: KubeHttp; namespace: string; pod: string }>> {
  if (a.objectName && a.namespace && (a.objectKind === undefined || a.objectKind === 'pod')) {
    const api = await resolveContext(deps, a);
    if (!api.ok) return api;
    return { ok: true, value: { http: api.value.http, namespace: a.namespace, pod: a.objectName } };
  }
  const c = await resolveClusterRef(deps, a);
  if (!c.ok) return c;
  const { http, ref } = c.value;
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, ref.namespace), {
    operation: t('list pods in {0}', ref.namespace),
  });
  if (!r.ok) return { ok: false, result: failedResult(deps, r.error) };
  const pods = r.value.items.filter((p) => belongsTo(ref.name, p)).map((p) => p.metadata.name);
  if (pods.length === 0)
    return {
      ok: false,
      result: failedResult(deps, {
        kind: 'notFound',
        operation: t('open a shell in {0}/{1}', ref.namespace, ref.name),
        reason: t('{0} has no pods right now', ref.name),
      }),
    };
  const pick = await vscode.window.showQuickPick(
    pods.sort().map((p) => ({ label: p })),
    { title: t('Open Shell in {0}', `${ref.namespace}/${ref.name}`), placeHolder: t('Instance') },
  );
  return pick ? { ok: true, value: { http, namespace: ref.namespace, pod: pick.label } } : { ok: false, result: dismissed() };
}

/** The container: given, the only one, or picked with the DolphinDB server container first. */
async function pickContainer(a: ObserveAnswers, pod: KubeObject): Promise<string | undefined> {
  if (a.container) return a.container;
  const main = containersOf(pod).filter((c) => !c.init);
  const server = defaultContainer(pod);
  if (main.length <= 1 || a.scripted) return server;
  const items = [...main]
    .sort((x, y) => (x.name === server ? -1 : y.name === server ? 1 : 0))
    .map((c) => ({ label: c.name, description: c.name === server ? t('DolphinDB server') : c.image }));
  const pick = await vscode.window.showQuickPick(items, { title: pod.metadata.name, placeHolder: t('Container') });
  return pick?.label;
}

export async function openShell(deps: CommandDeps, shells: Shells, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const trusted = requireTrust(deps, t('open a shell'));
  if (!trusted.ok) return trusted.result;
  const picked = await pickPod(deps, a);
  if (!picked.ok) return picked.result;
  const { http, namespace, pod } = picked.value;
  const p = await http.request<KubeObject>(objectPath(KINDS.pod, pod, namespace), {
    operation: t('open a shell in {0}/{1}', namespace, pod),
  });
  if (!p.ok) return failedResult(deps, p.error);
  const container = await pickContainer(a, p.value);
  if (!container) return dismissed();
  if (!containersOf(p.value).some((c) => c.name === container))
    return failedResult(deps, {
      ...unknownContainerFailure(namespace, pod, container, p.value, t),
      operation: t('open a shell in {0}/{1}', namespace, pod),
    });
  const session = await ShellSession.open(http, { namespace, pod, container });
  if (!session.ok) return failedResult(deps, session.error);
  const pty = new ShellPty(session.value);
  const name = `${pod}/${container}`;
  const id = shells.add(pty);
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
  return { ok: true, id, name, pod, container, namespace };
}
