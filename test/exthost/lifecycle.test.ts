// Inside a real VS Code: the lifecycle commands, driven with scripted answers (no prompts)
// against the test ground. The runner (test/vscode-rig/run-suites.ts) has seeded `solo`,
// `single` (ns dolphindb) and `ha` (ns ddb-prod), runs the simulated operator and puts the
// ground's helm on PATH. Fixtures come from test/fixtures (paths.ts finds them from the bundle).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, until } from './util';
import type { CommandResult } from '../../src/extension/commands/common/deps';
import type { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';

import { licenseFile, suiteChart } from '../fixtures/paths';
const SUITE_NS = 'suite-e2e';
const NEW = 'e2e-new';

const license = licenseFile;

async function http(): Promise<KubeHttp> {
  const a = await api();
  return until('a connected session', () => {
    const ex = a.kube.explorer;
    return ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext)?.http : undefined;
  });
}

async function read(kind: typeof KINDS.dolphindb, name: string, ns: string): Promise<KubeObject | undefined> {
  const r = await (await http()).request<KubeObject>(objectPath(kind, name, ns));
  return r.ok ? r.value : undefined;
}

const run = (id: string, answers: Record<string, unknown>): Thenable<CommandResult> =>
  vscode.commands.executeCommand<CommandResult>(`dolphindbK8s.${id}`, answers);
const failed = (r: CommandResult): { kind: string; reason: string; changed: boolean } => {
  assert.equal(r.ok, false, JSON.stringify(r));
  return r as { kind: string; reason: string; changed: boolean };
};

describe('DolphinDB lifecycle commands in VS Code', function () {
  this.timeout(240_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-lc-exthost-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('registers every lifecycle command', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'installSuite',
      'uninstallSuite',
      'checkPrerequisites',
      'createCluster',
      'applyFile',
      'upgradeCluster',
      'scaleCluster',
      'configureCluster',
      'restartCluster',
      'restartInstance',
      'pauseInstance',
      'resumeInstance',
      'addInstanceService',
      'removeInstanceService',
      'addVolume',
      'swapLicense',
      'restoreLicense',
      'deleteCluster',
      'coreDumps',
    ]) {
      assert.ok(all.has(`dolphindbK8s.${id}`), id);
    }
  });

  it('installs the suite with the local chart and a license (real helm), then uninstalls it', async () => {
    await http();
    const answers = {
      namespace: SUITE_NS,
      chartFile: suiteChart('v1.1.7'),
      licenseFile: license('fake-valid-2042.lic'),
      // KWOK nodes report 127.0.0.1 as their InternalIP.
      values: { serviceType: 'NodePort', storageClass: 'standard', nodePortIP: '127.0.0.1' },
      confirm: true,
      wait: false,
    };
    const bad = failed(await run('installSuite', { ...answers, licenseFile: license('fake-expired-2021.lic') }));
    assert.equal(bad.changed, false);
    assert.match(bad.reason, /expired/);
    const r = await run('installSuite', answers);
    assert.equal(r.ok, true, JSON.stringify(r));
    const cm = await (await http()).request<KubeObject>(objectPath(KINDS.configmap, 'dolphindb-license', SUITE_NS));
    assert.ok(cm.ok, 'dolphindb-license created by the chart');
    assert.equal(cm.value.data?.['dolphindb.lic']?.trim(), fs.readFileSync(license('fake-valid-2042.lic'), 'utf8').trim());

    const wrong = failed(await run('uninstallSuite', { namespace: SUITE_NS, typedName: 'dolphindb', confirm: true }));
    assert.equal(wrong.kind, 'invalid');
    assert.equal(wrong.changed, false);
    const u = await run('uninstallSuite', { namespace: SUITE_NS, typedName: SUITE_NS, confirm: true });
    assert.equal(u.ok, true, JSON.stringify(u));
  });

  it('creates a cluster: guided answers → YAML for review → apply → the cluster appears', async () => {
    const a = await api();
    const created = await run('createCluster', {
      name: NEW,
      namespace: 'dolphindb',
      mode: 'cluster',
      clusterType: 'singlecontroller',
      version: 'v2.00.14',
      controllers: 1,
      datanodes: 1,
      computenodes: 0,
      cpu: '500m',
      memory: '512Mi',
      storageClass: 'standard',
      dataSize: '1Gi',
      logSize: '1Gi',
      confirm: true,
    });
    assert.equal(created.ok, true, JSON.stringify(created));
    const yaml = String((created as { yaml?: string }).yaml);
    assert.match(yaml, /kind: DolphinDB/);
    assert.match(yaml, new RegExp(`name: ${NEW}`));
    assert.equal(vscode.window.activeTextEditor?.document.getText(), yaml, 'the document is open for review');

    const bad = failed(await run('createCluster', { name: 'Bad_Name', namespace: 'dolphindb', confirm: true }));
    assert.equal(bad.kind, 'invalid');

    const applied = await run('applyFile', { confirm: true });
    assert.equal(applied.ok, true, JSON.stringify(applied));
    assert.ok(await read(KINDS.dolphindb, NEW, 'dolphindb'), 'stored');
    await until('the new cluster in the tree', () => {
      const roots = a.tree.getChildren();
      const nodes =
        roots.length > 0
          ? a.tree.getChildren(roots[0]).flatMap((n) => (n.kind === 'namespace' ? a.tree.getChildren(n) : [n]))
          : [];
      return nodes.find((n) => n.kind === 'cluster' && n.label === NEW);
    });
  });

  it('upgrades to a listed version and refuses an unsupported one', async () => {
    const refused = failed(
      await run('upgradeCluster', { namespace: 'dolphindb', name: 'solo', version: 'v2.00.99', confirm: true }),
    );
    assert.equal(refused.kind, 'unsupported');
    assert.match(refused.reason, /not supported/);
    const before = ((await read(KINDS.dolphindb, 'solo', 'dolphindb'))?.spec as { version?: string } | undefined)?.version;
    const target = before === 'v2.00.14' ? 'v2.00.16' : 'v2.00.14';
    const r = await run('upgradeCluster', { namespace: 'dolphindb', name: 'solo', version: target, confirm: true, wait: false });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(((await read(KINDS.dolphindb, 'solo', 'dolphindb'))?.spec as { version?: string } | undefined)?.version, target);
  });

  it('swaps the license of single: an expired file is refused, a valid one accepted', async () => {
    const expired = failed(
      await run('swapLicense', {
        namespace: 'dolphindb',
        name: 'single',
        licenseFile: license('fake-expired-2021.lic'),
        confirm: true,
        updateSuite: false,
      }),
    );
    assert.equal(expired.changed, false);
    assert.match(expired.reason, /expired/);
    // Same shape as the shared fixtures, another expiry, so the swap really changes something.
    const fresh = path.join(tmp, 'valid-2043.lic');
    const text = fs.readFileSync(license('fake-valid-2042.lic'), 'utf8').replace(/^2042\./, '2043.');
    fs.writeFileSync(fresh, text);
    const r = await run('swapLicense', {
      namespace: 'dolphindb',
      name: 'single',
      licenseFile: fresh,
      confirm: true,
      updateSuite: false,
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    const cm = await (await http()).request<KubeObject>(objectPath(KINDS.configmap, 'ddb-single', 'dolphindb'));
    assert.ok(cm.ok);
    assert.equal(cm.value.data?.['license.lic'], text);
  });

  it('refuses a delete with a wrong typed name, then deletes with the right one', async () => {
    const wrong = failed(await run('deleteCluster', { namespace: 'dolphindb', name: NEW, typedName: 'e2e-nw', confirm: true }));
    assert.equal(wrong.kind, 'invalid');
    assert.equal(wrong.changed, false);
    assert.ok(await read(KINDS.dolphindb, NEW, 'dolphindb'), 'still there');
    const r = await run('deleteCluster', { namespace: 'dolphindb', name: NEW, typedName: NEW, confirm: true });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(await read(KINDS.dolphindb, NEW, 'dolphindb'), undefined);
  });
});
