// Pending pods and their storage (docs/domain.md §11: Pending, unbound PVCs, missing StorageClass,
// requests above what a node has).
import { arr, field, str } from '../../explorer/objects';
import type { KubeObject } from '../../k8s/resources';
import type { Translate } from '../../i18n/translate';
import type { DiagnoseInputs, Finding } from '../types';
import { distinct, eventMessage, involvedKind, involvedName, podCondition, ref } from '../util';

function requestsOf(pod: KubeObject): string {
  const parts: string[] = [];
  for (const c of arr(pod, 'spec', 'containers')) {
    const r = field(c, 'resources', 'requests');
    const cpu = str(r, 'cpu');
    const mem = str(r, 'memory');
    if (cpu || mem) parts.push(`${str(c, 'name') ?? '?'}: cpu ${cpu ?? '-'}, memory ${mem ?? '-'}`);
  }
  return parts.join('; ');
}

function largestNode(nodes: readonly KubeObject[] | undefined): string | undefined {
  if (!nodes || nodes.length === 0) return undefined;
  return nodes
    .map(
      (n) =>
        `${n.metadata.name} (cpu ${str(n, 'status', 'allocatable', 'cpu') ?? '?'}, memory ${str(n, 'status', 'allocatable', 'memory') ?? '?'})`,
    )
    .join(', ');
}

function schedulingMessages(i: DiagnoseInputs, pod: KubeObject): string[] {
  const cond = podCondition(pod, 'PodScheduled');
  const fromEvents = i.events
    .filter((e) => involvedKind(e) === 'Pod' && involvedName(e) === pod.metadata.name && str(e, 'reason') === 'FailedScheduling')
    .map(eventMessage);
  return distinct([...(cond?.status === 'False' && cond.message ? [cond.message] : []), ...fromEvents], 3);
}

export function schedulingRule(i: DiagnoseInputs, t: Translate): Finding[] {
  const groups = new Map<string, { pods: KubeObject[]; messages: string[] }>();
  for (const pod of i.pods) {
    if (str(pod, 'status', 'phase') !== 'Pending' || str(pod, 'spec', 'nodeName')) continue;
    const msgs = schedulingMessages(i, pod);
    if (msgs.length === 0) continue;
    const all = msgs.join(' ');
    let code = 'unschedulable';
    if (/Insufficient (cpu|memory)/i.test(all)) code = 'unschedulable-resources';
    else if (
      /unbound (immediate )?PersistentVolumeClaims|persistentvolumeclaim .* not found|storageclass.* not found|volume binding/i.test(
        all,
      )
    )
      code = 'unschedulable-pvc';
    else if (/node affinity|node selector|didn't match/i.test(all)) code = 'unschedulable-affinity';
    else if (/taint/i.test(all)) code = 'unschedulable-taint';
    const g = groups.get(code) ?? { pods: [], messages: [] };
    g.pods.push(pod);
    g.messages.push(...msgs);
    groups.set(code, g);
  }
  const out: Finding[] = [];
  for (const [code, g] of groups) {
    const names = g.pods.map((p) => p.metadata.name).join(', ');
    const evidence = distinct(g.messages, 4);
    switch (code) {
      case 'unschedulable-resources': {
        const which = [
          /Insufficient cpu/i.test(evidence.join(' ')) ? 'CPU' : '',
          /Insufficient memory/i.test(evidence.join(' ')) ? t('memory') : '',
        ]
          .filter((x) => x)
          .join(t(' and '));
        const nodes = largestNode(i.nodes);
        out.push({
          code,
          severity: 'error',
          title: t('Pods are Pending: not enough {0} on any node', which),
          detail:
            t('No node has enough free {0} for {1}. Requests: {2}.', which, names, requestsOf(g.pods[0] as KubeObject)) +
            (nodes ? ' ' + t('Nodes (allocatable): {0}.', nodes) : ''),
          next: t(
            'Lower resources.requests of the role in the DolphinDB object (kubectl edit ddb {0} -n {1}), or add nodes with more capacity.',
            i.cluster,
            i.namespace,
          ),
          objects: g.pods.map((p) => ref(p, 'Pod')),
          evidence,
        });
        break;
      }
      case 'unschedulable-pvc':
        out.push({
          code,
          severity: 'error',
          title: t('Pods are Pending: their PersistentVolumeClaims are not bound'),
          detail: t('{0} wait for volumes. See the storage finding for the PVCs and the reason.', names),
          next: t(
            'Fix the PersistentVolumeClaims (StorageClass, provisioner, minimum disk size); the pods start once they are Bound.',
          ),
          objects: g.pods.map((p) => ref(p, 'Pod')),
          evidence,
        });
        break;
      case 'unschedulable-affinity':
        out.push({
          code,
          severity: 'error',
          title: t('Pods are Pending: no node matches their node affinity or selector'),
          detail: t('{0} require node labels that no node has.', names),
          next: t(
            'Label a node to match spec.nodeAffinity of the DolphinDB object (or the suite default dolphindb.io/pod=dolphindb), or relax the affinity.',
          ),
          objects: g.pods.map((p) => ref(p, 'Pod')),
          evidence,
        });
        break;
      case 'unschedulable-taint':
        out.push({
          code,
          severity: 'error',
          title: t('Pods are Pending: the nodes have taints the pods do not tolerate'),
          detail: t('{0} cannot be placed on tainted nodes.', names),
          next: t('Remove the taints from a node, or add nodes without them.'),
          objects: g.pods.map((p) => ref(p, 'Pod')),
          evidence,
        });
        break;
      default:
        out.push({
          code,
          severity: 'error',
          title: t('Pods are Pending: the scheduler cannot place them'),
          detail: t('{0} are not scheduled.', names),
          next: t('Read the scheduler message below and kubectl describe pod for each pod.'),
          objects: g.pods.map((p) => ref(p, 'Pod')),
          evidence,
        });
    }
  }
  return out;
}

function defaultClass(classes: readonly KubeObject[]): string | undefined {
  return classes.find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
}

export function storageRule(i: DiagnoseInputs, t: Translate): Finding[] {
  const pending = i.pvcs.filter((p) => (str(p, 'status', 'phase') ?? 'Pending') === 'Pending');
  if (pending.length === 0) return [];
  const classes = i.storageClasses;
  const missing = new Map<string, KubeObject[]>();
  const noDefault: KubeObject[] = [];
  const other: KubeObject[] = [];
  for (const pvc of pending) {
    const cls = str(pvc, 'spec', 'storageClassName');
    if (classes && cls && !classes.some((c) => c.metadata.name === cls)) missing.set(cls, [...(missing.get(cls) ?? []), pvc]);
    else if (classes && cls === undefined && !defaultClass(classes)) noDefault.push(pvc);
    else other.push(pvc);
  }
  const out: Finding[] = [];
  for (const [cls, pvcs] of missing) {
    const have = (classes ?? []).map((c) => c.metadata.name).join(', ') || t('none');
    const names = new Set(pvcs.map((p) => p.metadata.name));
    const ev = distinct(
      i.events.filter((e) => involvedKind(e) === 'PersistentVolumeClaim' && names.has(involvedName(e))).map(eventMessage),
      2,
    );
    out.push({
      code: 'storageclass-missing',
      severity: 'error',
      title: t('StorageClass {0} does not exist', cls),
      detail: t(
        '{0} PersistentVolumeClaims ask for StorageClass {1}, which the cluster does not have, so they stay Pending. Existing classes: {2}.',
        pvcs.length,
        cls,
        have,
      ),
      next: t(
        'Set spec.storageClassName of the DolphinDB object to an existing class, or install a provisioner that creates {0} (e.g. local-path-provisioner). PVCs of existing instances keep their class: delete them after fixing the spec.',
        cls,
      ),
      objects: pvcs.map((p) => ref(p, 'PersistentVolumeClaim')),
      evidence: ev,
    });
  }
  if (noDefault.length > 0) {
    out.push({
      code: 'no-default-storageclass',
      severity: 'error',
      title: t('PVCs name no StorageClass and the cluster has no default one'),
      detail: t('{0} PersistentVolumeClaims stay Pending.', noDefault.length),
      next: t('Set spec.storageClassName in the DolphinDB object, or mark a StorageClass as default.'),
      objects: noDefault.map((p) => ref(p, 'PersistentVolumeClaim')),
    });
  }
  if (other.length > 0) {
    const ev = distinct(
      i.events
        .filter((e) => involvedKind(e) === 'PersistentVolumeClaim' && other.some((p) => p.metadata.name === involvedName(e)))
        .map(eventMessage),
      4,
    );
    out.push({
      code: 'pvc-unbound',
      severity: 'warning',
      title: t('{0} PersistentVolumeClaims are not bound yet', other.length),
      detail: t(
        'No volume was provisioned for them (yet). A cloud disk minimum (Aliyun: 20 GB) or a provisioner that is not running are common causes.',
      ),
      next: t('Raise dataSize/logSize or set spec.minPersistentVolumeSize, and check the provisioner of the StorageClass.'),
      objects: other.map((p) => ref(p, 'PersistentVolumeClaim')),
      evidence: ev,
    });
  }
  return out;
}
