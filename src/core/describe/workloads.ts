// `kubectl describe` for StatefulSets, Services and PVCs, from the objects plus what relates to
// them (their pods, events).
import { arr, field, num, rec, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';
import { eventsBlock, eventsFor } from './events';
import { DescribeWriter, HIDDEN_ANNOTATIONS, mapLines, tr, type DescribeOptions } from './format';

function isReady(p: KubeObject): boolean {
  return arr(p, 'status', 'conditions').some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');
}

function matches(p: KubeObject, selector: Record<string, unknown>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => p.metadata.labels?.[k] === selector[k]);
}

function ownedBy(p: KubeObject, owner: KubeObject): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) =>
    owner.metadata.uid ? o.uid === owner.metadata.uid : o.name === owner.metadata.name && o.kind === owner.kind,
  );
}

export function describeStatefulSet(
  sts: KubeObject,
  related: { pods?: readonly KubeObject[]; events: readonly KubeObject[] },
  opts?: DescribeOptions,
): string {
  const t = tr(opts);
  const w = new DescribeWriter();
  const md = sts.metadata;
  w.kv(0, t('Name'), md.name);
  w.kv(0, t('Namespace'), md.namespace);
  w.kv(0, t('CreationTimestamp'), md.creationTimestamp);
  const selector = rec(sts, 'spec', 'selector', 'matchLabels');
  w.kv(0, t('Selector'), mapLines(selector).join(','));
  w.list(0, t('Labels'), mapLines(md.labels));
  w.list(0, t('Annotations'), mapLines(md.annotations, HIDDEN_ANNOTATIONS));
  w.kv(0, t('Replicas'), t('{0} desired | {1} total', num(sts, 'spec', 'replicas') ?? 1, num(sts, 'status', 'replicas') ?? 0));
  w.kv(0, t('Update Strategy'), str(sts, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate');
  const pods = (related.pods ?? []).filter((p) => ownedBy(p, sts) || matches(p, selector));
  const count = (phase: string): number => pods.filter((p) => str(p, 'status', 'phase') === phase).length;
  w.kv(
    0,
    t('Pods Status'),
    t(
      '{0} Running / {1} Waiting / {2} Succeeded / {3} Failed',
      count('Running'),
      count('Pending'),
      count('Succeeded'),
      count('Failed'),
    ),
  );
  w.line(0, `${t('Pod Template')}:`);
  w.list(1, t('Labels'), mapLines(rec(sts, 'spec', 'template', 'metadata', 'labels')));
  const init = arr(sts, 'spec', 'template', 'spec', 'initContainers');
  if (init.length > 0) {
    w.line(1, `${t('Init Containers')}:`);
    for (const c of init) w.line(2, `${str(c, 'name') ?? '?'}:`).kv(3, t('Image'), str(c, 'image'));
  }
  w.line(1, `${t('Containers')}:`);
  for (const c of arr(sts, 'spec', 'template', 'spec', 'containers')) {
    w.line(2, `${str(c, 'name') ?? '?'}:`);
    w.kv(3, t('Image'), str(c, 'image'));
    const ports = arr(c, 'ports').map((p) => `${num(p, 'containerPort') ?? '?'}/${str(p, 'protocol') ?? 'TCP'}`);
    w.list(3, t('Ports'), ports);
    for (const [k, label] of [
      ['limits', t('Limits')],
      ['requests', t('Requests')],
    ] as const) {
      const r = rec(c, 'resources', k);
      if (Object.keys(r).length > 0) w.kv(3, label, mapLines(r).join(', ').replace(/=/g, ': '));
    }
  }
  const vcts = arr(sts, 'spec', 'volumeClaimTemplates');
  w.line(0, `${t('Volume Claims')}:${vcts.length === 0 ? '  <none>' : ''}`);
  for (const v of vcts) {
    w.kv(1, t('Name'), str(v, 'metadata', 'name'));
    w.kv(1, t('StorageClass'), str(v, 'spec', 'storageClassName'));
    w.kv(1, t('Capacity'), str(v, 'spec', 'resources', 'requests', 'storage'));
    w.kv(1, t('Access Modes'), arr(v, 'spec', 'accessModes').map(String).join(', '));
  }
  return w.toString() + eventsBlock(eventsFor(sts, related.events), opts);
}

export function describeService(
  svc: KubeObject,
  related: { pods?: readonly KubeObject[]; events: readonly KubeObject[] },
  opts?: DescribeOptions,
): string {
  const t = tr(opts);
  const w = new DescribeWriter();
  const md = svc.metadata;
  w.kv(0, t('Name'), md.name);
  w.kv(0, t('Namespace'), md.namespace);
  w.list(0, t('Labels'), mapLines(md.labels));
  w.list(0, t('Annotations'), mapLines(md.annotations, HIDDEN_ANNOTATIONS));
  const selector = rec(svc, 'spec', 'selector');
  w.kv(0, t('Selector'), mapLines(selector).join(','));
  w.kv(0, t('Type'), str(svc, 'spec', 'type') ?? 'ClusterIP');
  w.kv(0, t('IP Family Policy'), str(svc, 'spec', 'ipFamilyPolicy'));
  w.kv(0, t('IP Families'), arr(svc, 'spec', 'ipFamilies').map(String).join(','));
  w.kv(0, t('IP'), str(svc, 'spec', 'clusterIP'));
  w.kv(0, t('IPs'), arr(svc, 'spec', 'clusterIPs').map(String).join(','));
  const ingress = arr(svc, 'status', 'loadBalancer', 'ingress').map((i) => str(i, 'ip') ?? str(i, 'hostname') ?? '');
  if (ingress.length) w.kv(0, t('LoadBalancer Ingress'), ingress.join(', '));
  const externalIPs = arr(svc, 'spec', 'externalIPs').map(String);
  if (externalIPs.length) w.kv(0, t('External IPs'), externalIPs.join(','));
  const backends = (related.pods ?? []).filter((p) => matches(p, selector) && isReady(p) && !p.metadata.deletionTimestamp);
  for (const p of arr(svc, 'spec', 'ports')) {
    const name = str(p, 'name') ?? '<unset>';
    const proto = str(p, 'protocol') ?? 'TCP';
    w.kv(0, t('Port'), `${name}  ${num(p, 'port') ?? '?'}/${proto}`);
    const tp = field(p, 'targetPort') ?? num(p, 'port');
    w.kv(0, t('TargetPort'), `${String(tp)}/${proto}`);
    if (num(p, 'nodePort') !== undefined) w.kv(0, t('NodePort'), `${name}  ${num(p, 'nodePort')}/${proto}`);
    const eps = backends
      .map((b) => {
        const ip = str(b, 'status', 'podIP');
        if (!ip) return undefined;
        let port = typeof tp === 'number' ? tp : undefined;
        if (typeof tp === 'string')
          for (const c of arr(b, 'spec', 'containers'))
            for (const cp of arr(c, 'ports')) if (str(cp, 'name') === tp) port = num(cp, 'containerPort');
        return port !== undefined ? `${ip}:${port}` : undefined;
      })
      .filter((x): x is string => x !== undefined)
      .sort();
    w.kv(0, t('Endpoints'), related.pods ? eps.join(',') : t('<unknown>'));
  }
  w.kv(0, t('Session Affinity'), str(svc, 'spec', 'sessionAffinity') ?? 'None');
  if (str(svc, 'spec', 'externalTrafficPolicy')) w.kv(0, t('External Traffic Policy'), str(svc, 'spec', 'externalTrafficPolicy'));
  w.kv(0, t('Internal Traffic Policy'), str(svc, 'spec', 'internalTrafficPolicy') ?? 'Cluster');
  return w.toString() + eventsBlock(eventsFor(svc, related.events), opts);
}

export function describePvc(
  pvc: KubeObject,
  related: { pods?: readonly KubeObject[]; events: readonly KubeObject[] },
  opts?: DescribeOptions,
): string {
  const t = tr(opts);
  const w = new DescribeWriter();
  const md = pvc.metadata;
  w.kv(0, t('Name'), md.name);
  w.kv(0, t('Namespace'), md.namespace);
  w.kv(0, t('StorageClass'), str(pvc, 'spec', 'storageClassName'));
  w.kv(0, t('Status'), md.deletionTimestamp ? t('Terminating') : (str(pvc, 'status', 'phase') ?? 'Pending'));
  w.kv(0, t('Volume'), str(pvc, 'spec', 'volumeName'));
  w.list(0, t('Labels'), mapLines(md.labels));
  w.list(0, t('Annotations'), mapLines(md.annotations, HIDDEN_ANNOTATIONS));
  w.list(0, t('Finalizers'), arr(pvc, 'metadata', 'finalizers').map(String));
  w.kv(0, t('Capacity'), str(pvc, 'status', 'capacity', 'storage'));
  w.kv(
    0,
    t('Access Modes'),
    arr(pvc, 'status', 'accessModes').map(String).join(',') || arr(pvc, 'spec', 'accessModes').map(String).join(','),
  );
  w.kv(0, t('VolumeMode'), str(pvc, 'spec', 'volumeMode') ?? 'Filesystem');
  const users = (related.pods ?? [])
    .filter((p) => arr(p, 'spec', 'volumes').some((v) => str(v, 'persistentVolumeClaim', 'claimName') === md.name))
    .map((p) => p.metadata.name);
  w.list(0, t('Used By'), users);
  return w.toString() + eventsBlock(eventsFor(pvc, related.events), opts);
}
