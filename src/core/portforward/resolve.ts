// Which pod and container port a forward reaches: a pod target as given (once it runs), a
// Service through its selector to a ready (else running) pod, its port mapped through
// targetPort, named target ports looked up in the pod's container ports. Pure over objects.
import { arr, field, num, rec, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';
import { english, type Translate } from '../i18n/translate';

export interface Backend {
  readonly pod: string;
  readonly uid: string;
  readonly port: number;
}

export type Resolution = { readonly ok: true; readonly backend: Backend } | { readonly ok: false; readonly reason: string };

function isRunning(pod: KubeObject): boolean {
  return !pod.metadata.deletionTimestamp && str(pod, 'status', 'phase') === 'Running';
}

function isReady(pod: KubeObject): boolean {
  return arr(pod, 'status', 'conditions').some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');
}

export function selectorString(selector: Record<string, unknown>): string {
  return Object.entries(selector)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort()
    .join(',');
}

export function matchesSelector(pod: KubeObject, selector: Record<string, unknown>): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function resolvePod(pod: KubeObject | undefined, port: number, name: string, t: Translate = english): Resolution {
  if (!pod) return { ok: false, reason: t('pod {0} does not exist', name) };
  if (!isRunning(pod))
    return {
      ok: false,
      reason: t(
        'pod {0} is not running ({1})',
        name,
        pod.metadata.deletionTimestamp ? 'Terminating' : (str(pod, 'status', 'phase') ?? 'Unknown'),
      ),
    };
  return { ok: true, backend: { pod: pod.metadata.name, uid: pod.metadata.uid ?? '', port } };
}

/** The Service port entry for a number or name, or a reason listing the ports it has. */
export function servicePort(
  service: KubeObject,
  port: number | string,
  t: Translate = english,
): { ok: true; entry: unknown } | { ok: false; reason: string } {
  const ports = arr(service, 'spec', 'ports');
  const entry = ports.find((p) => (typeof port === 'number' ? num(p, 'port') === port : str(p, 'name') === port));
  if (entry) return { ok: true, entry };
  const list = ports.map((p) => `${str(p, 'name') ? `${str(p, 'name')}:` : ''}${num(p, 'port') ?? '?'}`).join(', ');
  return {
    ok: false,
    reason: t('Service {0} has no port {1}; its ports are: {2}', service.metadata.name, String(port), list || t('none')),
  };
}

/** targetPort of a Service port entry on a given pod. */
export function targetPortOn(pod: KubeObject, entry: unknown): number | undefined {
  const tp = field(entry, 'targetPort');
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  if (typeof tp === 'string') {
    for (const c of arr(pod, 'spec', 'containers'))
      for (const p of arr(c, 'ports')) if (str(p, 'name') === tp) return num(p, 'containerPort');
    return undefined;
  }
  return num(entry, 'port');
}

export function resolveService(
  service: KubeObject | undefined,
  pods: Iterable<KubeObject>,
  port: number | string,
  name: string,
  t: Translate = english,
): Resolution {
  if (!service) return { ok: false, reason: t('Service {0} does not exist', name) };
  const sp = servicePort(service, port, t);
  if (!sp.ok) return sp;
  const selector = rec(service, 'spec', 'selector');
  if (Object.keys(selector).length === 0)
    return { ok: false, reason: t('Service {0} has no selector, so no pod backs it', name) };
  const candidates = [...pods].filter(
    (p) => (p.metadata.namespace ?? '') === (service.metadata.namespace ?? '') && matchesSelector(p, selector) && isRunning(p),
  );
  candidates.sort((a, b) => Number(isReady(b)) - Number(isReady(a)) || a.metadata.name.localeCompare(b.metadata.name));
  for (const pod of candidates) {
    const tp = targetPortOn(pod, sp.entry);
    if (tp !== undefined) return { ok: true, backend: { pod: pod.metadata.name, uid: pod.metadata.uid ?? '', port: tp } };
  }
  if (candidates.length > 0)
    return {
      ok: false,
      reason: t('no pod of Service {0} has a container port named {1}', name, String(field(sp.entry, 'targetPort'))),
    };
  return { ok: false, reason: t('no running pod matches the selector of Service {0} ({1})', name, selectorString(selector)) };
}
