// Inside a real VS Code: deleting a Backup asks first, in a modal that says the remote backup files
// go too, then wants the typed name; a Restore's modal says what it deletes instead. New Backup
// opens a template that Apply Backup or Restore applies. Our own CRD fixtures
// (test/fixtures/backup/crds.yaml) are installed for this suite and removed afterwards; the
// context is reconnected both times, since a session discovers the backup API once.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { api, EXT_ID, until } from './util';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import type { KubeHttp } from '../../src/core/k8s/http';

const NS = 'ddb-backup-ext';
const API = '/apis/backup.dolphindb.io/v1alpha1';
type Result = { ok: boolean } & Record<string, unknown>;
const run = (id: string, answers: Record<string, unknown>): Thenable<Result> =>
  vscode.commands.executeCommand<Result>(`dolphindbK8s.${id}`, answers);

function crds(): { metadata: { name: string } }[] {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext);
  const text = fs.readFileSync(path.join(ext.extensionPath, 'test', 'fixtures', 'backup', 'crds.yaml'), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS() as { metadata: { name: string } });
}

/** A fresh session of the current context (the backup API is discovered per session). */
async function freshSession(): Promise<{ context: string; http: KubeHttp }> {
  const a = await api();
  const ex = a.kube.explorer;
  assert.ok(ex);
  await ex.reconnect(ex.currentContext);
  return until('a connected session', () => {
    const s = ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext) : undefined;
    return s ? { context: ex.currentContext, http: s.http } : undefined;
  });
}

const exists = async (http: KubeHttp, plural: string, name: string): Promise<boolean> =>
  (await http.request(`${API}/namespaces/${NS}/${plural}/${name}`)).ok;

describe('Backups and restores in VS Code', function () {
  this.timeout(120_000);
  let context = '';
  let http: KubeHttp;

  before(async () => {
    ({ http } = await freshSession());
    for (const c of crds()) {
      const r = await http.request('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', body: c });
      assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
    }
    await until('the backup API served', async () => (await http.request(`${API}/backups`)).ok, 30_000);
    const ns = await http.request('/api/v1/namespaces', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    });
    assert.ok(ns.ok || ns.error.kind === 'conflict');
    for (const [plural, kind, name] of [
      ['backups', 'Backup', 's3-s3-c31fc823'],
      ['restores', 'Restore', 'restore-1'],
    ]) {
      const r = await http.request(`${API}/namespaces/${NS}/${plural}`, {
        method: 'POST',
        body: { apiVersion: 'backup.dolphindb.io/v1alpha1', kind, metadata: { name }, spec: { dolphindbName: 'bk' } },
      });
      assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
    }
    const ddb = await http.request(`/apis/dolphindb.dolphindb.io/v1/namespaces/${NS}/dolphindbs`, {
      method: 'POST',
      body: {
        apiVersion: 'dolphindb.dolphindb.io/v1',
        kind: 'DolphinDB',
        metadata: { name: 'bk' },
        spec: { mode: 'standalone', version: 'v2.00.16', storageClassName: 'standard', datanode: { replicas: 1, port: 32210 } },
      },
    });
    assert.ok(ddb.ok || ddb.error.kind === 'conflict', ddb.ok ? '' : ddb.error.reason);
    ({ context, http } = await freshSession());
  });

  it('shows the Backups row under the cluster, its rows with Delete for an allowed user', async () => {
    const a = await api();
    const find = (nodes: ExplorerNode[], pred: (n: ExplorerNode) => boolean, depth = 0): ExplorerNode | undefined => {
      for (const n of nodes) {
        if (pred(n)) return n;
        if (depth < 3 && ['context', 'namespace'].includes(n.kind)) {
          const hit = find(a.tree.getChildren(n), pred, depth + 1);
          if (hit) return hit;
        }
      }
      return undefined;
    };
    const group = await until(
      'the Backups row of bk',
      () => {
        const cluster = find(
          a.tree.getChildren(undefined),
          (n) => n.kind === 'cluster' && n.label === 'bk' && n.ref?.namespace === NS,
        );
        return cluster ? a.tree.getChildren(cluster).find((n) => n.kind === 'backups') : undefined;
      },
      60_000,
    );
    await a.permissions.settled();
    // The menu's own condition (package.json) holds for the row as drawn, once the review allowed it.
    const cv = await until('New Backup offered', () => {
      const v = String(a.tree.getTreeItem(group).contextValue);
      return /^backups;.*;backupCreate;/.test(v) && /;createBackup;/.test(v) ? v : undefined;
    });
    assert.match(cv, /^backups;/);
    const rows = await until('the backup and restore rows', () => {
      const r = a.tree.getChildren(group);
      return r.length === 2 ? r : undefined;
    });
    assert.deepEqual(rows.map((r) => `${r.kind}:${r.label}`).sort(), ['backup:s3-s3-c31fc823', 'restore:restore-1']);
    await a.permissions.settled();
    const menus = await until('the delete token granted', () => {
      const cvs = a.tree.getChildren(group).map((r) => String(a.tree.getTreeItem(r).contextValue));
      return cvs.every((cv) => cv.includes(';delete;')) ? cvs : undefined;
    });
    assert.ok(
      menus.every((cv) => /^(backup|restore);/.test(cv)),
      menus.join(' | '),
    );
  });

  after(async () => {
    for (const c of crds())
      await http.request(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${c.metadata.name}`, { method: 'DELETE' });
    await http.request(`/api/v1/namespaces/${NS}`, { method: 'DELETE' });
    await until(
      'the backup API gone',
      async () => {
        const r = await http.request('/apis/backup.dolphindb.io');
        return !r.ok && r.error.kind === 'notFound';
      },
      30_000,
    );
    await freshSession();
  });

  it('warns that deleting a backup deletes its remote files, then wants the typed name', async () => {
    const { prompts } = await api();
    const zh = vscode.env.language.startsWith('zh');
    const target = { context, namespace: NS, kind: 'backup', object: 's3-s3-c31fc823' };
    prompts.script(undefined);
    const cancelled = await run('deleteBackup', target);
    assert.equal(cancelled.ok, false);
    assert.equal(cancelled.kind, 'dismissed');
    const shown = prompts.shown[prompts.shown.length - 1];
    assert.match(
      shown.message,
      zh ? /删除备份 ddb-backup-ext\/s3-s3-c31fc823/ : /^Delete backup ddb-backup-ext\/s3-s3-c31fc823\?$/,
    );
    assert.match(
      shown.detail,
      zh ? /远程存储（S3 或 NFS）中的备份文件/ : /deletes the backup files in remote storage \(S3 or NFS\)/,
    );
    assert.match(shown.detail, zh ? /无法找回/ : /cannot be recovered/);
    assert.ok(await exists(http, 'backups', 's3-s3-c31fc823'), 'a cancelled delete deletes nothing');

    const action = shown.buttons[0];
    prompts.script(action);
    const wrong = await run('deleteBackup', { ...target, typedName: 's3-s3' });
    assert.equal(wrong.ok, false);
    assert.equal(wrong.kind, 'invalid');
    assert.ok(await exists(http, 'backups', 's3-s3-c31fc823'), 'a wrong typed name deletes nothing');

    prompts.script(action);
    const r = await run('deleteBackup', { ...target, typedName: 's3-s3-c31fc823' });
    assert.equal(r.ok, true, JSON.stringify(r));
    await until('the backup gone', async () => !(await exists(http, 'backups', 's3-s3-c31fc823')), 30_000);
  });

  it('says what deleting a restore removes, without the remote-files warning', async () => {
    const { prompts } = await api();
    prompts.script(undefined);
    const r = await run('deleteBackup', { context, namespace: NS, kind: 'restore', object: 'restore-1' });
    assert.equal(r.kind, 'dismissed');
    const shown = prompts.shown[prompts.shown.length - 1];
    assert.match(shown.message, /restore-1/);
    assert.doesNotMatch(shown.detail, /S3/);
    assert.ok(await exists(http, 'restores', 'restore-1'));
  });

  it('opens a Backup template for a cluster and applies it at the served version', async () => {
    const r = await run('newBackup', { context, namespace: NS, name: 'bk' });
    assert.equal(r.ok, true, JSON.stringify(r));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
    assert.ok(doc);
    const text = doc.getText();
    assert.match(text, /apiVersion: backup\.dolphindb\.io\/v1alpha1/);
    assert.match(text, /kind: Backup/);
    assert.match(text, /dolphindbName: bk/);
    const name = /name: (bk-backup-\d+)/.exec(text)?.[1];
    assert.ok(name, text);
    const applied = await run('applyBackup', { uri: r.uri, context });
    assert.equal(applied.ok, true, JSON.stringify(applied));
    assert.ok(await exists(http, 'backups', name));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
