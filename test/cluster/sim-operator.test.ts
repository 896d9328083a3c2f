// Live test of the SIMULATED DolphinDB operator against a real API server (the test ground:
// kube-apiserver + controller-manager + scheduler + KWOK). Skipped unless
// DDB_SIM_LIVE_KUBECONFIG names a kubeconfig — never point it at a cluster you care about.
//
//   eval "$(node --import tsx test/ground/cli.ts up)"
//   DDB_SIM_LIVE_KUBECONFIG=$KUBECONFIG node --import tsx --test test/sim-operator/operator.live.test.ts
//
// Runs the operator in-process in a fresh namespace and walks a CR through create, upgrade,
// scale out/in, license swap, an invalid CR, multicontroller and delete (GC).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type CoreV1Event,
  type V1Pod,
} from '@kubernetes/client-node';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_UNMANAGED, GROUP, PLURAL, VERSION } from '../sim-operator/constants.js';
import { startSimOperator, type DolphinDBObject, type SimOperator } from '../sim-operator/operator.js';
import { EXAMPLES, haveExamples, loadExample } from '../sim-operator/testutil.js';

// In the cluster tier KUBECONFIG is the test ground's; a missing one fails the tests (never skips).
const KUBECONFIG = process.env.DDB_SIM_LIVE_KUBECONFIG ?? process.env.KUBECONFIG;
if (!KUBECONFIG || !haveExamples)
  throw new Error('the simulated operator tests need the test ground (KUBECONFIG) and the fixtures in test/fixtures');

const NS = `sim-op-${Date.now().toString(36)}`;
const VALID_LICENSE = haveExamples ? readFileSync(join(EXAMPLES, 'licenses/fake-valid-2042.lic'), 'utf8') : '';
const MERGE = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('sim-operator live', { timeout: 300_000 }, () => {
  const kc = new KubeConfig();
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let custom: CustomObjectsApi;
  let op: SimOperator;
  const lines: string[] = [];
  let logDir = '';

  async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
    const t0 = Date.now();
    let last: unknown;
    while (Date.now() - t0 < timeoutMs) {
      try {
        const v = await fn();
        if (v !== undefined && v !== false) return v;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(
      `timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\n${lines.slice(-30).join('\n')}`,
    );
  }
  const getDdb = async (name: string): Promise<DolphinDBObject> =>
    (await custom.getNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: NS,
      plural: PLURAL,
      name,
    })) as DolphinDBObject;
  const phase = async (name: string): Promise<string | undefined> => (await getDdb(name)).status?.phase;
  const stsNames = async (name: string): Promise<string[]> =>
    (await apps.listNamespacedStatefulSet({ namespace: NS, labelSelector: `dolphindb.io/dolphindb.name=${name}` })).items
      .map((s) => s.metadata?.name ?? '')
      .sort();
  const podsOf = async (name: string): Promise<V1Pod[]> =>
    (await core.listNamespacedPod({ namespace: NS, labelSelector: `dolphindb.io/dolphindb.name=${name}` })).items;
  const events = async (name: string): Promise<CoreV1Event[]> =>
    (await core.listNamespacedEvent({ namespace: NS, fieldSelector: `involvedObject.name=${name}` })).items;
  async function createCr(file: string, mutate: (o: Record<string, unknown>) => void = () => {}): Promise<string> {
    const obj = loadExample(file) as { metadata: { name: string; namespace?: string } } & Record<string, unknown>;
    obj.metadata.namespace = NS;
    mutate(obj);
    await custom.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: NS, plural: PLURAL, body: obj });
    return obj.metadata.name;
  }
  const patchSpec = (name: string, spec: Record<string, unknown>) =>
    custom.patchNamespacedCustomObject(
      { group: GROUP, version: VERSION, namespace: NS, plural: PLURAL, name, body: { spec } },
      MERGE,
    );

  before(async () => {
    kc.loadFromFile(KUBECONFIG ?? '');
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    custom = kc.makeApiClient(CustomObjectsApi);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: 'dolphindb-license' }, data: { 'dolphindb.lic': VALID_LICENSE } },
    });
    logDir = mkdtempSync(join(tmpdir(), 'sim-op-live-logs-'));
    op = startSimOperator(kc, { namespace: NS, suiteNamespace: NS, logDir, logIntervalMs: 1000, log: (l) => lines.push(l) });
    await op.ready;
  });

  after(async () => {
    await op?.stop();
    if (process.env.DDB_SIM_LIVE_KEEP !== '1') {
      await core?.deleteNamespace({ name: NS }).catch(() => undefined);
      rmSync(logDir, { recursive: true, force: true });
    }
  });

  it('creates children for a singlecontroller cluster and reports Available', async () => {
    const name = await createCr('valid/02-singlecontroller.yaml');
    await waitFor('sc1 Available', async () => (await phase(name)) === 'Available');
    assert.deepEqual(await stsNames(name), ['ddb-sc1-cn-0', 'ddb-sc1-ctr-0', 'ddb-sc1-dn-0', 'ddb-sc1-dn-1']);
    const pods = await podsOf(name);
    assert.deepEqual(pods.map((p) => `${p.metadata?.name}:${p.status?.phase}`).sort(), [
      'ddb-sc1-cn-0-0:Running',
      'ddb-sc1-ctr-0-0:Running',
      'ddb-sc1-dn-0-0:Running',
      'ddb-sc1-dn-1-0:Running',
    ]);
    const svcs = (await core.listNamespacedService({ namespace: NS, labelSelector: 'dolphindb.io/dolphindb.name=sc1' })).items;
    assert.deepEqual(svcs.map((s) => `${s.metadata?.name}:${s.spec?.type}`).sort(), [
      'ddb-sc1-cn:NodePort',
      'ddb-sc1-ctr-inner:ClusterIP',
      'ddb-sc1-ctr:NodePort',
      'ddb-sc1-dn:NodePort',
    ]);
    const cm = await core.readNamespacedConfigMap({ name: 'ddb-sc1', namespace: NS });
    assert.equal(cm.data?.['license.lic'], VALID_LICENSE);
    const pvcs = await waitFor('PVCs owned by the CR', async () => {
      const l = (
        await core.listNamespacedPersistentVolumeClaim({ namespace: NS, labelSelector: 'dolphindb.io/dolphindb.name=sc1' })
      ).items;
      return l.length === 12 && l.every((p) => p.metadata?.ownerReferences?.some((r) => r.kind === 'DolphinDB')) ? l : undefined;
    });
    assert.ok(pvcs.some((p) => p.metadata?.name === 'log-ddb-sc1-ctr-0-0'));
    const st = (await getDdb(name)).status;
    assert.equal(st?.controllerStatus?.masterInstance, 'ddb-sc1-ctr-0-0');
    assert.equal(st?.datanodeStatus?.readyReplicas, 2);
    assert.ok((await events(name)).some((e) => e.reason === 'Created'));
  });

  it('serves DolphinDB-like container logs through KWOK', async () => {
    const text = await waitFor(
      'pod logs',
      async () => {
        const t = await core.readNamespacedPodLog({ name: 'ddb-sc1-dn-0-0', namespace: NS, container: 'dolphindb' });
        return typeof t === 'string' && t.includes('<INFO> :') ? t : undefined;
      },
      30_000,
    );
    assert.match(text.split('\n')[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} <INFO> :DolphinDB version: 2\.00\.14/);
  });

  it('rolls every pod on a version upgrade and returns to Available', async () => {
    const before = new Map((await podsOf('sc1')).map((p) => [p.metadata?.name, p.metadata?.uid]));
    const oldHash = (await podsOf('sc1'))[0].metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
    await patchSpec('sc1', { version: 'v2.00.16' });
    await waitFor('upgrade finished', async () => {
      const pods = await podsOf('sc1');
      const rolled =
        pods.length === 4 &&
        pods.every(
          (p) =>
            p.metadata?.uid !== before.get(p.metadata?.name) && p.metadata?.annotations?.[ANNOTATION_CONFIG_HASH] !== oldHash,
        );
      return rolled && (await phase('sc1')) === 'Available';
    });
    const pods = await podsOf('sc1');
    assert.ok(
      pods.every((p) => p.spec?.containers.find((c) => c.name === 'dolphindb')?.image === 'dolphindb/dolphindb:v2.00.16'),
    );
    assert.ok((await events('sc1')).some((e) => e.reason === 'Upgrading' && /v2\.00\.14 to v2\.00\.16/.test(e.message ?? '')));
  });

  it('scales out and in (highest index removed, PVCs kept)', async () => {
    await patchSpec('sc1', { datanode: { replicas: 3 } });
    // The phase may still read Available from before the patch, so also wait for the claim the
    // StatefulSet controller creates with the pod; otherwise scale-in can race it.
    const pvcNames = async (): Promise<(string | undefined)[]> =>
      (await core.listNamespacedPersistentVolumeClaim({ namespace: NS })).items.map((p) => p.metadata?.name);
    await waitFor(
      'dn-2',
      async () =>
        (await stsNames('sc1')).includes('ddb-sc1-dn-2') &&
        (await pvcNames()).includes('data-ddb-sc1-dn-2-0') &&
        (await phase('sc1')) === 'Available',
    );
    await patchSpec('sc1', { datanode: { replicas: 1 } });
    await waitFor('scale-in', async () => {
      const s = await stsNames('sc1');
      // The status is written at most every 500 ms: wait for it too, not only for the objects.
      const inst = Object.keys((await getDdb('sc1')).status?.datanodeStatus?.instanceStatus ?? {});
      return (
        !s.includes('ddb-sc1-dn-1') && !s.includes('ddb-sc1-dn-2') && inst.length === 1 && (await phase('sc1')) === 'Available'
      );
    });
    assert.ok((await pvcNames()).includes('data-ddb-sc1-dn-2-0'), 'PVCs of removed instances are kept');
    const st = (await getDdb('sc1')).status;
    assert.deepEqual(Object.keys(st?.datanodeStatus?.instanceStatus ?? {}), ['ddb-sc1-dn-0']);
    assert.ok((await events('sc1')).some((e) => e.reason === 'Scaled'));
  });

  it('an invalid license makes the cluster Progressing with the documented symptom; a good one recovers', async () => {
    const bad = readFileSync(join(EXAMPLES, 'licenses/fake-malformed-header.lic'), 'utf8');
    await core.patchNamespacedConfigMap({ name: 'ddb-sc1', namespace: NS, body: { data: { 'license.lic': bad } } }, MERGE);
    await waitFor('Progressing', async () => (await phase('sc1')) === 'Progressing');
    const ev = await waitFor('license event', async () =>
      (await events('sc1')).find((e) => e.type === 'Warning' && e.reason === 'FailedCreate'),
    );
    assert.equal(ev.message, 'persistentvolumeclaim "log-ddb-sc1-ctr-0-0" not found');
    await core.patchNamespacedConfigMap(
      { name: 'ddb-sc1', namespace: NS, body: { data: { 'license.lic': VALID_LICENSE } } },
      MERGE,
    );
    await waitFor('Available again', async () => (await phase('sc1')) === 'Available');
    const cm = await core.readNamespacedConfigMap({ name: 'ddb-sc1', namespace: NS });
    assert.equal(cm.data?.['license.lic'], VALID_LICENSE, 'the operator never rewrites license.lic');
  });

  it('skips an invalid CR with a Warning event and keeps running', async () => {
    const name = await createCr('valid/01-standalone.yaml', (o) => {
      (o.metadata as { name: string }).name = 'broken';
      ((o.spec as Record<string, unknown>).datanode as Record<string, unknown>).replicas = '1';
    });
    const ev = await waitFor('InvalidSpec', async () => (await events(name)).find((e) => e.reason === 'InvalidSpec'));
    assert.match(ev.message ?? '', /spec\.datanode\.replicas: expected integer, got string "1"/);
    assert.deepEqual(await stsNames(name), []);
    assert.equal((await getDdb(name)).status, undefined);
  });

  it('leaves a CR annotated as unmanaged alone (no children, no status)', async () => {
    const name = await createCr('valid/01-standalone.yaml', (o) => {
      const meta = o.metadata as { name: string; annotations?: Record<string, string> };
      meta.name = 'unmanaged';
      meta.annotations = { ...meta.annotations, [ANNOTATION_UNMANAGED]: 'true' };
    });
    await waitFor('the operator saw it', async () =>
      lines.some((l) => l.includes(`/${name}: annotated ${ANNOTATION_UNMANAGED}`)),
    );
    // A managed CR gets its StatefulSet within a second or two; give this one longer to be sure.
    await new Promise((r) => setTimeout(r, 3_000));
    assert.deepEqual(await stsNames(name), []);
    assert.equal((await getDdb(name)).status, undefined);
  });

  it('multicontroller: svc-mgr Deployment, leader Service, masterInstance', async () => {
    const name = await createCr('valid/03-multicontroller-ha-3ctr-3dn.yaml');
    await waitFor('ha Available', async () => (await phase(name)) === 'Available');
    const dep = await apps.readNamespacedDeployment({ name: 'ddb-ha-svc-mgr', namespace: NS });
    assert.equal(dep.spec?.replicas, 1);
    const svc = await core.readNamespacedService({ name: 'ddb-ha-ctr', namespace: NS });
    const st = (await getDdb(name)).status;
    assert.equal(st?.controllerStatus?.masterInstance, 'ddb-ha-ctr-0-0');
    assert.equal(svc.spec?.selector?.['dolphindb.io/instance'], 'ddb-ha-ctr-0');
  });

  it('deleting the CR garbage-collects StatefulSets, pods, Services, ConfigMap and PVCs', async () => {
    await custom.deleteNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: NS, plural: PLURAL, name: 'sc1' });
    await waitFor(
      'GC',
      async () => {
        const sel = { namespace: NS, labelSelector: 'dolphindb.io/dolphindb.name=sc1' };
        const counts = [
          (await apps.listNamespacedStatefulSet(sel)).items.length,
          (await core.listNamespacedPod(sel)).items.length,
          (await core.listNamespacedService(sel)).items.length,
          (await core.listNamespacedConfigMap(sel)).items.length,
          (await core.listNamespacedPersistentVolumeClaim(sel)).items.length,
        ];
        return counts.every((c) => c === 0);
      },
      90_000,
    );
  });
});
