// License swap against the real control plane with the simulated operator: invalid files are
// refused before any change; a good swap backs up, replaces and restarts pod by pod; a pod that
// never becomes Ready stops the swap and the old license can be restored (also from the
// backup ConfigMap alone); RBAC refusal and cancellation report exactly what is left.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { mergePatch } from '../../src/core/k8s/apply';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { applyCluster } from '../../src/core/operations/create';
import { planLicenseSwap, restoreLicense, swapLicense } from '../../src/core/operations/license';
import { readLicenseBackup } from '../../src/core/operations/licenseBackup';
import { listClusterPods } from '../../src/core/operations/pods';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import { restartComponent, writeUserKubeconfig } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, loadGroundConfig, remove, waitFor } from './lib';
import { testContext } from '../unit/operations/ctx';
import { clusterCr, ENV_CONFIG, licensePath, readLicense, syntheticLicense } from '../unit/operations/fixtures';

const NS = `lc-lic-${crypto.randomBytes(3).toString('hex')}`;
const NAME = 'lic1';
const REF = { namespace: NS, name: NAME };
const http = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-lc-lic-'));
const lic2043 = path.join(tmp, 'new-2043.lic');
const lic2044 = path.join(tmp, 'new-2044.lic');
const lic2045 = path.join(tmp, 'new-2045.lic');
const lic2046 = path.join(tmp, 'new-2046.lic');
let op: SimOperator;

async function clusterLicense(): Promise<string> {
  const r = await http.request<KubeObject>(objectPath(KINDS.configmap, `ddb-${NAME}`, NS));
  if (!r.ok) throw new Error(r.error.reason);
  return r.value.data?.['license.lic'] ?? '';
}
async function suiteLicense(): Promise<string> {
  const r = await http.request<KubeObject>(objectPath(KINDS.configmap, 'dolphindb-license', NS));
  if (!r.ok) throw new Error(r.error.reason);
  return r.value.data?.['dolphindb.lic'] ?? '';
}
async function uids(): Promise<Map<string, string>> {
  const r = await listClusterPods(http, REF);
  if (!r.ok) throw new Error(r.error.reason);
  return new Map(r.value.map((p) => [p.name, p.uid]));
}
async function allReady(): Promise<boolean> {
  const r = await listClusterPods(http, REF);
  return r.ok && r.value.length === 3 && r.value.every((p) => p.ready);
}
async function patchSts(name: string, patch: unknown): Promise<void> {
  const r = await mergePatch(http, KINDS.statefulset, name, NS, patch);
  if (!r.ok) throw new Error(r.error.reason);
}

describe('license swap (real API server, simulated operator)', () => {
  before(async () => {
    fs.writeFileSync(lic2043, syntheticLicense(2043, 'a'));
    fs.writeFileSync(lic2044, syntheticLicense(2044, 'b'));
    fs.writeFileSync(lic2045, syntheticLicense(2045, 'c'));
    fs.writeFileSync(lic2046, syntheticLicense(2046, 'd'));
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
    op = startSimOperator(loadGroundConfig(), {
      namespace: NS,
      suiteNamespace: NS,
      log: () => undefined,
      statusMinIntervalMs: 200,
    });
    await op.ready;
    const r = await applyCluster(testContext(), http, clusterCr(NAME, NS), { wait: true, pollMs: 200, timeoutMs: 90_000 });
    assert.ok(r.ok, JSON.stringify(r));
  });
  after(async () => {
    await op?.stop();
    await remove(http, KINDS.namespace, NS);
    http.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses invalid license files before changing anything', async () => {
    const before = await clusterLicense();
    for (const [file, why] of [
      ['fake-empty.lic', /empty/],
      ['fake-binary.lic', /not text/],
      ['fake-malformed-header.lic', /not a DolphinDB license header/],
      ['fake-expired-2021.lic', /expired on 2021-06-30/],
    ] as const) {
      const ctx = testContext();
      const r = await swapLicense(ctx, http, REF, licensePath(file), { pollMs: 100 });
      assert.equal(!r.ok && r.error.kind, 'invalid', file);
      assert.equal(!r.ok && r.error.changed, false);
      assert.match(!r.ok ? r.error.reason : '', why);
    }
    const missing = await swapLicense(testContext(), http, REF, path.join(tmp, 'nope.lic'));
    assert.equal(!missing.ok && missing.error.kind, 'notFound');
    const big = path.join(tmp, 'big.lic');
    fs.writeFileSync(big, 'x'.repeat(70 * 1024));
    const tooBig = await swapLicense(testContext(), http, REF, big);
    assert.match(!tooBig.ok ? tooBig.error.reason : '', /larger than 64 KiB/);
    assert.equal(await clusterLicense(), before);
    const backup = await readLicenseBackup(testContext(), http, REF);
    assert.ok(backup.ok && backup.value === undefined, 'no backup was written');
  });

  it('swaps: backup, replace (cluster and suite), restart pod by pod; content never logged', async () => {
    const old = await clusterLicense();
    const plan = await planLicenseSwap(testContext(), http, REF, lic2043, { suiteNamespace: NS });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.equal(plan.value.info.expiry, '2043-01-01');
    assert.deepEqual(
      plan.value.order.map((p) => p.name),
      ['ddb-lic1-ctr-0-0', 'ddb-lic1-dn-0-0', 'ddb-lic1-dn-1-0'],
    );
    const before = await uids();
    // The operator restarts nothing on a license edit (docs/domain.md §5.2): the swap's own rolling
    // restart must take the pods down one at a time. A sampler watches that no two are down at once.
    let maxDown = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const ps = await listClusterPods(http, REF);
        if (ps.ok) maxDown = Math.max(maxDown, 3 - ps.value.filter((p) => p.ready).length);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const ctx = testContext();
    const r = await swapLicense(ctx, http, REF, lic2043, { suiteNamespace: NS, pollMs: 100, readyTimeoutMs: 60_000 }).finally(
      () => {
        sampling = false;
      },
    );
    await sampler;
    assert.ok(r.ok, JSON.stringify(r));
    assert.ok(maxDown <= 1, `at most one pod down at a time, saw ${maxDown}`);
    assert.deepEqual(r.value.rolling?.replacedMeanwhile ?? [], [], 'no pod was replaced by anyone but the swap');
    assert.deepEqual(r.value.rolling?.restarted, ['ddb-lic1-ctr-0-0', 'ddb-lic1-dn-0-0', 'ddb-lic1-dn-1-0']);
    assert.equal(await clusterLicense(), fs.readFileSync(lic2043, 'utf8'));
    assert.equal(await suiteLicense(), fs.readFileSync(lic2043, 'utf8'));
    for (const [name, uid] of await uids()) assert.notEqual(before.get(name), uid, `${name} restarted`);
    const stored = await readLicenseBackup(testContext(), http, REF);
    assert.ok(stored.ok && stored.value);
    assert.equal(stored.value.clusterLicense, old);
    assert.equal(stored.value.suiteLicense?.content, readLicense('fake-valid-2042.lic'));
    assert.equal(r.value.backup.clusterLicense, old);
    const all = ctx.lines.join('\n');
    for (const secret of [...fs.readFileSync(lic2043, 'utf8').split('\n'), ...old.split('\n')].filter((l) => l.length >= 16))
      assert.ok(!all.includes(secret), 'license content in the log');
    const same = await swapLicense(testContext(), http, REF, lic2043);
    assert.ok(same.ok && same.value.changed === false);
  });

  it('stops at a pod that never becomes Ready and restores the old license', async () => {
    await waitFor('all pods Ready', allReady, 60_000, 200);
    // OnDelete keeps today's pod running; the StatefulSet recreates it with a nodeSelector no
    // node matches, so the new pod stays Pending (KWOK only readies scheduled pods).
    const sabotage = {
      spec: { updateStrategy: { type: 'OnDelete' }, template: { spec: { nodeSelector: { 'lifecycle-test/never': 'true' } } } },
    };
    await patchSts('ddb-lic1-dn-0', sabotage);
    // Keep putting the sabotage back until the swap has given up, in case the simulated operator
    // re-applies its StatefulSet meanwhile (it owns the template fields it sets).
    let sabotaging = true;
    const keep = (async () => {
      while (sabotaging) {
        await patchSts('ddb-lic1-dn-0', sabotage).catch(() => undefined);
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    const previous = await clusterLicense();
    const ctx = testContext();
    const r = await swapLicense(ctx, http, REF, lic2044, { pollMs: 100, readyTimeoutMs: 4000 }).finally(() => {
      sabotaging = false;
    });
    await keep;
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'timeout');
    assert.equal(r.error.changed, true);
    assert.deepEqual(r.error.partial?.rolling?.restarted, ['ddb-lic1-ctr-0-0']);
    assert.equal(r.error.partial?.rolling?.unfinished, 'ddb-lic1-dn-0-0');
    assert.deepEqual(r.error.partial?.rolling?.pending, ['ddb-lic1-dn-1-0']);
    // Nobody else restarts pods on a license edit (docs/domain.md §5.2): dn-1 still runs the old license.
    const replaced = r.error.partial?.rolling?.replacedMeanwhile ?? [];
    assert.deepEqual(replaced, []);
    assert.deepEqual(r.error.partial?.restartedPods, ['ddb-lic1-ctr-0-0', 'ddb-lic1-dn-0-0', ...replaced]);
    assert.match(
      r.error.leftState ?? '',
      /Restarted and Ready: ddb-lic1-ctr-0-0\. Restarted but not Ready: ddb-lic1-dn-0-0\. (Not restarted|Recreated meanwhile by the operator): ddb-lic1-dn-1-0\./,
    );
    assert.match(r.error.leftState ?? '', /can be restored/);
    assert.equal(await clusterLicense(), fs.readFileSync(lic2044, 'utf8'));
    assert.equal(r.error.partial?.backup.clusterLicense, previous);
    process.stdout.write(`    left state: ${r.error.leftState}\n`);

    // Fix the cause, then restore as after a VS Code restart: the backup comes from the ConfigMap.
    await patchSts('ddb-lic1-dn-0', {
      spec: { updateStrategy: { type: 'RollingUpdate' }, template: { spec: { nodeSelector: null } } },
    });
    const restored = await restoreLicense(
      testContext(),
      http,
      REF,
      { restartPods: r.error.partial?.restartedPods ?? [] },
      { pollMs: 100, readyTimeoutMs: 60_000 },
    );
    assert.ok(restored.ok, JSON.stringify(restored));
    assert.deepEqual(restored.value.rolling.restarted, ['ddb-lic1-ctr-0-0', 'ddb-lic1-dn-0-0', ...replaced]);
    assert.equal(await clusterLicense(), previous);
    await waitFor('all pods Ready after restore', allReady, 60_000, 200);
  });

  it('refuses a user who may not patch ConfigMaps before anything changes', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(writeUserKubeconfig(process.env.DDB_GROUND_DIR ?? '', 'readonly-user'));
    const ro = new KubeHttp(kc, 15000);
    try {
      const r = await swapLicense(testContext(), ro, REF, lic2045, { pollMs: 100 });
      assert.equal(!r.ok && r.error.kind, 'forbidden');
      assert.equal(!r.ok && r.error.changed, false);
      // Without the pre-check the first write is refused by the API server itself.
      const direct = await swapLicense(testContext(), ro, REF, lic2045, { pollMs: 100, skipAccessCheck: true });
      assert.equal(!direct.ok && direct.error.kind, 'forbidden');
      assert.equal(!direct.ok && direct.error.changed, false);
    } finally {
      ro.dispose();
    }
    assert.notEqual(await clusterLicense(), fs.readFileSync(lic2045, 'utf8'));
  });

  it('cancelled midway: says which pods run which license', async () => {
    await waitFor('all pods Ready', allReady, 60_000, 200);
    const ctx = testContext();
    const log = ctx.log;
    const r = await swapLicense(
      {
        ...ctx,
        log: (l) => {
          log(l);
          if (/is Ready again/.test(l)) ctx.abort.abort();
        },
      },
      http,
      REF,
      lic2045,
      { pollMs: 100, readyTimeoutMs: 60_000 },
    );
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'cancelled');
    assert.equal(r.error.changed, true);
    assert.deepEqual(r.error.partial?.rolling?.restarted, ['ddb-lic1-ctr-0-0']);
    assert.deepEqual(r.error.partial?.rolling?.pending, ['ddb-lic1-dn-0-0', 'ddb-lic1-dn-1-0']);
    assert.deepEqual(r.error.partial?.restartedPods, [
      'ddb-lic1-ctr-0-0',
      ...(r.error.partial?.rolling?.replacedMeanwhile ?? []),
    ]);
    assert.match(r.error.leftState ?? '', /^The new license is in ConfigMap ddb-lic1\. Restarted and Ready: ddb-lic1-ctr-0-0\. /);
    for (const p of ['ddb-lic1-dn-0-0', 'ddb-lic1-dn-1-0']) assert.ok(r.error.leftState?.includes(p), p);
    assert.equal(await clusterLicense(), fs.readFileSync(lic2045, 'utf8'));
  });

  it('the API server restarts during the rolling restart: the swap rides it out and finishes', async () => {
    await waitFor('all pods Ready', allReady, 60_000, 200);
    const ctx = testContext();
    const log = ctx.log;
    let outage: Promise<void> | undefined;
    const r = await swapLicense(
      {
        ...ctx,
        log: (l) => {
          log(l);
          // Right after the first pod is back, take the API server away for 3 s.
          if (!outage && /is Ready again/.test(l))
            outage = restartComponent(process.env.DDB_GROUND_DIR ?? '', 'kube-apiserver', { downMs: 3000 });
        },
      },
      http,
      REF,
      lic2046,
      { pollMs: 100, readyTimeoutMs: 90_000 },
    );
    assert.ok(outage, 'the fault was injected during the swap');
    await outage;
    const text = fs.readFileSync(lic2046, 'utf8');
    // A 3 s outage is well inside the 2 min retry budget: the swap must finish, not stop.
    assert.ok(
      r.ok,
      `the swap stopped: ${r.ok ? '' : `${r.error.kind}: ${r.error.reason} / ${r.error.leftState ?? ''}`}\n${ctx.lines.join('\n')}`,
    );
    // It saw the outage and waited it out (the retry path ran, not a lucky gap between requests).
    assert.ok(
      ctx.lines.some((l) => l.startsWith('Lost the connection to the API server')),
      ctx.lines.join('\n'),
    );
    assert.ok(
      ctx.lines.some((l) => l === 'The API server answers again; continuing.'),
      ctx.lines.join('\n'),
    );
    // Every pod of the plan was restarted, in order, nothing is pending, the new license is in place.
    assert.deepEqual(r.value.rolling?.restarted, ['ddb-lic1-ctr-0-0', 'ddb-lic1-dn-0-0', 'ddb-lic1-dn-1-0']);
    assert.deepEqual(r.value.rolling?.pending, []);
    assert.equal(await clusterLicense(), text);
    const lines = ctx.lines.join('\n');
    assert.ok(
      !text
        .split('\n')
        .filter((l) => l.length >= 16)
        .some((l) => lines.includes(l)),
      'license content in the log',
    );
    await waitFor('all pods Ready after the outage', allReady, 90_000, 500);
  });
});
