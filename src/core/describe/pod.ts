// `kubectl describe pod` from the object and its events.
import { arr, field, num, rec, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';
import type { Translate } from '../i18n/translate';
import { eventsBlock, eventsFor } from './events';
import { DescribeWriter, HIDDEN_ANNOTATIONS, mapLines, tr, type DescribeOptions } from './format';

function stateLines(w: DescribeWriter, level: number, key: string, state: unknown, t: Translate): void {
  const s = rec(state);
  if (s.running) {
    w.kv(level, key, t('Running'));
    w.kv(level + 1, t('Started'), str(s.running, 'startedAt'));
  } else if (s.waiting) {
    w.kv(level, key, t('Waiting'));
    w.kv(level + 1, t('Reason'), str(s.waiting, 'reason'));
    if (str(s.waiting, 'message')) w.kv(level + 1, t('Message'), str(s.waiting, 'message'));
  } else if (s.terminated) {
    w.kv(level, key, t('Terminated'));
    w.kv(level + 1, t('Reason'), str(s.terminated, 'reason'));
    if (str(s.terminated, 'message')) w.kv(level + 1, t('Message'), str(s.terminated, 'message'));
    w.kv(level + 1, t('Exit Code'), num(s.terminated, 'exitCode'));
    w.kv(level + 1, t('Started'), str(s.terminated, 'startedAt'));
    w.kv(level + 1, t('Finished'), str(s.terminated, 'finishedAt'));
  } else {
    w.kv(level, key, undefined);
  }
}

function resourceLines(w: DescribeWriter, level: number, c: unknown, t: Translate): void {
  for (const [k, label] of [
    ['limits', t('Limits')],
    ['requests', t('Requests')],
  ] as const) {
    const r = rec(c, 'resources', k);
    if (Object.keys(r).length === 0) continue;
    w.line(level, `${label}:`);
    for (const [name, v] of Object.entries(r).sort(([a], [b]) => a.localeCompare(b))) w.kv(level + 1, name, String(v));
  }
}

function envLine(e: unknown): string {
  const name = str(e, 'name') ?? '?';
  if (field(e, 'value') !== undefined) return `${name}:  ${str(e, 'value') ?? ''}`;
  const vf = rec(e, 'valueFrom');
  if (vf.fieldRef) return `${name}:   (${str(vf.fieldRef, 'apiVersion') ?? 'v1'}:${str(vf.fieldRef, 'fieldPath') ?? ''})`;
  if (vf.secretKeyRef)
    return `${name}:  <set to the key '${str(vf.secretKeyRef, 'key') ?? ''}' in secret '${str(vf.secretKeyRef, 'name') ?? ''}'>`;
  if (vf.configMapKeyRef)
    return `${name}:  <set to the key '${str(vf.configMapKeyRef, 'key') ?? ''}' of config map '${str(vf.configMapKeyRef, 'name') ?? ''}'>`;
  if (vf.resourceFieldRef) return `${name}:  ${str(vf.resourceFieldRef, 'resource') ?? ''}`;
  return `${name}:  <unknown source>`;
}

function containerBlock(w: DescribeWriter, c: unknown, status: unknown, t: Translate): void {
  w.line(1, `${str(c, 'name') ?? '?'}:`);
  w.kv(2, t('Container ID'), str(status, 'containerID'));
  w.kv(2, t('Image'), str(c, 'image'));
  w.kv(2, t('Image ID'), str(status, 'imageID'));
  const ports = arr(c, 'ports').map(
    (p) => `${num(p, 'containerPort') ?? '?'}/${str(p, 'protocol') ?? 'TCP'}${str(p, 'name') ? ` (${str(p, 'name')})` : ''}`,
  );
  w.list(2, ports.length > 1 ? t('Ports') : t('Port'), ports);
  const cmd = arr(c, 'command').map(String);
  if (cmd.length) w.list(2, t('Command'), cmd);
  const args = arr(c, 'args').map(String);
  if (args.length) w.list(2, t('Args'), args);
  stateLines(w, 2, t('State'), field(status, 'state'), t);
  if (Object.keys(rec(status, 'lastState')).length > 0) stateLines(w, 2, t('Last State'), field(status, 'lastState'), t);
  w.kv(2, t('Ready'), field(status, 'ready') === true ? 'True' : 'False');
  w.kv(2, t('Restart Count'), num(status, 'restartCount') ?? 0);
  resourceLines(w, 2, c, t);
  // Like kubectl: a heading, then one line per entry, or <none>.
  const block = (key: string, lines: readonly string[]): void => {
    if (lines.length === 0) w.kv(2, key, undefined);
    else {
      w.line(2, `${key}:`);
      for (const l of lines) w.line(3, l);
    }
  };
  block(t('Environment'), arr(c, 'env').map(envLine));
  block(
    t('Mounts'),
    arr(c, 'volumeMounts').map(
      (m) =>
        `${str(m, 'mountPath') ?? '?'} from ${str(m, 'name') ?? '?'}${str(m, 'subPath') ? ` (${field(m, 'readOnly') === true ? 'ro' : 'rw'},path="${str(m, 'subPath')}")` : ` (${field(m, 'readOnly') === true ? 'ro' : 'rw'})`}`,
    ),
  );
}

function volumeBlock(w: DescribeWriter, v: unknown, t: Translate): void {
  w.line(1, `${str(v, 'name') ?? '?'}:`);
  const src = rec(v);
  if (src.persistentVolumeClaim) {
    w.kv(2, t('Type'), t('PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)'));
    w.kv(2, t('ClaimName'), str(src.persistentVolumeClaim, 'claimName'));
    w.kv(2, t('ReadOnly'), field(src.persistentVolumeClaim, 'readOnly') === true ? 'true' : 'false');
  } else if (src.configMap) {
    w.kv(2, t('Type'), t('ConfigMap (a volume populated by a ConfigMap)'));
    w.kv(2, t('Name'), str(src.configMap, 'name'));
    w.kv(2, t('Optional'), field(src.configMap, 'optional') === true ? 'true' : 'false');
  } else if (src.secret) {
    w.kv(2, t('Type'), t('Secret (a volume populated by a Secret)'));
    w.kv(2, t('SecretName'), str(src.secret, 'secretName'));
  } else if (src.hostPath) {
    w.kv(2, t('Type'), t('HostPath (bare host directory volume)'));
    w.kv(2, t('Path'), str(src.hostPath, 'path'));
  } else if (src.emptyDir) {
    w.kv(2, t('Type'), t("EmptyDir (a temporary directory that shares a pod's lifetime)"));
  } else if (src.projected) {
    w.kv(2, t('Type'), t('Projected (a volume that contains injected data from multiple sources)'));
  } else {
    const kind = Object.keys(src).find((k) => k !== 'name');
    w.kv(2, t('Type'), kind);
  }
}

export function describePod(pod: KubeObject, events: readonly KubeObject[], opts?: DescribeOptions): string {
  const t = tr(opts);
  const w = new DescribeWriter();
  const md = pod.metadata;
  w.kv(0, t('Name'), md.name);
  w.kv(0, t('Namespace'), md.namespace);
  w.kv(0, t('Priority'), num(pod, 'spec', 'priority') ?? 0);
  w.kv(0, t('Service Account'), str(pod, 'spec', 'serviceAccountName'));
  const node = str(pod, 'spec', 'nodeName');
  w.kv(0, t('Node'), node ? `${node}/${str(pod, 'status', 'hostIP') ?? ''}` : undefined);
  w.kv(0, t('Start Time'), str(pod, 'status', 'startTime'));
  w.list(0, t('Labels'), mapLines(md.labels));
  w.list(0, t('Annotations'), mapLines(md.annotations, HIDDEN_ANNOTATIONS));
  w.kv(0, t('Status'), md.deletionTimestamp ? t('Terminating (since {0})', md.deletionTimestamp) : str(pod, 'status', 'phase'));
  if (str(pod, 'status', 'reason')) w.kv(0, t('Reason'), str(pod, 'status', 'reason'));
  if (str(pod, 'status', 'message')) w.kv(0, t('Message'), str(pod, 'status', 'message'));
  w.kv(0, t('IP'), str(pod, 'status', 'podIP'));
  const owner = md.ownerReferences?.find((o) => o.controller) ?? md.ownerReferences?.[0];
  w.kv(0, t('Controlled By'), owner ? `${owner.kind}/${owner.name}` : undefined);
  const statuses = (key: string): Map<string, unknown> => new Map(arr(pod, 'status', key).map((s) => [str(s, 'name') ?? '', s]));
  const initStatus = statuses('initContainerStatuses');
  const init = arr(pod, 'spec', 'initContainers');
  if (init.length > 0) {
    w.line(0, `${t('Init Containers')}:`);
    for (const c of init) containerBlock(w, c, initStatus.get(str(c, 'name') ?? ''), t);
  }
  const mainStatus = statuses('containerStatuses');
  w.line(0, `${t('Containers')}:`);
  for (const c of arr(pod, 'spec', 'containers')) containerBlock(w, c, mainStatus.get(str(c, 'name') ?? ''), t);
  const conds = arr(pod, 'status', 'conditions');
  if (conds.length > 0) {
    w.line(0, `${t('Conditions')}:`);
    w.kv(1, t('Type'), t('Status'));
    for (const c of conds)
      w.kv(1, str(c, 'type') ?? '?', `${str(c, 'status') ?? ''}${str(c, 'reason') ? ` (${str(c, 'reason')})` : ''}`);
  }
  const vols = arr(pod, 'spec', 'volumes');
  w.line(0, `${t('Volumes')}:${vols.length === 0 ? '  <none>' : ''}`);
  for (const v of vols) volumeBlock(w, v, t);
  w.kv(0, t('QoS Class'), str(pod, 'status', 'qosClass'));
  w.list(0, t('Node-Selectors'), mapLines(rec(pod, 'spec', 'nodeSelector')));
  const tol = arr(pod, 'spec', 'tolerations').map((x) =>
    `${str(x, 'key') ?? ''}${str(x, 'operator') === 'Exists' ? '' : `=${str(x, 'value') ?? ''}`}:${str(x, 'effect') ?? ''}${num(x, 'tolerationSeconds') !== undefined ? ` for ${num(x, 'tolerationSeconds')}s` : ''}`.replace(
      /^:$/,
      '<all>',
    ),
  );
  w.list(0, t('Tolerations'), tol);
  return w.toString() + eventsBlock(eventsFor(pod, events), opts);
}
