// dolphindbK8s.events (a cluster's events, warnings first) and dolphindbK8s.describe (a pod,
// StatefulSet, Service or PVC as `kubectl describe` prints it): events in a report tab, describe
// as a read-only document.
import { describe, eventsReport, type DescribableKind } from '../../../core/describe/describe';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { observeAnswers } from '../common/observeAnswers';
import { resolveContext } from '../common/target';
import { askDescribeTarget, DESCRIBABLE_KINDS } from './describeQuestions';
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

const DESCRIBABLE: Readonly<Record<string, DescribableKind>> = {
  pod: 'pod',
  statefulset: 'statefulset',
  service: 'service',
  pvc: 'pvc',
};
const KIND_OF = DESCRIBABLE_KINDS;

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
  let namespace = a.namespace;
  let name = a.objectName;
  if (!namespace || !kind || !name) {
    const target = await askDescribeTarget(deps, {
      http: api.http,
      context: api.context,
      ...(namespace ? { namespace } : {}),
      ...(kind ? { kind } : {}),
    });
    if (!target.ok) return target.result;
    ({ namespace, kind, name } = target.value);
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
