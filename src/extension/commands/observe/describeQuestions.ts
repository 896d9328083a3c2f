// The questions of Describe from the palette as one guided flow (common/flow.ts): a namespace
// from those that exist (or typed, when they cannot be listed), then an object of a kind that
// can be described, listed under its Kubernetes kind name. Back from the object list leads to
// the namespace again; Escape at either step cancels.
import type { DescribableKind } from '../../../core/describe/describe';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { dismissed, type CommandDeps } from '../common/deps';
import { failedResult } from '../common/failures';
import { runFlow, type FlowValues, type PickChoice, type PickList } from '../common/flow';
import { proceed, stop, type Step } from '../common/step';

export const DESCRIBABLE_KINDS: Readonly<
  Record<DescribableKind, typeof KINDS.pod | typeof KINDS.statefulset | typeof KINDS.service | typeof KINDS.pvc>
> = { pod: KINDS.pod, statefulset: KINDS.statefulset, service: KINDS.service, pvc: KINDS.pvc };

const OTHER = '\u0001other';
/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface DescribeTarget {
  readonly namespace: string;
  readonly kind: DescribableKind;
  readonly name: string;
}

const namespaceOf = (v: FlowValues): string | undefined => (v.namespace === OTHER ? v.typedNamespace : v.namespace);

async function namespaceChoices(http: KubeHttp): Promise<Step<PickList>> {
  const other: PickChoice = { label: t('Other namespace…'), value: OTHER };
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.namespace), { operation: t('list namespaces') });
  if (!r.ok)
    return proceed({
      items: [other],
      notice: { label: t('Namespaces cannot be listed here: type one.'), detail: r.error.reason },
    });
  const names = r.value.items.map((n) => n.metadata.name).sort();
  return proceed({ items: [...names.map((label) => ({ label })), other] });
}

async function objectChoices(
  deps: CommandDeps,
  http: KubeHttp,
  namespace: string,
  only?: DescribableKind,
): Promise<Step<PickList>> {
  const lists = await Promise.all(
    (Object.keys(DESCRIBABLE_KINDS) as DescribableKind[])
      .filter((k) => !only || k === only)
      .map(async (k) => {
        const r = await http.request<KubeList<KubeObject>>(collectionPath(DESCRIBABLE_KINDS[k], namespace), {
          operation: t('list {0} in {1}', DESCRIBABLE_KINDS[k].plural, namespace),
        });
        return { k, items: r.ok ? r.value.items : [], failure: r.ok ? undefined : r.error };
      }),
  );
  const present = lists.filter((l) => l.items.length > 0);
  if (present.length === 0) {
    const refused = lists.find((l) => l.failure)?.failure;
    if (refused) return stop(failedResult(deps, refused));
    return proceed({ items: [], notice: { label: t('Namespace {0} has no pods, StatefulSets, Services or PVCs.', namespace) } });
  }
  return proceed({
    items: present.flatMap((l) =>
      l.items
        .map((o) => o.metadata.name)
        .sort()
        .map((name) => ({
          label: name,
          value: `${l.k}/${name}`,
          description: DESCRIBABLE_KINDS[l.k].kind,
          group: DESCRIBABLE_KINDS[l.k].kind,
        })),
    ),
  });
}

/** Which object to describe; `given` namespace or kind (a script's, a tree node's) skip or narrow the questions. */
export async function askDescribeTarget(
  deps: CommandDeps,
  opts: { readonly http: KubeHttp; readonly context: string; readonly namespace?: string; readonly kind?: DescribableKind },
): Promise<Step<DescribeTarget>> {
  const command = t('Describe');
  const flow = await runFlow({
    command,
    title: (v) => {
      const ns = namespaceOf(v);
      return ns ? t('Describe an object in {0} ({1})', ns, opts.context) : t('Describe an object in {0}', opts.context);
    },
    given: opts.namespace ? { namespace: opts.namespace } : {},
    steps: [
      { kind: 'pick', id: 'namespace', placeholder: t('Namespace'), choices: () => namespaceChoices(opts.http) },
      {
        kind: 'input',
        id: 'typedNamespace',
        applies: (v) => v.namespace === OTHER,
        prompt: t('Namespace'),
        initial: () => '',
        validate: (text) => (NAMESPACE_RE.test(text) ? undefined : t('A namespace name: lowercase letters, digits and "-".')),
      },
      {
        kind: 'pick',
        id: 'object',
        placeholder: t('Object'),
        choices: (v) => objectChoices(deps, opts.http, namespaceOf(v) ?? '', opts.kind),
      },
    ],
  });
  if (!flow.ok) return flow;
  const namespace = namespaceOf(flow.value);
  const [kind, ...rest] = (flow.value.object ?? '').split('/');
  const name = rest.join('/');
  if (!namespace || !name || !(kind in DESCRIBABLE_KINDS)) return stop(dismissed());
  return proceed({ namespace, kind: kind as DescribableKind, name });
}
