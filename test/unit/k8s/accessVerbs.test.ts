// The verb table: each write action in the explorer's menus is offered only behind the
// permission token whose SelfSubjectAccessReview questions name the verb that action really
// uses (delete for delete, pods/eviction for restarts, patch for changes, create for the
// objects an action creates, the suite namespace's Deployments for install/uninstall).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PERMISSIONS_BY_NODE, permissionsOf, questionsFor, VERB_TABLE, type Permission } from '../../../src/core/k8s/accessVerbs';

interface MenuEntry {
  command: string;
  when?: string;
}
const root = path.resolve(__dirname, '../../..');
const menus = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } }
).contributes.menus;
const itemMenus = menus['view/item/context'].filter((m) => m.when?.includes('view == dolphindbK8s.clusters'));

/** Command → the permission its tree menu entries must require, and a verb that permission must ask. */
const EXPECTED: Record<string, { permission: Permission; verb: string; resource: string; subresource?: string }> = {
  'dolphindbK8s.edit': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.upgradeCluster': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.scaleCluster': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.configureCluster': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.pauseInstance': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.resumeInstance': { permission: 'edit', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.deleteCluster': { permission: 'delete', verb: 'delete', resource: 'dolphindbs' },
  'dolphindbK8s.restartCluster': { permission: 'restart', verb: 'create', resource: 'pods', subresource: 'eviction' },
  'dolphindbK8s.restartInstance': { permission: 'restart', verb: 'create', resource: 'pods', subresource: 'eviction' },
  'dolphindbK8s.addInstanceService': { permission: 'services', verb: 'create', resource: 'services' },
  'dolphindbK8s.removeInstanceService': { permission: 'services', verb: 'patch', resource: 'dolphindbs' },
  'dolphindbK8s.addVolume': { permission: 'volumes', verb: 'create', resource: 'persistentvolumeclaims' },
  'dolphindbK8s.swapLicense': { permission: 'license', verb: 'patch', resource: 'configmaps' },
  'dolphindbK8s.restoreLicense': { permission: 'license', verb: 'create', resource: 'pods', subresource: 'eviction' },
  'dolphindbK8s.installSuite': { permission: 'suiteInstall', verb: 'create', resource: 'deployments' },
  'dolphindbK8s.uninstallSuite': { permission: 'suiteUninstall', verb: 'delete', resource: 'deployments' },
  'dolphindbK8s.coreDumps': { permission: 'coreDumps', verb: 'patch', resource: 'deployments' },
  'dolphindbK8s.createCluster': { permission: 'createCluster', verb: 'create', resource: 'dolphindbs' },
  'dolphindbK8s.openShell': { permission: 'exec', verb: 'create', resource: 'pods', subresource: 'exec' },
  'dolphindbK8s.newBackup': { permission: 'backupCreate', verb: 'create', resource: 'backups' },
  // The delete token asks about the node's own kind (a Backup or Restore row: backups/restores; below).
  'dolphindbK8s.deleteBackup': { permission: 'delete', verb: 'delete', resource: 'dolphindbs' },
};

describe('verb table', () => {
  for (const [command, want] of Object.entries(EXPECTED)) {
    it(`${command} is offered only with ${want.permission} (${want.verb} ${want.resource}${want.subresource ? '/' + want.subresource : ''})`, () => {
      const entries = itemMenus.filter((m) => m.command === command);
      assert.ok(entries.length > 0, `${command} has a tree menu entry`);
      for (const e of entries) {
        // Every alternative of the regex must carry the token (a `|` branch without it would show the action to anyone).
        const regex = /viewItem =~ \/(.*)\//.exec(e.when ?? '')?.[1] ?? '';
        for (const branch of regex.split('|')) {
          // installSuite's call-to-action message node carries its own capability token.
          if (branch === ';installSuite;') continue;
          assert.ok(branch.includes(`;${want.permission};`), `${command}: "${branch}" requires ;${want.permission};`);
        }
      }
      const qs = questionsFor(want.permission, 'ns1');
      assert.ok(
        qs.some((q) => q.verb === want.verb && q.resource === want.resource && (q.subresource ?? undefined) === want.subresource),
        JSON.stringify(qs),
      );
      assert.ok(
        qs.every((q) => q.namespace === 'ns1'),
        'asked in the node namespace',
      );
    });
  }

  it('every write menu entry of the tree is covered above', () => {
    const readOnly = new Set([
      'dolphindbK8s.refresh',
      'dolphindbK8s.retry',
      'dolphindbK8s.copyName',
      'dolphindbK8s.showYaml',
      'dolphindbK8s.revealOwner',
      'dolphindbK8s.revealChildren',
      'dolphindbK8s.podLogs',
      'dolphindbK8s.describe',
      'dolphindbK8s.clusterLogs',
      'dolphindbK8s.events',
      'dolphindbK8s.diagnose',
      'dolphindbK8s.clusterSummary',
      'dolphindbK8s.resourceUse',
      'dolphindbK8s.connectionInfo',
      'dolphindbK8s.portForward',
      'dolphindbK8s.openGrafana',
      'dolphindbK8s.openPortal',
      'dolphindbK8s.openPrometheus',
      'dolphindbK8s.openLoki',
      'dolphindbK8s.openAlertmanager',
      'dolphindbK8s.checkPrerequisites',
      'dolphindbK8s.containerLogs',
      'dolphindbK8s.copyImage',
      'dolphindbK8s.showPodYaml',
      'dolphindbK8s.copyPodName',
      // A view filter: it changes what the tree shows, nothing in the cluster.
      'dolphindbK8s.filterNamespaces',
    ]);
    const unknown = itemMenus.map((m) => m.command).filter((c) => !readOnly.has(c) && !(c in EXPECTED));
    assert.deepEqual([...new Set(unknown)], []);
  });

  it('asks delete of backups or restores on their rows', () => {
    assert.deepEqual(questionsFor('delete', 'ns1', 'backup'), [
      { verb: 'delete', group: 'backup.dolphindb.io', resource: 'backups', namespace: 'ns1' },
    ]);
    assert.deepEqual(questionsFor('delete', 'ns1', 'restore'), [
      { verb: 'delete', group: 'backup.dolphindb.io', resource: 'restores', namespace: 'ns1' },
    ]);
  });

  it('asks about the edited kind for objects other than DolphinDB', () => {
    assert.deepEqual(questionsFor('edit', 'ns1', 'configmap'), [
      { verb: 'patch', group: '', resource: 'configmaps', namespace: 'ns1' },
    ]);
    assert.deepEqual(questionsFor('delete', 'ns1', 'pod'), [{ verb: 'delete', group: '', resource: 'pods', namespace: 'ns1' }]);
    assert.deepEqual(questionsFor('delete', 'ns1', 'dolphindb'), [
      { verb: 'delete', group: 'dolphindb.dolphindb.io', resource: 'dolphindbs', namespace: 'ns1' },
    ]);
  });

  it('asks per node kind only what its menus need, plus edit/delete where the node offers them', () => {
    assert.deepEqual(permissionsOf('cluster', ['edit', 'delete']).sort(), ['delete', 'edit', 'license', 'restart', 'volumes']);
    assert.deepEqual(permissionsOf('instance', []).sort(), ['edit', 'exec', 'restart', 'services']);
    assert.deepEqual(permissionsOf('suite', []).sort(), ['coreDumps', 'suiteInstall', 'suiteUninstall']);
    assert.deepEqual(permissionsOf('pod', ['copyName', 'delete']), ['exec', 'delete']);
    assert.deepEqual(permissionsOf('container', ['logs']), ['exec']);
    assert.deepEqual(permissionsOf('backups', ['createBackup']), ['backupCreate']);
    assert.deepEqual(permissionsOf('backup', ['showYaml', 'delete']), ['delete']);
    assert.deepEqual(permissionsOf('configmap', ['showYaml', 'edit']), ['edit']);
    assert.deepEqual(permissionsOf('event', ['copyName']), []);
    for (const perms of Object.values(PERMISSIONS_BY_NODE)) for (const p of perms ?? []) assert.ok(VERB_TABLE[p].length > 0, p);
  });
});
