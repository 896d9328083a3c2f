// Render: a cluster's Services and volumes (PVCs).
import type { Translate } from '../../i18n/translate';
import type { KubeObject } from '../../k8s/resources';
import { nodeId } from '../ids';
import { instanceOf } from '../membership';
import type { ExplorerNode } from '../nodes';
import { arr, num, str } from '../objects';
import { phaseLook } from '../status';
import type { ClusterAt } from './cluster';
import { parts, toneOf } from './common';

const byName = (a: KubeObject, b: KubeObject): number => a.metadata.name.localeCompare(b.metadata.name);

export function serviceNodes(at: ClusterAt, services: readonly KubeObject[], t: Translate): ExplorerNode[] {
  return [...services].sort(byName).map((svc) => {
    const type = str(svc, 'spec', 'type') ?? 'ClusterIP';
    const ports = arr(svc, 'spec', 'ports')
      .map((p) => `${num(p, 'port') ?? '?'}${num(p, 'nodePort') ? `:${num(p, 'nodePort')}` : ''}/${str(p, 'protocol') ?? 'TCP'}`)
      .join(', ');
    const perInstance = instanceOf(at.name, svc) !== undefined;
    return {
      id: nodeId({ kind: 'service', context: at.context, namespace: at.namespace, name: svc.metadata.name }),
      kind: 'service',
      label: svc.metadata.name,
      description: parts(type, str(svc, 'spec', 'clusterIP') ?? '', ports, perInstance ? t('per instance') : ''),
      icon: 'services',
      collapsible: 'none',
      ref: { context: at.context, kind: 'service', name: svc.metadata.name, namespace: at.namespace },
      caps: ['copyName', 'showYaml', 'edit'],
      key: { t: 'leaf' },
    };
  });
}

export function volumeNodes(at: ClusterAt, pvcs: readonly KubeObject[]): ExplorerNode[] {
  return [...pvcs].sort(byName).map((pvc) => {
    const phase = str(pvc, 'status', 'phase') ?? 'Pending';
    const size = str(pvc, 'status', 'capacity', 'storage') ?? str(pvc, 'spec', 'resources', 'requests', 'storage') ?? '?';
    return {
      id: nodeId({ kind: 'pvc', context: at.context, namespace: at.namespace, name: pvc.metadata.name }),
      kind: 'pvc',
      label: pvc.metadata.name,
      description: parts(size, phase, str(pvc, 'spec', 'storageClassName') ?? ''),
      icon: 'volume',
      tone: toneOf(phaseLook(phase)),
      collapsible: 'none',
      ref: { context: at.context, kind: 'pvc', name: pvc.metadata.name, namespace: at.namespace },
      caps: ['copyName', 'showYaml'],
      key: { t: 'leaf' },
    };
  });
}
