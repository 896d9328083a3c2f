// SIMULATED DolphinDB operator: the controller loop.
//
// A stand-in for the closed-source dolphindb-operator, used only by tests and the demo. It
// watches DolphinDB objects and the children it owns (informers, no polling), computes the
// desired children (desired.ts), applies them with server-side apply as field manager
// `ddb-sim-operator`, deletes stale ones, and writes `.status` (status.ts) through the status
// subresource. Never imported by src/.

import os from 'node:os';
import {
  ApiException,
  AppsV1Api,
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  makeInformer,
  type CoreV1Event,
  type Informer,
  type KubernetesListObject,
  type KubernetesObject,
  type ObjectCache,
  type V1ConfigMap,
  type V1Deployment,
  type V1ObjectMeta,
  type V1PersistentVolumeClaim,
  type V1Pod,
  type V1Service,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import {
  ANNOTATION_APPLIED_HASH,
  ANNOTATION_UNMANAGED,
  ANNOTATION_CONFIG_HASH,
  API_VERSION,
  CLUSTER_LICENSE_KEY,
  DEFAULT_SUITE_NAMESPACE,
  DEFAULT_SUITE_VERSION,
  FIELD_MANAGER,
  GROUP,
  KIND,
  LOG_PREFIX,
  PLURAL,
  SUITE_LICENSE_CONFIGMAP,
  SUITE_LICENSE_KEY,
  VERSION,
} from './constants.js';
import { dolphindbCrd } from './crd.js';
import {
  canonicalJson,
  configHash,
  configMapLabels,
  configMapName,
  desiredState,
  invalidLicenseMessage,
  podName,
  shortHash,
} from './desired.js';
import { dialectFor, simModeFromEnv, type SimMode } from './dialect.js';
import { PodLogWriter, type PodLogFiles } from './logwriter.js';
import { COMPONENT_TYPE, ROLES, parseDolphinDB, type RoleName } from './spec.js';
import { checkLicense, computeStatus, type DolphinDBStatus } from './status.js';

export interface SimOperatorOptions {
  /** Watch only this namespace (default: the suite namespace, like the real operator). */
  namespace?: string;
  /** Watch every namespace (chart value global.allNamespace=true). */
  allNamespaces?: boolean;
  /** Where `dolphindb-license` lives. Default `dolphindb`. */
  suiteNamespace?: string;
  /** Tag of helper images. Default v1.1.7. */
  suiteVersion?: string;
  /** Type of the role Services. Default NodePort. */
  serviceType?: string;
  /** Register the DolphinDB CRD if missing (v1.1.1+ operators do). Default true. */
  ensureCrd?: boolean;
  /** Write fake container logs here (see logwriter.ts). */
  logDir?: string;
  logIntervalMs?: number;
  /** With logDir: point a KWOK `Logs` object (owned by the pod) at each pod's files. Default true. */
  kwokLogs?: boolean;
  /** Debounce of reconciles per object. Default 100 ms. */
  reconcileDelayMs?: number;
  /** Minimum gap between two status writes of one object. Default 500 ms. */
  statusMinIntervalMs?: number;
  /** Minimum gap before the same event (same object, reason, message) is counted again. Default 60 s. */
  eventRepeatMs?: number;
  /** Line sink; default console.log with the `[sim-operator]` prefix. */
  log?: (line: string) => void;
  /** Which guesses to make where the reference is silent (dialect.ts). Default: DDB_SIM_MODE, else inferred. */
  mode?: SimMode;
}

export interface SimOperator {
  /** Resolves once every informer has listed successfully (CRD present, caches filled). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface DolphinDBObject extends KubernetesObject {
  spec?: unknown;
  status?: DolphinDBStatus;
}

type Child = V1StatefulSet | V1Service | V1Deployment | V1ConfigMap | V1PersistentVolumeClaim | V1Pod;

interface ClusterMemo {
  uid: string;
  lastLeader: number;
  lastStatusWrite: number;
  /** Last announced state, for Upgrading / ConfigChanged / Scaled events. */
  seeded: boolean;
  version?: string;
  hash?: string;
  replicas: Partial<Record<RoleName, number>>;
}

function errText(e: unknown): string {
  if (e instanceof ApiException) {
    let msg = '';
    try {
      const body: unknown = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      if (body && typeof body === 'object' && 'message' in body) msg = String((body as { message: unknown }).message);
    } catch {
      msg = String(e.body).slice(0, 300);
    }
    return `HTTP ${e.code}${msg ? `: ${msg}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

const isCode = (e: unknown, code: number): boolean => e instanceof ApiException && e.code === code;

function ownedBy(obj: { metadata?: V1ObjectMeta }, uid: string): boolean {
  return obj.metadata?.ownerReferences?.some((r) => r.uid === uid && r.controller === true) ?? false;
}

export function startSimOperator(kc: KubeConfig, opts: SimOperatorOptions = {}): SimOperator {
  const log = opts.log ?? ((line: string) => console.log(`${LOG_PREFIX} ${line}`));
  const suiteNamespace = opts.suiteNamespace ?? DEFAULT_SUITE_NAMESPACE;
  const watchNs = opts.allNamespaces ? undefined : (opts.namespace ?? suiteNamespace);
  const suiteVersion = opts.suiteVersion ?? DEFAULT_SUITE_VERSION;
  const serviceType = opts.serviceType ?? 'NodePort';
  const reconcileDelay = opts.reconcileDelayMs ?? 100;
  const statusMinInterval = opts.statusMinIntervalMs ?? 500;
  const eventRepeat = opts.eventRepeatMs ?? 60_000;
  const dialect = dialectFor(opts.mode ?? simModeFromEnv());
  const LABEL_NAME = dialect.labels.name;

  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const logWriter = opts.logDir
    ? new PodLogWriter(
        opts.logDir,
        { intervalMs: opts.logIntervalMs, dialect },
        log,
        (pod, files) => void routeKwokLogs(pod, files),
      )
    : undefined;
  let kwokLogsAvailable = opts.kwokLogs !== false;

  let stopped = false;
  // keys already logged as unmanaged, so the log says it once per object
  const unmanagedSeen = new Set<string>();
  const memos = new Map<string, ClusterMemo>();
  const createdUids = new Set<string>();
  const eventMemo = new Map<string, { count: number; last: number }>();

  // ---------------- informers ----------------

  const nsPath = (group: string, plural: string): string => {
    const prefix = group === '' ? '/api/v1' : `/apis/${group}`;
    return watchNs ? `${prefix}/namespaces/${watchNs}/${plural}` : `${prefix}/${plural}`;
  };
  const sel = dialect.ownedSelector;

  const informers: Array<Informer<KubernetesObject>> = [];
  const synced: Array<Promise<void>> = [];
  function informer<T extends KubernetesObject>(
    what: string,
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
    labelSelector?: string,
  ): Informer<T> & ObjectCache<T> {
    let markSynced: () => void = () => {};
    synced.push(new Promise<void>((resolve) => (markSynced = resolve)));
    let backoff = 1000;
    const wrapped = async (): Promise<KubernetesListObject<T>> => {
      const r = await list();
      backoff = 1000;
      markSynced();
      return r;
    };
    const inf = makeInformer<T>(kc, path, wrapped, labelSelector);
    inf.on('error', (err: unknown) => {
      if (stopped) return;
      log(`watch ${what} failed (${errText(err)}); retrying in ${backoff / 1000}s`);
      const delay = backoff;
      backoff = Math.min(backoff * 2, 30_000);
      setTimeout(() => {
        if (!stopped) void inf.start();
      }, delay).unref();
    });
    informers.push(inf as unknown as Informer<KubernetesObject>);
    return inf;
  }

  const ddbInf = informer<DolphinDBObject>(
    'dolphindbs',
    nsPath(`${GROUP}/${VERSION}`, PLURAL),
    async () =>
      (watchNs
        ? await custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: watchNs, plural: PLURAL })
        : await custom.listClusterCustomObject({
            group: GROUP,
            version: VERSION,
            plural: PLURAL,
          })) as KubernetesListObject<DolphinDBObject>,
  );
  const stsInf = informer<V1StatefulSet>(
    'statefulsets',
    nsPath('apps/v1', 'statefulsets'),
    () =>
      watchNs
        ? apps.listNamespacedStatefulSet({ namespace: watchNs, labelSelector: sel })
        : apps.listStatefulSetForAllNamespaces({ labelSelector: sel }),
    sel,
  );
  const podInf = informer<V1Pod>(
    'pods',
    nsPath('', 'pods'),
    () =>
      watchNs
        ? core.listNamespacedPod({ namespace: watchNs, labelSelector: sel })
        : core.listPodForAllNamespaces({ labelSelector: sel }),
    sel,
  );
  const svcInf = informer<V1Service>(
    'services',
    nsPath('', 'services'),
    () =>
      watchNs
        ? core.listNamespacedService({ namespace: watchNs, labelSelector: sel })
        : core.listServiceForAllNamespaces({ labelSelector: sel }),
    sel,
  );
  const cmInf = informer<V1ConfigMap>(
    'configmaps',
    nsPath('', 'configmaps'),
    () =>
      watchNs
        ? core.listNamespacedConfigMap({ namespace: watchNs, labelSelector: sel })
        : core.listConfigMapForAllNamespaces({ labelSelector: sel }),
    sel,
  );
  const pvcInf = informer<V1PersistentVolumeClaim>(
    'persistentvolumeclaims',
    nsPath('', 'persistentvolumeclaims'),
    () =>
      watchNs
        ? core.listNamespacedPersistentVolumeClaim({ namespace: watchNs, labelSelector: sel })
        : core.listPersistentVolumeClaimForAllNamespaces({ labelSelector: sel }),
    sel,
  );
  const deployInf = informer<V1Deployment>(
    'deployments',
    nsPath('apps/v1', 'deployments'),
    () =>
      watchNs
        ? apps.listNamespacedDeployment({ namespace: watchNs, labelSelector: sel })
        : apps.listDeploymentForAllNamespaces({ labelSelector: sel }),
    sel,
  );

  // ---------------- work queue ----------------

  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  const failures = new Map<string, number>();
  let started = false;

  function enqueue(key: string, delay = reconcileDelay): void {
    if (stopped || !started) return;
    if (running.has(key)) {
      dirty.add(key);
      return;
    }
    const existing = timers.get(key);
    if (existing) {
      if (delay >= reconcileDelay) return; // an earlier run is already scheduled
      clearTimeout(existing);
    }
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        const p = runOnce(key).finally(() => {
          running.delete(key);
          if (dirty.delete(key)) enqueue(key);
        });
        running.set(key, p);
      }, delay),
    );
  }

  async function runOnce(key: string): Promise<void> {
    try {
      const retryIn = await reconcile(key);
      failures.delete(key);
      if (retryIn !== undefined) enqueue(key, retryIn);
    } catch (e) {
      const n = (failures.get(key) ?? 0) + 1;
      failures.set(key, n);
      const delay = Math.min(1000 * 2 ** (n - 1), 60_000);
      log(`${key}: reconcile failed (${errText(e)}); retry in ${delay / 1000}s`);
      const [ns, name] = key.split('/');
      const cr = ddbInf.get(name, ns);
      if (cr && e instanceof ApiException && e.code >= 400 && e.code < 500)
        await recordEvent(cr, 'Warning', 'ReconcileError', errText(e));
      dirty.delete(key);
      enqueue(key, delay);
    }
  }

  const keyOf = (o: { metadata?: V1ObjectMeta }): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  const ownerKey = (o: Child): string | undefined => {
    const n = o.metadata?.labels?.[LABEL_NAME];
    return n ? `${o.metadata?.namespace ?? ''}/${n}` : undefined;
  };

  ddbInf.on('add', (o) => enqueue(keyOf(o)));
  ddbInf.on('update', (o) => enqueue(keyOf(o)));
  ddbInf.on('delete', (o) => {
    memos.delete(keyOf(o));
    log(`${keyOf(o)}: DolphinDB deleted; children are left to the garbage collector`);
  });
  for (const inf of [stsInf, podInf, svcInf, cmInf, pvcInf, deployInf] as Array<Informer<Child>>) {
    inf.on('change', (o) => {
      const k = ownerKey(o);
      if (k) enqueue(k);
    });
  }
  if (logWriter) {
    podInf.on('add', (p) => logWriter.onPod(p));
    podInf.on('update', (p) => logWriter.onPod(p));
    podInf.on('delete', (p) => logWriter.onPodDeleted(p));
  }

  // ---------------- events ----------------

  async function recordEvent(cr: DolphinDBObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const ns = cr.metadata?.namespace ?? '';
    const crName = cr.metadata?.name ?? '';
    const uid = cr.metadata?.uid ?? '';
    const name = `${crName}.${shortHash({ uid, type, reason, message })}`;
    const now = Date.now();
    const memo = eventMemo.get(name);
    if (memo && now - memo.last < eventRepeat) return;
    const count = (memo?.count ?? 0) + 1;
    eventMemo.set(name, { count, last: now });
    if (eventMemo.size > 5000) eventMemo.delete(eventMemo.keys().next().value as string);
    if (type === 'Warning') log(`${ns}/${crName}: Warning ${reason}: ${message}`);
    try {
      if (count > 1) {
        await core.patchNamespacedEvent({
          name,
          namespace: ns,
          body: [
            { op: 'replace', path: '/count', value: count },
            { op: 'replace', path: '/lastTimestamp', value: new Date(now).toISOString() },
          ],
        });
        return;
      }
    } catch (e) {
      if (!isCode(e, 404) && !isCode(e, 422)) throw e;
    }
    const ev: CoreV1Event = {
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: API_VERSION,
        kind: KIND,
        name: crName,
        namespace: ns,
        uid,
        resourceVersion: cr.metadata?.resourceVersion,
      },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: new Date(now),
      lastTimestamp: new Date(now),
      source: { component: FIELD_MANAGER },
      reportingComponent: FIELD_MANAGER,
      reportingInstance: os.hostname(),
    };
    try {
      await core.createNamespacedEvent({ namespace: ns, body: ev });
    } catch (e) {
      if (isCode(e, 409)) {
        // left over from an earlier run of the simulation: count it
        await core
          .patchNamespacedEvent({
            name,
            namespace: ns,
            body: [{ op: 'replace', path: '/lastTimestamp', value: new Date(now).toISOString() }],
          })
          .catch(() => undefined);
      } else if (!stopped) log(`${ns}/${crName}: cannot record event ${reason}: ${errText(e)}`);
    }
  }

  // ---------------- helpers ----------------

  async function apply<T extends KubernetesObject>(obj: T): Promise<T> {
    return objects.patch<T>(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }

  /** Makes `kubectl logs` on a KWOK pod read the files the log writer made. */
  async function routeKwokLogs(pod: V1Pod, files: PodLogFiles): Promise<void> {
    if (!kwokLogsAvailable || stopped) return;
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    try {
      await apply({
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'Logs',
        metadata: { name, namespace, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name, uid: pod.metadata?.uid ?? '' }] },
        spec: { logs: Object.entries(files).map(([c, f]) => ({ containers: [c], logsFile: f, follow: true })) },
      } as KubernetesObject);
    } catch (e) {
      if (/Unrecognized API version and kind/.test(errText(e)) || isCode(e, 404)) {
        kwokLogsAvailable = false;
        log('no KWOK Logs API in this cluster: log files are written but not routed to kubectl logs');
      } else if (!stopped) log(`${namespace}/${name}: cannot route logs (${errText(e)})`);
    }
  }

  async function readSuiteLicense(): Promise<string | undefined> {
    try {
      const cm = await core.readNamespacedConfigMap({ name: SUITE_LICENSE_CONFIGMAP, namespace: suiteNamespace });
      return cm.data?.[SUITE_LICENSE_KEY];
    } catch (e) {
      if (isCode(e, 404)) return undefined;
      throw e;
    }
  }

  /** Applies `desired` unless the cached object already carries the same applied-hash. */
  async function ensure<T extends KubernetesObject>(cr: DolphinDBObject, cached: T | undefined, desired: T): Promise<void> {
    const want = desired.metadata?.annotations?.[ANNOTATION_APPLIED_HASH];
    const uid = cr.metadata?.uid ?? '';
    if (cached && cached.metadata?.annotations?.[ANNOTATION_APPLIED_HASH] === want && ownedBy(cached, uid)) return;
    const res = await apply(desired);
    const what = `${desired.kind} ${desired.metadata?.name}`;
    const resUid = res.metadata?.uid ?? '';
    if (!cached && resUid && !createdUids.has(resUid)) {
      createdUids.add(resUid);
      log(`${keyOf(cr)}: created ${what}`);
      await recordEvent(cr, 'Normal', 'Created', `Created ${what}`);
    } else if (cached) {
      log(`${keyOf(cr)}: updated ${what}`);
    }
  }

  async function deleteStale(cr: DolphinDBObject, kind: string, obj: { metadata?: V1ObjectMeta }): Promise<void> {
    const name = obj.metadata?.name ?? '';
    const namespace = obj.metadata?.namespace ?? '';
    try {
      if (kind === 'StatefulSet') await apps.deleteNamespacedStatefulSet({ name, namespace, propagationPolicy: 'Background' });
      else if (kind === 'Service') await core.deleteNamespacedService({ name, namespace });
      else if (kind === 'Deployment') await apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: 'Background' });
      log(`${keyOf(cr)}: deleted ${kind} ${name}`);
    } catch (e) {
      if (!isCode(e, 404)) throw e;
    }
  }

  // ---------------- reconcile ----------------

  /**
   * PVCs of a DolphinDB object that no longer exists and that carry no DolphinDB owner: the
   * StatefulSet controller can recreate a claim while the garbage collector is still deleting
   * its StatefulSet. Deleting them completes "deleting the CR deletes the data" (§2.8).
   */
  async function deleteOrphanPvcs(namespace: string, name: string): Promise<void> {
    for (const pvc of pvcInf.list(namespace)) {
      if (pvc.metadata?.labels?.[LABEL_NAME] !== name || pvc.metadata?.deletionTimestamp) continue;
      if (pvc.metadata?.ownerReferences?.some((r) => r.kind === KIND)) continue;
      try {
        await core.deleteNamespacedPersistentVolumeClaim({ name: pvc.metadata?.name ?? '', namespace });
        log(`${namespace}/${name}: deleted orphaned PVC ${pvc.metadata?.name} (its DolphinDB is gone)`);
      } catch (e) {
        if (!isCode(e, 404)) throw e;
      }
    }
  }

  /** Returns a delay after which to run again, or undefined. */
  async function reconcile(key: string): Promise<number | undefined> {
    const [namespace, name] = key.split('/');
    const cr = ddbInf.get(name, namespace);
    if (!cr) {
      await deleteOrphanPvcs(namespace, name);
      return undefined;
    }
    if (cr.metadata?.deletionTimestamp) return undefined;
    if (cr.metadata?.annotations?.[ANNOTATION_UNMANAGED] === 'true') {
      if (!unmanagedSeen.has(key)) log(`${key}: annotated ${ANNOTATION_UNMANAGED}=true; left alone`);
      unmanagedSeen.add(key);
      return undefined;
    }
    const uid = cr.metadata?.uid ?? '';
    let memo = memos.get(key);
    if (!memo || memo.uid !== uid) {
      memo = { uid, lastLeader: 0, lastStatusWrite: 0, seeded: false, replicas: {} };
      memos.set(key, memo);
    }

    const parsed = parseDolphinDB(cr);
    for (const w of parsed.warnings) await recordEvent(cr, 'Warning', 'SpecWarning', w);
    if (!parsed.ok) {
      await recordEvent(cr, 'Warning', 'InvalidSpec', `Invalid DolphinDB spec, not reconciled: ${parsed.errors.join('; ')}`);
      return undefined;
    }
    const spec = parsed.spec;
    const mine = <T extends { metadata?: V1ObjectMeta }>(list: readonly T[]): T[] =>
      list.filter((o) => o.metadata?.labels?.[LABEL_NAME] === name && ownedBy(o, uid));

    // 1. ConfigMap ddb-<name>; license.lic is copied once, at creation.
    const cmName = configMapName(name);
    let cm = cmInf.get(cmName, namespace);
    if (!cm) {
      const suiteLicense = await readSuiteLicense();
      try {
        cm = await core.createNamespacedConfigMap({
          namespace,
          fieldManager: FIELD_MANAGER,
          body: {
            metadata: {
              name: cmName,
              namespace,
              labels: configMapLabels(name, spec, dialect),
              ownerReferences: [{ apiVersion: API_VERSION, kind: KIND, name, uid, controller: true, blockOwnerDeletion: true }],
            },
            data: { [CLUSTER_LICENSE_KEY]: suiteLicense ?? '' },
          },
        });
        const from =
          suiteLicense === undefined
            ? `no ConfigMap ${suiteNamespace}/${SUITE_LICENSE_CONFIGMAP} found, license.lic is empty`
            : `license copied from ${suiteNamespace}/${SUITE_LICENSE_CONFIGMAP}`;
        if (cm.metadata?.uid) createdUids.add(cm.metadata.uid);
        log(`${key}: created ConfigMap ${cmName} (${from})`);
        await recordEvent(cr, 'Normal', 'Created', `Created ConfigMap ${cmName} (${from})`);
      } catch (e) {
        if (!isCode(e, 409)) throw e;
        cm = await core.readNamespacedConfigMap({ name: cmName, namespace });
      }
    }
    const license = cm.data?.[CLUSTER_LICENSE_KEY] ?? '';
    const licenseCheck = checkLicense(license, new Date());

    // 2. status from pods first: it decides the leader the ctr Service points to.
    const pods = podInf.list(namespace).filter((p) => p.metadata?.labels?.[LABEL_NAME] === name);
    const hash = configHash(spec);
    const { status, leaderIndex } = computeStatus({ name, spec, pods, configHash: hash, license: licenseCheck, dialect });
    const ctrReplicas = spec.roles.find((r) => r.role === 'controller')?.replicas ?? 0;
    if (memo.lastLeader >= ctrReplicas) memo.lastLeader = 0;
    if (leaderIndex !== undefined && leaderIndex !== memo.lastLeader) {
      log(`${key}: controller leader is now ${podName(name, 'controller', leaderIndex)}`);
      memo.lastLeader = leaderIndex;
    }
    // With no Ready controller the Service keeps pointing at the last leader.
    const desired = desiredState({
      name,
      namespace,
      uid,
      spec,
      license,
      leaderIndex: memo.lastLeader,
      suiteVersion,
      serviceType,
      dialect,
    });

    // 3. events for version/config changes and scaling. The memo starts from what the cached
    //    StatefulSets show (so a restart of the simulation announces nothing new).
    const existingSts = mine(stsInf.list(namespace));
    if (!memo.seeded) {
      memo.seeded = true;
      const tpl = existingSts[0]?.spec?.template?.metadata;
      memo.version = tpl?.labels?.[dialect.labels.version] ?? spec.version;
      memo.hash = tpl?.annotations?.[ANNOTATION_CONFIG_HASH] ?? hash;
      for (const r of ROLES) {
        const have = existingSts.filter((s) => s.metadata?.labels?.[dialect.labels.component] === COMPONENT_TYPE[r]).length;
        memo.replicas[r] = existingSts.length > 0 ? have : (spec.roles.find((x) => x.role === r)?.replicas ?? 0);
      }
    }
    if (memo.version !== spec.version) {
      await recordEvent(cr, 'Normal', 'Upgrading', `Upgrading from ${memo.version} to ${spec.version}; instances restart`);
      memo.version = spec.version;
    } else if (memo.hash !== hash) {
      await recordEvent(cr, 'Normal', 'ConfigChanged', 'DolphinDB configuration changed; instances restart');
    }
    memo.hash = hash;
    for (const r of ROLES) {
      const want = spec.roles.find((x) => x.role === r)?.replicas ?? 0;
      if (memo.replicas[r] !== want) {
        await recordEvent(cr, 'Normal', 'Scaled', `Scaled ${r} from ${memo.replicas[r] ?? 0} to ${want} instances`);
        memo.replicas[r] = want;
      }
    }

    // 4. status first (only when changed, at most every statusMinInterval): pods still carrying
    //    the old config hash make it Progressing at once, before the slower applies below.
    let retryIn: number | undefined;
    if (canonicalJson(cr.status ?? null) !== canonicalJson(status)) {
      const wait = memo.lastStatusWrite + statusMinInterval - Date.now();
      if (wait > 0) retryIn = wait;
      else {
        memo.lastStatusWrite = Date.now();
        await custom.patchNamespacedCustomObjectStatus({
          group: GROUP,
          version: VERSION,
          namespace,
          plural: PLURAL,
          name,
          body: [{ op: 'add', path: '/status', value: status }],
          fieldManager: FIELD_MANAGER,
        });
        const roles = (['controllerStatus', 'datanodeStatus', 'computenodeStatus'] as const)
          .map((k) => status[k])
          .filter((r) => r !== undefined)
          .map((r) => `${r.readyReplicas}/${r.replicas}`)
          .join(' ');
        if (cr.status?.phase !== status.phase)
          log(`${key}: phase ${cr.status?.phase ?? '(none)'} -> ${status.phase} (ready ${roles})`);
      }
    }

    // 5. apply (in parallel per kind). ConfigMap without license.lic (owned by whoever wrote it last).
    // Steps 5-7 keep going past a failed write (e.g. a 422 for one StatefulSet) so that the rest
    // of the cluster, PVC adoption included, is still reconciled; the first error is thrown at the end.
    const errors: unknown[] = [];
    const settle = async (ps: Array<Promise<unknown>>): Promise<void> => {
      for (const r of await Promise.allSettled(ps)) if (r.status === 'rejected') errors.push(r.reason);
    };
    await settle([ensure(cr, cm, desired.configMap)]);
    await settle(
      desired.statefulSets.map((sts) => {
        const cached = stsInf.get(sts.metadata?.name ?? '', namespace);
        if (cached?.spec?.volumeClaimTemplates && sts.spec) {
          // volumeClaimTemplates are immutable: keep the existing ones (size/class changes apply to new instances only)
          sts.spec.volumeClaimTemplates = cached.spec.volumeClaimTemplates;
          const claims = new Set(cached.spec.volumeClaimTemplates.map((v) => v.metadata?.name));
          for (const c of sts.spec.template.spec?.containers ?? [])
            c.volumeMounts = c.volumeMounts?.filter((m) => !['data', 'log', 'core'].includes(m.name) || claims.has(m.name));
        }
        return ensure(cr, cached, sts);
      }),
    );
    await settle([
      ...desired.services.map((svc) => ensure(cr, svcInf.get(svc.metadata?.name ?? '', namespace), svc)),
      ...desired.deployments.map((d) => ensure(cr, deployInf.get(d.metadata?.name ?? '', namespace), d)),
    ]);

    // 6. delete what is no longer desired (scale-in removes the highest indexes; PVCs are kept).
    const want = (list: Array<{ metadata?: V1ObjectMeta }>) => new Set(list.map((o) => o.metadata?.name));
    const wantSts = want(desired.statefulSets);
    const wantSvc = want(desired.services);
    const wantDep = want(desired.deployments);
    await settle([
      ...existingSts.filter((o) => !wantSts.has(o.metadata?.name)).map((o) => deleteStale(cr, 'StatefulSet', o)),
      ...mine(svcInf.list(namespace))
        .filter((o) => !wantSvc.has(o.metadata?.name))
        .map((o) => deleteStale(cr, 'Service', o)),
      ...mine(deployInf.list(namespace))
        .filter((o) => !wantDep.has(o.metadata?.name))
        .map((o) => deleteStale(cr, 'Deployment', o)),
    ]);

    // 7. PVCs made by the StatefulSet controller get the DolphinDB object as owner, so deleting the
    //    CR deletes the data (§2.8) while deleting a StatefulSet (scale-in) keeps it.
    await settle(
      pvcInf
        .list(namespace)
        .filter((pvc) => pvc.metadata?.labels?.[LABEL_NAME] === name && !ownedBy(pvc, uid) && !pvc.metadata?.deletionTimestamp)
        .map((pvc) =>
          apply({
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: {
              name: pvc.metadata?.name,
              namespace,
              ownerReferences: [{ apiVersion: API_VERSION, kind: KIND, name, uid, controller: true, blockOwnerDeletion: true }],
            },
          }),
        ),
    );

    // 8. license symptom.
    if (!licenseCheck.valid) {
      const first = spec.roles[0].role;
      await recordEvent(cr, 'Warning', 'FailedCreate', invalidLicenseMessage(name, first));
    }
    if (errors.length > 0) {
      for (const e of errors)
        if (e instanceof ApiException && e.code >= 400 && e.code < 500)
          await recordEvent(cr, 'Warning', 'ReconcileError', errText(e));
      throw errors[0];
    }

    return retryIn;
  }

  // ---------------- start / stop ----------------

  async function ensureCrd(): Promise<void> {
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    const crd = dolphindbCrd();
    try {
      await ext.readCustomResourceDefinition({ name: crd.metadata?.name ?? '' });
      return;
    } catch (e) {
      if (!isCode(e, 404)) throw e;
    }
    try {
      await ext.createCustomResourceDefinition({ body: crd, fieldManager: FIELD_MANAGER });
      log(`registered CRD ${crd.metadata?.name}`);
    } catch (e) {
      if (!isCode(e, 409)) throw e;
    }
  }

  const ready = (async () => {
    if (opts.ensureCrd !== false) {
      for (let attempt = 1; !stopped; attempt++) {
        try {
          await ensureCrd();
          break;
        } catch (e) {
          log(`cannot register CRD (${errText(e)}); retrying`);
          await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 10_000)));
        }
      }
    }
    log(
      `watching ${watchNs ? `namespace ${watchNs}` : 'all namespaces'} (suite namespace ${suiteNamespace}, ${dialect.mode} dialect)`,
    );
    await Promise.all(informers.map((i) => i.start()));
    await Promise.all(synced);
    if (stopped) return;
    started = true;
    for (const cr of ddbInf.list()) enqueue(keyOf(cr));
    for (const pvc of pvcInf.list()) {
      const k = ownerKey(pvc);
      if (k) enqueue(k); // PVCs left behind by a deleted DolphinDB are cleaned up
    }
    log('caches synced; reconciling');
  })();
  ready.catch((e: unknown) => log(`start failed: ${errText(e)}`));

  return {
    ready,
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.all(informers.map((i) => i.stop().catch(() => undefined)));
      await Promise.allSettled([...running.values()]);
      await logWriter?.stop();
      log('stopped');
    },
  };
}
