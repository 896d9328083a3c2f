// dolphindbK8s.events (a cluster's events, warnings first) and dolphindbK8s.describe (a pod,
// StatefulSet, Service or PVC as `kubectl describe` prints it): events in a report tab, describe
// as a read-only document.
import * as vscode from 'vscode';
import { describe, eventsReport, type DescribableKind } from '../../../core/describe/describe';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { observeAnswers } from '../common/observeAnswers';
import { resolveContext } from '../common/target';
import { readSnapshot } from './snapshot';
import type { ReportDocuments } from './reportDocs';
import type { ReportPanels } from './reportPanels';

export async function eventsCommand(deps: CommandDeps, panels: ReportPanels, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const r = await readSnapshot(deps, a, false);
  if (!r.ok) return r.result;
  const { context, ref, snapshot } = r.value;
  const text = eventsReport(t('Events of {0}/{1}', ref.namespace, ref.name), snapshot.events, { t });
  const warnings = snapshot.events.filter((e) => (e as { type?: unknown }).type === 'Warning').length;
  const key = `events ${context} ${ref.namespace}/${ref.name}`;
  panels.show({
    key,
    title: t('Events of {0}/{1}', ref.namespace, ref.name),
    markdown: text,
    refresh: { command: 'dolphindbK8s.events', args: { context, namespace: ref.namespace, name: ref.name } },
  });
  return { ok: true, report: key, count: snapshot.events.length, warnings, text };
}

/** A namespace picked from those that exist; typed in when the user may not list them. */
async function pickNamespace(http: KubeHttp): Promise<string | undefined> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.namespace), { operation: t('list namespaces') });
  if (!r.ok) return (await vscode.window.showInputBox({ prompt: t('Namespace') })) || undefined;
  const other = t('Other namespace…');
  const pick = await vscode.window.showQuickPick([...r.value.items.map((n) => n.metadata.name).sort(), other], {
    placeHolder: t('Namespace'),
  });
  if (pick !== other) return pick;
  return (await vscode.window.showInputBox({ prompt: t('Namespace') })) || undefined;
}

const DESCRIBABLE: Readonly<Record<string, DescribableKind>> = {
  pod: 'pod',
  statefulset: 'statefulset',
  service: 'service',
  pvc: 'pvc',
};
const KIND_OF: Readonly<
  Record<DescribableKind, typeof KINDS.pod | typeof KINDS.statefulset | typeof KINDS.service | typeof KINDS.pvc>
> = { pod: KINDS.pod, statefulset: KINDS.statefulset, service: KINDS.service, pvc: KINDS.pvc };

export async function describeCommand(deps: CommandDeps, docs: ReportDocuments, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  let kind = a.objectKind ? DESCRIBABLE[a.objectKind] : undefined;
  if (a.objectKind && !kind)
    return failedResult(deps, {
      kind: 'unsupported',
      operation: t('describe {0}', a.objectName ?? ''),
      reason: t('objects of kind {0} cannot be described; choose a pod, StatefulSet, Service or PVC', a.objectKind),
    });
  const resolved = await resolveContext(deps, a);
  if (!resolved.ok) return resolved.result;
  const api = resolved.value;
  const namespace = a.namespace ?? (await pickNamespace(api.http));
  if (!namespace) return dismissed();
  let name = a.objectName;
  if (!kind || !name) {
    // Only kinds the namespace has objects of, by their Kubernetes names, with their counts.
    const lists = await Promise.all(
      (Object.keys(KIND_OF) as DescribableKind[])
        .filter((k) => !kind || k === kind)
        .map(async (k) => {
          const r = await api.http.request<KubeList<KubeObject>>(collectionPath(KIND_OF[k], namespace), {
            operation: t('list {0} in {1}', KIND_OF[k].plural, namespace),
          });
          return { k, items: r.ok ? r.value.items : [], failure: r.ok ? undefined : r.error };
        }),
    );
    const present = lists.filter((l) => l.items.length > 0);
    if (present.length === 0) {
      const refused = lists.find((l) => l.failure)?.failure;
      if (refused) return failedResult(deps, refused);
      void vscode.window.showInformationMessage(t('Namespace {0} has no pods, StatefulSets, Services or PVCs.', namespace));
      return dismissed();
    }
    const items = present.flatMap((l) => [
      { label: KIND_OF[l.k].kind, kind: vscode.QuickPickItemKind.Separator },
      ...l.items
        .map((o) => o.metadata.name)
        .sort()
        .map((n) => ({ label: n, description: KIND_OF[l.k].kind, k: l.k })),
    ]);
    const pick = await vscode.window.showQuickPick(items, {
      title: t('Describe an object in {0}', namespace),
      placeHolder: t('Object'),
      matchOnDescription: true,
    });
    if (!pick || !('k' in pick)) return dismissed();
    kind = pick.k;
    name = pick.label;
  }
  const op = t('describe {0} {1}/{2}', kind, namespace, name);
  const [obj, events, pods] = await Promise.all([
    api.http.request<KubeObject>(objectPath(KIND_OF[kind], name, namespace), { operation: op }),
    api.http.request<KubeList<KubeObject>>(collectionPath(KINDS.event, namespace), {
      operation: op,
      query: { fieldSelector: `involvedObject.name=${name}` },
    }),
    kind === 'pod'
      ? Promise.resolve(undefined)
      : api.http.request<KubeList<KubeObject>>(collectionPath(KINDS.pod, namespace), { operation: op }),
  ]);
  if (!obj.ok) return failedResult(deps, obj.error);
  // Events and pods only enrich the text; without permission the object is still described.
  const text = describe(
    kind,
    { ...obj.value, kind: obj.value.kind ?? KIND_OF[kind].kind },
    { events: events.ok ? events.value.items : [], pods: pods?.ok ? pods.value.items : undefined },
    { t },
  );
  const uri = await docs.open(`describe ${kind} ${namespace}-${name}.txt`, text);
  return { ok: true, uri: uri.toString(), text };
}
