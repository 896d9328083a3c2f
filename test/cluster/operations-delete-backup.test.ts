// Delete cluster and the license backup: the ConfigMap Replace license keeps for a cluster
// (ddb-<name>-license-backup, labelled as ours) is named in the confirmation and deleted after
// the cluster is gone; a ConfigMap of that name that is not our backup is neither named nor
// touched. Real API server; no operator is needed (the clusters have no pods).
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { deleteCluster, planDeleteCluster } from '../../src/core/operations/delete';
import { writeLicenseBackup } from '../../src/core/operations/licenseBackup';
import { adminHttp, apply, ensureNamespace, remove } from './lib';
import { testContext } from '../unit/operations/ctx';
import { clusterCr, syntheticLicense } from '../unit/operations/fixtures';

const NS = `lc-del-${crypto.randomBytes(3).toString('hex')}`;
const http = adminHttp();

async function configMap(name: string): Promise<KubeObject | undefined> {
  const r = await http.request<KubeObject>(objectPath(KINDS.configmap, name, NS));
  if (!r.ok && r.error.kind !== 'notFound') throw new Error(r.error.reason);
  return r.ok ? r.value : undefined;
}

describe('delete cluster removes the license backup it names (real API server)', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, clusterCr('del1', NS));
    await apply(http, clusterCr('del2', NS));
    const w = await writeLicenseBackup(testContext(), http, {
      namespace: NS,
      cluster: 'del1',
      configMap: 'ddb-del1-license-backup',
      clusterLicense: syntheticLicense(2044, 'x'),
      takenAt: new Date().toISOString(),
    });
    assert.ok(w.ok, JSON.stringify(w));
    // Same name pattern, but not a backup of ours: e.g. the ConfigMap of a cluster "del2-license-backup".
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ddb-del2-license-backup', namespace: NS },
      data: { note: 'not ours' },
    });
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('names the backup in the confirmation and deletes it with the cluster', async () => {
    const plan = await planDeleteCluster(testContext(), http, { namespace: NS, name: 'del1' });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.ok(
      plan.value.changes.includes(
        'Then delete ConfigMap ddb-del1-license-backup, the license backup that Replace license made for this cluster.',
      ),
      plan.value.changes.join('\n'),
    );
    assert.doesNotMatch([...plan.value.changes, ...plan.value.warnings].join('\n'), /is kept/);
    const ctx = testContext();
    const r = await deleteCluster(ctx, http, { namespace: NS, name: 'del1' }, 'del1', { timeoutMs: 60_000, pollMs: 200 });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.backupDeleted, 'ddb-del1-license-backup');
    assert.equal(await configMap('ddb-del1-license-backup'), undefined, 'the backup is gone');
    assert.ok(ctx.lines.includes('Deleted the license backup ConfigMap ddb-del1-license-backup.'), ctx.lines.join('\n'));
  });

  it('leaves a ConfigMap of the same name that is not our backup alone, and does not name it', async () => {
    const plan = await planDeleteCluster(testContext(), http, { namespace: NS, name: 'del2' });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.doesNotMatch(plan.value.changes.join('\n'), /license-backup/);
    const r = await deleteCluster(testContext(), http, { namespace: NS, name: 'del2' }, 'del2', {
      timeoutMs: 60_000,
      pollMs: 200,
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.backupDeleted, undefined);
    assert.equal((await configMap('ddb-del2-license-backup'))?.data?.note, 'not ours');
  });
});
