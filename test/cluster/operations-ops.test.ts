// Cluster operations against the real control plane with the simulated operator:
// apply, upgrade, scale, configure, pause/resume, per-instance Services, extra volumes, rolling
// restart (including cancellation midway), RBAC refusal and delete.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { crFailure, readCluster } from '../../src/core/operations/cluster';
import { patchCluster } from '../../src/core/operations/patchCluster';
import { applyCluster, planApplyCluster } from '../../src/core/operations/create';
import { configure, planConfigure } from '../../src/core/operations/configure';
import { deleteCluster, planDeleteCluster } from '../../src/core/operations/delete';
import { addInstanceService, pauseInstance, removeInstanceService, resumeInstance } from '../../src/core/operations/instances';
import { listClusterPods } from '../../src/core/operations/pods';
import { planRestart, restart } from '../../src/core/operations/restart';
import { planScale, scale } from '../../src/core/operations/scale';
import { planUpgrade, upgrade } from '../../src/core/operations/upgrade';
import { addVolume, planAddVolume } from '../../src/core/operations/volumes';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import { writeUserKubeconfig } from '../ground/ground';
import { KubeConfig } from '@kubernetes/client-node';
import { adminHttp, apply, ensureNamespace, list, loadGroundConfig, remove, waitFor } from './lib';
import { testContext } from '../unit/operations/ctx';
import { clusterCr, ENV_CONFIG, readLicense } from '../unit/operations/fixtures';

const NS = `lc-ops-${crypto.randomBytes(3).toString('hex')}`;
const NAME = 'lc1';
const REF = { namespace: NS, name: NAME };
const FAST = { pollMs: 200, timeoutMs: 90_000 };
const http = adminHttp();
let op: SimOperator;

async function cr(): Promise<KubeObject> {
  const r = await http.request<KubeObject>(objectPath(KINDS.dolphindb, NAME, NS));
  if (!r.ok) throw new Error(r.error.reason);
  return r.value;
}
const spec = async (): Promise<Record<string, Record<string, unknown>>> =>
  (await cr()).spec as Record<string, Record<string, unknown>>;
async function pods(): Promise<{ name: string; uid: string; ready: boolean; image?: string }[]> {
  const r = await listClusterPods(http, REF);
  if (!r.ok) throw new Error(r.error.reason);
  return r.value;
}

describe('cluster lifecycle operations (real API server, simulated operator)', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-env-config', namespace: NS },
      data: { 'env-config': ENV_CONFIG },
    });
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-license', namespace: NS },
      data: { 'dolphindb.lic': readLicense('fake-valid-2042.lic') },
    });
    // Scoped to this file's namespace, which also holds the suite license the operator copies.
    op = startSimOperator(loadGroundConfig(), {
      namespace: NS,
      suiteNamespace: NS,
      log: () => undefined,
      statusMinIntervalMs: 200,
    });
    await op.ready;
  });
  after(async () => {
    await op?.stop();
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('refuses an invalid CR before writing anything', async () => {
    const bad = clusterCr('bad', NS, { clusterType: 'multicontroller', controllers: 2 });
    const r = await applyCluster(testContext(), http, bad);
    assert.equal(!r.ok && r.error.kind, 'invalid');
    assert.match(!r.ok ? r.error.reason : '', /DDB-E006/);
    assert.equal(!r.ok && r.error.changed, false);
    const nl = clusterCr('bad2', NS);
    ((nl.spec as Record<string, Record<string, unknown>>).controller.clusterConfig as Record<string, string>).maxMemSize =
      '1\nlocalSite=evil';
    const r2 = await applyCluster(testContext(), http, nl);
    assert.match(!r2.ok ? r2.error.reason : '', /line break/);
    assert.equal((await list(http, KINDS.dolphindb, NS)).length, 0);
    const name = await applyCluster(testContext(), http, clusterCr('Bad_Name', NS));
    assert.equal(!name.ok && name.error.kind, 'invalid');
  });

  it('maps a missing resource type to crdMissing', async () => {
    const r = await http.request('/apis/nothing.example.com/v1/namespaces/x/things/y');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && crFailure(testContext().t, r.error, 'y').kind, 'crdMissing');
  });

  it('creates a cluster by server-side apply and waits until Available', async () => {
    const plan = await planApplyCluster(testContext(), http, clusterCr(NAME, NS));
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.equal(plan.value.exists, false);
    assert.match(plan.value.changes[0], /Create DolphinDB .*cluster\/singlecontroller, v2.00.14, controller 1, datanode 2/);
    const ctx = testContext();
    const r = await applyCluster(ctx, http, clusterCr(NAME, NS), { ...FAST, wait: true });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.created, true);
    assert.equal(r.value.rollout?.phase, 'Available');
    assert.deepEqual(
      (await pods()).map((p) => p.name),
      ['ddb-lc1-ctr-0-0', 'ddb-lc1-dn-0-0', 'ddb-lc1-dn-1-0'],
    );
  });

  it('refuses unsupported and malformed versions; plans a downgrade with a warning', async () => {
    const ctx = testContext();
    const u = await upgrade(ctx, http, REF, 'v2.00.99', FAST);
    assert.equal(!u.ok && u.error.kind, 'unsupported');
    assert.match(!u.ok ? u.error.reason : '', /Supported: v2.00.16, v2.00.14, v2.00.10, v2.00.8/);
    const m = await upgrade(ctx, http, REF, 'latest', FAST);
    assert.equal(!m.ok && m.error.kind, 'invalid');
    const down = await planUpgrade(ctx, http, REF, 'v2.00.10');
    assert.ok(down.ok);
    assert.equal(down.value.downgrade, true);
    assert.equal(down.value.versionSource, 'suite');
    assert.equal((await spec()).version as unknown, 'v2.00.14');
  });

  it('upgrades and follows the rollout per instance until Available', async () => {
    const plan = await planUpgrade(testContext(), http, REF, 'v2.00.16');
    assert.ok(plan.ok);
    assert.match(plan.value.changes[0], /from v2.00.14 to v2.00.16/);
    const ctx = testContext();
    const started = Date.now();
    const r = await upgrade(ctx, http, REF, 'v2.00.16', FAST);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.changed, true);
    assert.deepEqual(Object.keys(r.value.rollout?.done ?? {}).sort(), ['ddb-lc1-ctr-0', 'ddb-lc1-dn-0', 'ddb-lc1-dn-1']);
    assert.ok(ctx.lines.some((l) => /ddb-lc1-dn-1 done after [\d.]+ s/.test(l)));
    for (const p of await pods()) assert.equal(p.image, 'dolphindb/dolphindb:v2.00.16');
    process.stdout.write(`    upgrade took ${Date.now() - started} ms\n`);
    const again = await upgrade(testContext(), http, REF, 'v2.00.16', FAST);
    assert.ok(again.ok && again.value.changed === false);
  });

  it('refuses scale rule violations', async () => {
    const ctx = testContext();
    const c = await scale(ctx, http, REF, 'controller', 2, FAST);
    assert.match(!c.ok ? c.error.reason : '', /DDB-E005/);
    const d = await scale(ctx, http, REF, 'datanode', 0, FAST);
    assert.match(!d.ok ? d.error.reason : '', /DDB-E021/);
    const n = await scale(ctx, http, REF, 'datanode', 2.5, FAST);
    assert.equal(!n.ok && n.error.kind, 'invalid');
    assert.equal((await spec()).datanode.replicas, 2);
  });

  it('scales out and in, following until the instances are Ready or gone', async () => {
    const plan = await planScale(testContext(), http, REF, 'datanode', 3);
    assert.ok(plan.ok);
    assert.ok(plan.value.changes.some((c) => c.includes('Create instance ddb-lc1-dn-2')));
    const out = await scale(testContext(), http, REF, 'datanode', 3, FAST);
    assert.ok(out.ok, JSON.stringify(out));
    assert.ok((await pods()).some((p) => p.name === 'ddb-lc1-dn-2-0' && p.ready));
    const cn = await scale(testContext(), http, REF, 'computenode', 1, FAST);
    assert.ok(cn.ok, JSON.stringify(cn));
    const back = await scale(testContext(), http, REF, 'datanode', 2, FAST);
    assert.ok(back.ok, JSON.stringify(back));
    assert.deepEqual(
      Object.keys(back.value.rollout?.done ?? {}).filter((k) => k === 'ddb-lc1-dn-2-0'),
      ['ddb-lc1-dn-2-0'],
    );
    assert.ok(!(await pods()).some((p) => p.name === 'ddb-lc1-dn-2-0'));
  });

  it('configures DolphinDB settings as strings and follows the cluster restart', async () => {
    const bad = await configure(testContext(), http, REF, { clusterConfig: { maxMemSize: '2\nlocalSite=x' } });
    assert.equal(!bad.ok && bad.error.kind, 'invalid');
    const plan = await planConfigure(testContext(), http, REF, {
      clusterConfig: { maxMemSize: '2' },
      config: { datanode: { OLAPCacheEngineSize: '1' } },
    });
    assert.ok(plan.ok);
    assert.match(plan.value.warnings.join(), /restarts every instance/);
    const before = new Set((await pods()).map((p) => p.uid));
    const r = await configure(
      testContext(),
      http,
      REF,
      { clusterConfig: { maxMemSize: '2' }, config: { datanode: { OLAPCacheEngineSize: '1' } } },
      FAST,
    );
    assert.ok(r.ok, JSON.stringify(r));
    const s = await spec();
    assert.deepEqual(s.controller.clusterConfig, { maxMemSize: '2' });
    assert.deepEqual(s.datanode.config, { OLAPCacheEngineSize: '1' });
    for (const p of await pods()) assert.ok(!before.has(p.uid), `${p.name} was restarted`);
  });

  it('a status write between read and patch is patched past; a spec change stays a conflict', async () => {
    const ctx = testContext();
    const statusPath = objectPath(KINDS.dolphindb, NAME, NS) + '/status';
    const read = await readCluster(ctx, http, REF);
    assert.ok(read.ok, JSON.stringify(read));
    const note = `bench-${Date.now()}`;
    // what an operator does between the user's read and the patch: a status-only write
    const w = await http.request<KubeObject>(statusPath, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { message: note } },
    });
    assert.ok(w.ok, JSON.stringify(w));
    assert.notEqual(w.value.metadata.resourceVersion, read.value.resourceVersion, 'the status write moved the resourceVersion');
    const p = await patchCluster(ctx, http, read.value, { datanode: { logLevel: 'INFO' } });
    assert.ok(p.ok, JSON.stringify(p));
    assert.equal((await spec()).datanode.logLevel, 'INFO');

    // someone else changes the spec after the read: the plan no longer applies
    const stale = await readCluster(ctx, http, REF);
    assert.ok(stale.ok);
    const other = await http.request(objectPath(KINDS.dolphindb, NAME, NS), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { datanode: { logLevel: 'DEBUG' } } },
    });
    assert.ok(other.ok, JSON.stringify(other));
    const c = await patchCluster(ctx, http, stale.value, { datanode: { logLevel: 'WARNING' } });
    assert.equal(!c.ok && c.error.kind, 'conflict', JSON.stringify(c));
    assert.equal((await spec()).datanode.logLevel, 'DEBUG', 'the conflicting patch changed nothing');
    const undo = await http.request(objectPath(KINDS.dolphindb, NAME, NS), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { datanode: { logLevel: null } } },
    });
    assert.ok(undo.ok, JSON.stringify(undo));
  });

  it('pauses and resumes an instance; adds and removes its Service', async () => {
    const p = await pauseInstance(testContext(), http, REF, { role: 'datanode', index: 1 }, FAST);
    assert.ok(p.ok, JSON.stringify(p));
    assert.ok(!(await pods()).some((x) => x.name === 'ddb-lc1-dn-1-0'));
    assert.equal(((await spec()).datanode.instances as Record<string, { paused?: boolean }>)['1'].paused, true);
    const again = await pauseInstance(testContext(), http, REF, { role: 'datanode', index: 1 }, FAST);
    assert.ok(again.ok && again.value.changed === false);
    const r = await resumeInstance(testContext(), http, REF, { role: 'datanode', index: 1 }, FAST);
    assert.ok(r.ok, JSON.stringify(r));
    assert.ok((await pods()).some((x) => x.name === 'ddb-lc1-dn-1-0' && x.ready));
    const out = await pauseInstance(testContext(), http, REF, { role: 'datanode', index: 7 }, FAST);
    assert.equal(!out.ok && out.error.kind, 'invalid');

    const a = await addInstanceService(testContext(), http, REF, { role: 'datanode', index: 0 }, FAST);
    assert.ok(a.ok, JSON.stringify(a));
    assert.ok((await http.request(objectPath(KINDS.service, 'ddb-lc1-dn-0', NS))).ok);
    const d = await removeInstanceService(testContext(), http, REF, { role: 'datanode', index: 0 }, FAST);
    assert.ok(d.ok, JSON.stringify(d));
    const gone = await http.request(objectPath(KINDS.service, 'ddb-lc1-dn-0', NS));
    assert.equal(!gone.ok && gone.error.kind, 'notFound');
  });

  it('adds a hostPath volume to a role and a new PVC to one instance', async () => {
    const hp = await addVolume(
      testContext(),
      http,
      REF,
      {
        role: 'datanode',
        name: 'shared',
        source: { kind: 'hostPath', path: '/mnt/ddb-shared', type: 'DirectoryOrCreate' },
        mountPath: '/shared',
      },
      FAST,
    );
    assert.ok(hp.ok, JSON.stringify(hp));
    const plan = await planAddVolume(testContext(), http, REF, {
      role: 'datanode',
      index: 0,
      name: 'extra',
      source: { kind: 'pvc', claimName: 'lc1-extra', create: { size: '1Gi', storageClassName: 'standard' } },
      mountPath: '/extra',
    });
    assert.ok(plan.ok);
    assert.match(plan.value.changes[0], /Create PVC lc1-extra/);
    const pv = await addVolume(
      testContext(),
      http,
      REF,
      {
        role: 'datanode',
        index: 0,
        name: 'extra',
        source: { kind: 'pvc', claimName: 'lc1-extra', create: { size: '1Gi', storageClassName: 'standard' } },
        mountPath: '/extra',
      },
      FAST,
    );
    assert.ok(pv.ok, JSON.stringify(pv));
    assert.equal(pv.value.pvcCreated, true);
    const s = await spec();
    assert.deepEqual(
      (s.datanode.volumes as { name: string }[]).map((v) => v.name),
      ['shared'],
    );
    assert.deepEqual(
      (s.datanode.instances as Record<string, { volumes: { name: string }[] }>)['0'].volumes.map((v) => v.name),
      ['extra'],
    );
    const sts = await http.request<KubeObject>(objectPath(KINDS.statefulset, 'ddb-lc1-dn-0', NS));
    assert.ok(sts.ok);
    const vols = (sts.value.spec as { template: { spec: { volumes: { name: string }[] } } }).template.spec.volumes.map(
      (v) => v.name,
    );
    assert.ok(vols.includes('shared') && vols.includes('extra'), vols.join());
    const dup = await addVolume(
      testContext(),
      http,
      REF,
      { role: 'datanode', name: 'shared', source: { kind: 'hostPath', path: '/x' }, mountPath: '/y' },
      FAST,
    );
    assert.match(!dup.ok ? dup.error.reason : '', /already exists/);
  });

  it('restarts the cluster one pod at a time, controllers first', async () => {
    const plan = await planRestart(testContext(), http, REF);
    assert.ok(plan.ok);
    assert.deepEqual(
      plan.value.order.map((p) => p.name),
      ['ddb-lc1-ctr-0-0', 'ddb-lc1-dn-0-0', 'ddb-lc1-dn-1-0', 'ddb-lc1-cn-0-0'],
    );
    // A sampler watches that no two pods are down at the same time.
    let maxDown = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const ps = await pods();
        maxDown = Math.max(maxDown, 4 - ps.filter((p) => p.ready).length);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const before = new Map((await pods()).map((p) => [p.name, p.uid]));
    const r = await restart(testContext(), http, REF, { kind: 'cluster' }, { pollMs: 100, readyTimeoutMs: 60_000 });
    sampling = false;
    await sampler;
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.restarted, ['ddb-lc1-ctr-0-0', 'ddb-lc1-dn-0-0', 'ddb-lc1-dn-1-0', 'ddb-lc1-cn-0-0']);
    for (const p of await pods()) assert.notEqual(before.get(p.name), p.uid, p.name);
    assert.ok(maxDown <= 1, `at most one pod down at a time, saw ${maxDown}`);
    const one = await restart(testContext(), http, REF, { kind: 'instance', role: 'datanode', index: 1 }, { pollMs: 100 });
    assert.ok(one.ok && one.value.restarted.join() === 'ddb-lc1-dn-1-0');
  });

  it('reports the exact state when a rolling restart is cancelled midway', async () => {
    const ctx = testContext();
    const log = ctx.log;
    const watching: typeof ctx = {
      ...ctx,
      log: (l: string) => {
        log(l);
        if (/is Ready again/.test(l)) ctx.abort.abort();
      },
    };
    const r = await restart(watching, http, REF, { kind: 'cluster' }, { pollMs: 100 });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'cancelled');
    assert.equal(!r.ok && r.error.changed, true);
    assert.deepEqual(!r.ok && r.error.partial?.restarted, ['ddb-lc1-ctr-0-0']);
    assert.deepEqual(!r.ok && r.error.partial?.pending, ['ddb-lc1-dn-0-0', 'ddb-lc1-dn-1-0', 'ddb-lc1-cn-0-0']);
    assert.equal(
      !r.ok && r.error.leftState,
      'Restarted and Ready: ddb-lc1-ctr-0-0. Not restarted: ddb-lc1-dn-0-0, ddb-lc1-dn-1-0, ddb-lc1-cn-0-0.',
    );
  });

  it('a forbidden patch is reported as forbidden and changes nothing', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(writeUserKubeconfig(process.env.DDB_GROUND_DIR ?? '', 'readonly-user'));
    const ro = new KubeHttp(kc, 15000);
    try {
      const plan = await planScale(testContext(), ro, REF, 'datanode', 3);
      assert.ok(plan.ok, 'reading is allowed');
      const r = await scale(testContext(), ro, REF, 'datanode', 3, FAST);
      assert.equal(!r.ok && r.error.kind, 'forbidden');
      assert.equal(!r.ok && r.error.changed, false);
      assert.equal(!r.ok && r.error.verb, 'patch');
      const rs = await restart(testContext(), ro, REF, { kind: 'cluster' }, { pollMs: 100 });
      assert.equal(!rs.ok && rs.error.kind, 'forbidden');
      assert.equal(!rs.ok && rs.error.changed, false);
    } finally {
      ro.dispose();
    }
    assert.equal((await spec()).datanode.replicas, 2);
  });

  it('deletes only when the typed name matches, and waits until the pods are gone', async () => {
    const wrong = await deleteCluster(testContext(), http, REF, 'LC1');
    assert.equal(!wrong.ok && wrong.error.kind, 'invalid');
    assert.ok((await cr()).metadata.name);
    const plan = await planDeleteCluster(testContext(), http, REF);
    assert.ok(plan.ok);
    assert.match(plan.value.changes.join(' '), /data-ddb-lc1-dn-0-0/);
    const r = await deleteCluster(testContext(), http, REF, NAME, { pollMs: 200, timeoutMs: 90_000 });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal((await pods()).length, 0);
    const gone = await http.request(objectPath(KINDS.dolphindb, NAME, NS));
    assert.equal(!gone.ok && gone.error.kind, 'notFound');
    await waitFor(
      'PVCs garbage-collected',
      async () => (await list(http, KINDS.pvc, NS)).every((p) => !p.metadata.name.includes('ddb-lc1-')),
      60_000,
      250,
    );
  });
});
