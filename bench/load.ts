// Operator-shaped load for the explorer benchmark (issue 15): for each DolphinDB cluster, the objects the
// simulated operator's desired-state function gives (ConfigMap, StatefulSets, Services), the pods and
// PVCs the StatefulSet controller would make from them (pods bound to the ground's KWOK nodes, so KWOK
// sets them Running; each PVC bound to its own PV), the CR's status as the simulated operator computes it, and
// EVENTS_PER_CLUSTER events. Clusters are spread over NAMESPACES namespaces.
//
// The kube-controller-manager must be stopped while this load exists (bench/explorer.ts does it): the
// StatefulSet controller would otherwise roll the pods made here, and the EndpointSlice controller would
// churn on the selector Services. Nothing else writes to these objects once KWOK has set their status.
import type { V1Pod, V1PersistentVolumeClaim, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeHttp } from '../src/core/k8s/http';
import { KINDS, collectionPath, objectPath } from '../src/core/k8s/resources';
import { desiredState } from '../test/sim-operator/desired';
import { parseDolphinDB } from '../test/sim-operator/spec';
import { computeStatus } from '../test/sim-operator/status';

export const NAMESPACES = 20;
export const EVENTS_PER_CLUSTER = 10;
const NODES = ['ground-node-0', 'ground-node-1'];
const CONCURRENCY = 16;

export const nsName = (i: number): string => `bench-${i}`;
export const clusterName = (i: number): string => `c${i}`;

/** The CR every benchmark cluster uses: one controller, three data nodes, two compute nodes. */
function crBody(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name, namespace, labels: { bench: 'explorer' } },
    spec: {
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.16',
      storageClassName: 'standard',
      controller: { replicas: 1, dataSize: '1Gi', logSize: '1Gi' },
      datanode: { replicas: 3, dataSize: '10Gi', logSize: '1Gi' },
      computenode: { replicas: 2, dataSize: '1Gi', logSize: '1Gi' },
    },
  };
}

type Obj = { metadata?: { name?: string; uid?: string } };

async function post<T extends Obj>(http: KubeHttp, path: string, body: unknown): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const r = await http.request<T>(path, { method: 'POST', body });
    if (r.ok) return r.value;
    if (r.error.kind === 'conflict') return undefined; // left from an earlier seeding of the same scale
    if (attempt >= 4) throw new Error(`POST ${path}: ${r.error.reason}`);
    await new Promise((res) => setTimeout(res, 500 * (attempt + 1)));
  }
}

async function patchStatus(http: KubeHttp, path: string, status: unknown): Promise<void> {
  const r = await http.request(`${path}/status`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { status },
  });
  if (!r.ok) throw new Error(`PATCH ${path}/status: ${r.error.reason}`);
}

/** The pod and PVCs the StatefulSet controller would create for a one-replica StatefulSet. */
function podAndClaims(sts: V1StatefulSet, stsUid: string, node: string): { pod: V1Pod; pvcs: V1PersistentVolumeClaim[] } {
  const podName = `${sts.metadata?.name}-0`;
  const ns = sts.metadata?.namespace;
  const tpl = sts.spec?.template;
  const pvcs = (sts.spec?.volumeClaimTemplates ?? []).map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...t.metadata, name: `${t.metadata?.name}-${podName}`, namespace: ns, labels: { ...t.metadata?.labels } },
    spec: t.spec,
  }));
  const claimVolumes = (sts.spec?.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: `${t.metadata?.name}-${podName}` },
  }));
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: ns,
      labels: { ...tpl?.metadata?.labels, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': '0' },
      annotations: { ...tpl?.metadata?.annotations },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: sts.metadata?.name ?? '',
          uid: stsUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...(tpl?.spec ?? { containers: [] }),
      nodeName: node,
      hostname: podName,
      subdomain: sts.spec?.serviceName,
      volumes: [...claimVolumes, ...(tpl?.spec?.volumes ?? [])],
    },
  };
  return { pod, pvcs };
}

/**
 * A PVC bound to its own PV, the way the ground's KWOK stage binds one (ground-pvc-bind), written here:
 * that stage binds about 10 claims a second, hours at these scales. The claim names its volume from
 * the start, so the stage leaves it alone.
 */
async function claimAndBind(http: KubeHttp, pvc: V1PersistentVolumeClaim, namespace: string): Promise<void> {
  const pvName = `pvc-${namespace}-${pvc.metadata?.name}`;
  const storage = pvc.spec?.resources?.requests?.storage ?? '1Gi';
  const created = await post<Obj>(http, collectionPath(KINDS.pvc, namespace), {
    ...pvc,
    metadata: {
      ...pvc.metadata,
      annotations: {
        ...pvc.metadata?.annotations,
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
      },
    },
    spec: { ...pvc.spec, volumeName: pvName },
  });
  if (!created) return;
  await post(http, '/api/v1/persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': 'ddb-ground/no-op' } },
    spec: {
      storageClassName: pvc.spec?.storageClassName,
      accessModes: pvc.spec?.accessModes,
      capacity: { storage },
      persistentVolumeReclaimPolicy: 'Delete',
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: pvc.metadata?.name,
        namespace,
        uid: created.metadata?.uid,
      },
      hostPath: { path: `/var/lib/ddb-ground/${pvName}` },
    },
  });
  await patchStatus(http, `/api/v1/persistentvolumes/${pvName}`, { phase: 'Bound' });
  await patchStatus(http, objectPath(KINDS.pvc, pvc.metadata?.name ?? '', namespace), {
    phase: 'Bound',
    accessModes: pvc.spec?.accessModes,
    capacity: { storage },
  });
}

const EVENT_SCRIPT: readonly { kind: 'cr' | 'pod'; reason: string; message: (o: string) => string }[] = [
  { kind: 'cr', reason: 'Created', message: () => 'created the cluster objects' },
  { kind: 'cr', reason: 'Progressing', message: () => 'waiting for the pods to be ready' },
  { kind: 'cr', reason: 'Available', message: () => 'all instances are ready' },
  { kind: 'pod', reason: 'Scheduled', message: (o) => `Successfully assigned ${o} to ground-node-0` },
  { kind: 'pod', reason: 'Pulled', message: () => 'Container image "dolphindb/dolphindb:v2.00.16" already present on machine' },
  { kind: 'pod', reason: 'Created', message: () => 'Created container: dolphindb' },
  { kind: 'pod', reason: 'Started', message: () => 'Started container dolphindb' },
  { kind: 'pod', reason: 'Scheduled', message: (o) => `Successfully assigned ${o} to ground-node-1` },
  { kind: 'pod', reason: 'Created', message: () => 'Created container: exporter' },
  { kind: 'pod', reason: 'Started', message: () => 'Started container exporter' },
];

async function seedCluster(http: KubeHttp, i: number): Promise<void> {
  const name = clusterName(i);
  const namespace = nsName(i % NAMESPACES);
  const body = crBody(name, namespace);
  const created = await post<Obj>(http, collectionPath(KINDS.dolphindb, namespace), body);
  if (!created) return; // present already: seeded by an earlier run (counts are checked by the caller)
  const uid = created.metadata?.uid ?? '';
  const parsed = parseDolphinDB(body);
  if (!parsed.ok) throw new Error(`bench CR does not parse: ${parsed.errors.join('; ')}`);
  const desired = desiredState({
    name,
    namespace,
    uid,
    spec: parsed.spec,
    license: '',
    leaderIndex: 0,
    suiteVersion: 'v1.1.7',
    serviceType: 'ClusterIP',
  });
  await post(http, collectionPath(KINDS.configmap, namespace), desired.configMap);
  for (const svc of desired.services) await post(http, collectionPath(KINDS.service, namespace), svc);
  const pods: V1Pod[] = [];
  let podIndex = 0;
  for (const sts of desired.statefulSets) {
    const s = await post<Obj>(http, collectionPath(KINDS.statefulset, namespace), {
      ...sts,
      metadata: { ...sts.metadata, namespace },
    });
    if (!s) continue;
    const { pod, pvcs } = podAndClaims(
      { ...sts, metadata: { ...sts.metadata, namespace } },
      s.metadata?.uid ?? '',
      NODES[(i + podIndex++) % NODES.length],
    );
    for (const pvc of pvcs) await claimAndBind(http, pvc, namespace);
    await post(http, collectionPath(KINDS.pod, namespace), pod);
    pods.push(pod);
    await patchStatus(http, objectPath(KINDS.statefulset, sts.metadata?.name ?? '', namespace), {
      replicas: 1,
      readyReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
  }
  // The status the simulated operator computes once every pod is Running and Ready.
  const readyPods = pods.map((p) => ({
    ...p,
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'dolphindb', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }],
    },
  }));
  const { status } = computeStatus({
    name,
    spec: parsed.spec,
    pods: readyPods,
    configHash: desired.configHash,
    license: { valid: true },
  });
  await patchStatus(http, objectPath(KINDS.dolphindb, name, namespace), status);
  const now = new Date().toISOString();
  for (let e = 0; e < EVENTS_PER_CLUSTER; e++) {
    const step = EVENT_SCRIPT[e % EVENT_SCRIPT.length];
    const pod = pods[e % pods.length];
    const involved =
      step.kind === 'cr'
        ? { apiVersion: 'dolphindb.dolphindb.io/v1', kind: 'DolphinDB', name, namespace, uid }
        : { apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name, namespace };
    await post(http, collectionPath(KINDS.event, namespace), {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.bench${e}`, namespace },
      involvedObject: involved,
      type: 'Normal',
      reason: step.reason,
      message: step.message(involved.name ?? ''),
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: step.kind === 'cr' ? 'ddb-sim-operator' : 'kubelet' },
    });
  }
}

/** Seeds clusters [from, to). Returns the seconds it took. */
export async function seed(http: KubeHttp, from: number, to: number, progress: (done: number) => void): Promise<number> {
  const t0 = Date.now();
  for (let n = 0; n < NAMESPACES; n++) {
    await post(http, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: nsName(n) } });
    // the ServiceAccount admission needs `default`, which the stopped controller manager would make
    await post(http, `/api/v1/namespaces/${nsName(n)}/serviceaccounts`, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: nsName(n) },
    });
  }
  let next = from;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        await seedCluster(http, next++);
        if (++done % 100 === 0) progress(done);
      }
    }),
  );
  return (Date.now() - t0) / 1000;
}

/** Objects the operator makes per cluster with the CR above (for the count checks). */
export const PER_CLUSTER = {
  dolphindbs: 1,
  pods: 6,
  services: 4,
  statefulsets: 6,
  pvcs: 18,
  configmaps: 1,
  events: EVENTS_PER_CLUSTER,
} as const;
