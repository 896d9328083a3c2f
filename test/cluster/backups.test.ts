// Backups and Restores in the explorer against the real control plane: first without the
// backup.dolphindb.io API (nothing shown, no error), then with our own CRD fixtures installed
// (test/fixtures/backup/crds.yaml, served as v1alpha1), a Backup and a Restore for a cluster
// listed under it with the status written through the status subresource. The CRDs are removed
// afterwards, so other tests on the same ground see no backup API.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Explorer } from '../../src/core/explorer/explorer';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, fixture, loadGroundConfig, remove, waitFor } from './lib';

const NS = `backups-${Date.now().toString(36)}`;
const http = adminHttp();
const CRDS = parseAllDocuments(fs.readFileSync(path.join(__dirname, '../fixtures/backup/crds.yaml'), 'utf8')).map(
  (d) => d.toJS() as KubeObject,
);
const API = '/apis/backup.dolphindb.io/v1alpha1';

function clusterNode(ex: Explorer, name: string): ExplorerNode | undefined {
  const kids = ex.children(ex.roots()[0]);
  const flat = kids.flatMap((k) => (k.kind === 'namespace' ? ex.children(k) : [k]));
  return flat.find((n) => n.kind === 'cluster' && n.label === name && n.ref?.namespace === NS);
}

async function removeCrds(): Promise<void> {
  for (const c of CRDS) await remove(http, KINDS.crd, c.metadata.name);
  await waitFor(
    'the backup CRDs gone',
    async () => {
      const r = await http.request('/apis/backup.dolphindb.io');
      return !r.ok && r.error.kind === 'notFound';
    },
    30_000,
  );
}

async function post(plural: string, o: Record<string, unknown>, status?: Record<string, unknown>): Promise<void> {
  const r = await http.request<KubeObject>(`${API}/namespaces/${NS}/${plural}`, { method: 'POST', body: o });
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  if (!status) return;
  const s = await http.request(`${API}/namespaces/${NS}/${plural}/${r.value.metadata.name}/status`, {
    method: 'PATCH',
    body: { status },
    contentType: 'application/merge-patch+json',
  });
  assert.ok(s.ok, s.ok ? '' : s.error.reason);
}

describe('backups and restores under a cluster', () => {
  before(async () => {
    await removeCrds();
    await ensureNamespace(http, NS);
    for (const name of ['bk', 'other']) {
      const [cr] = fixture('valid/02-singlecontroller.yaml');
      cr.metadata.name = name;
      cr.metadata.namespace = NS;
      await apply(http, cr);
    }
  });
  after(async () => {
    await removeCrds().catch(() => undefined);
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('shows nothing, and reports no error, where the backup API is absent', async () => {
    const ex = new Explorer(loadGroundConfig(), { debounceMs: 10 });
    try {
      assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
      const c = await waitFor('cluster bk listed', () => clusterNode(ex, 'bk'), 30_000);
      assert.equal(await ex.model.backupApi(ex.currentContext), undefined);
      const kids = ex.children(c);
      assert.ok(kids.length > 0);
      assert.equal(
        kids.some((k) => k.kind === 'backups'),
        false,
        kids.map((k) => k.kind).join(),
      );
      // No watch on an absent API was opened to fail and retry: the context settles synced.
      await waitFor('the context synced', () => ex.session(ex.currentContext)?.connection().state === 'synced', 30_000);
      assert.equal(
        ex.children(ex.roots()[0]).some((k) => k.kind === 'message' && k.icon === 'error'),
        false,
      );
    } finally {
      ex.dispose();
    }
  });

  it('lists a cluster’s backups and restores with their status once the CRDs are installed', async () => {
    for (const c of CRDS) await apply(http, c);
    await waitFor('the backup API served', async () => (await http.request(`${API}/backups`)).ok, 30_000);
    await post(
      'backups',
      {
        apiVersion: 'backup.dolphindb.io/v1alpha1',
        kind: 'Backup',
        metadata: { name: 's3-s3-c31fc823' },
        spec: { dolphindbName: 'bk' },
      },
      { phase: 'Complete' },
    );
    await post(
      'backups',
      {
        apiVersion: 'backup.dolphindb.io/v1alpha1',
        kind: 'Backup',
        metadata: { name: 'nfs-nfs-e83ae42b', labels: { 'dolphindb.io/dolphindb.name': 'bk' } },
        spec: {},
      },
      { phase: 'Failed', message: 'the NFS server did not answer' },
    );
    await post('backups', {
      apiVersion: 'backup.dolphindb.io/v1alpha1',
      kind: 'Backup',
      metadata: { name: 'of-the-other' },
      spec: { dolphindbName: 'other' },
    });
    await post(
      'restores',
      {
        apiVersion: 'backup.dolphindb.io/v1alpha1',
        kind: 'Restore',
        metadata: { name: 'restore-1' },
        spec: { dolphindbName: 'bk' },
      },
      { phase: 'Running' },
    );
    const ex = new Explorer(loadGroundConfig(), { debounceMs: 10 });
    try {
      assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
      const api = await ex.model.backupApi(ex.currentContext);
      assert.equal(api?.backup?.version, 'v1alpha1');
      assert.equal(api?.restore?.kind, 'Restore');
      const group = await waitFor(
        'the Backups group with 2 backups and 1 restore',
        () => {
          const c = clusterNode(ex, 'bk');
          const g = c ? ex.children(c).find((k) => k.kind === 'backups') : undefined;
          return g && g.description?.startsWith('2 backups · 1 restores') ? g : undefined;
        },
        30_000,
      );
      assert.match(group.description ?? '', /1 failed/);
      assert.equal(group.tone, 'error');
      assert.ok(group.caps.includes('createBackup'));
      const rows = ex.children(group);
      assert.deepEqual(rows.map((r) => `${r.kind}:${r.label}`).sort(), [
        'backup:nfs-nfs-e83ae42b',
        'backup:s3-s3-c31fc823',
        'restore:restore-1',
      ]);
      const done = rows.find((r) => r.label === 's3-s3-c31fc823');
      assert.match(done?.description ?? '', /^Complete/);
      assert.equal(done?.tone, 'ok');
      const failed = rows.find((r) => r.label === 'nfs-nfs-e83ae42b');
      assert.equal(failed?.tone, 'error');
      assert.match(failed?.tooltip ?? '', /the NFS server did not answer/);
      assert.match(rows.find((r) => r.kind === 'restore')?.description ?? '', /Restore · Running/);
      assert.deepEqual(done?.ref, {
        context: ex.currentContext,
        kind: 'backup',
        name: 's3-s3-c31fc823',
        namespace: NS,
        version: 'v1alpha1',
      });
      // The other cluster's backup is listed under it, not here.
      const other = clusterNode(ex, 'other');
      assert.ok(other);
      const otherGroup = ex.children(other).find((k) => k.kind === 'backups');
      assert.ok(otherGroup);
      assert.deepEqual(
        ex.children(otherGroup).map((r) => r.label),
        ['of-the-other'],
      );

      // A status change reaches the tree through the watch.
      const s = await http.request(`${API}/namespaces/${NS}/restores/restore-1/status`, {
        method: 'PATCH',
        body: { status: { phase: 'Complete' } },
        contentType: 'application/merge-patch+json',
      });
      assert.ok(s.ok);
      await waitFor(
        'restore-1 Complete in the tree',
        () => ex.children(group).find((r) => r.label === 'restore-1' && /Complete/.test(r.description ?? '')),
        30_000,
      );
      // The shown YAML reads the object at the discovered version.
      const one = await http.request<KubeObject>(objectPath({ ...KINDS.backup, version: 'v1alpha1' }, 's3-s3-c31fc823', NS));
      assert.ok(one.ok);
    } finally {
      ex.dispose();
    }
  });
});
