// Inside a real VS Code: Check Suite Prerequisites asks nothing (no license, no chart) and checks
// what it can; on a namespace with the suite installed (real helm, fixture chart v1.1.7) and
// healthy it says "installed: v1.1.7, healthy" instead of "cannot be installed yet"; a failed
// check reads differently from a passed one (issue 17).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, until } from './util';
import { licenseFile, suiteChart } from '../fixtures/paths';

const NS = 'suite-check';
type Check = { id: string; status: string; message: string };
type Report = {
  ok: boolean;
  ready: boolean;
  installed: boolean;
  healthy: boolean;
  version?: string;
  title: string;
  lines: string[];
  checks: Check[];
};

const check = (): Thenable<Report> =>
  vscode.commands.executeCommand<Report>('dolphindbK8s.checkPrerequisites', { namespace: NS, confirm: true });

describe('Check Suite Prerequisites', function () {
  this.timeout(300_000);
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('dolphindbK8s');

  before(async () => {
    const a = await api();
    await until('a connected session', () => {
      const ex = a.kube.explorer;
      return ex && ex.stateOf(ex.currentContext).s === 'ready' ? true : undefined;
    });
  });
  after(async () => {
    await config().update('helmPath', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dolphindbK8s.uninstallSuite', { namespace: NS, typedName: NS, confirm: true });
  });

  it('without the suite: checks helm, the API, the CRD and StorageClasses, asks nothing, says it is not installed', async () => {
    const r = await check();
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.checks.map((c) => c.id).sort(), ['cluster', 'crd', 'helm', 'storageClass', 'suite']);
    assert.equal(r.installed, false);
    assert.equal(r.checks.find((c) => c.id === 'suite')?.status, 'info', JSON.stringify(r.checks));
    for (const id of ['cluster', 'helm', 'crd', 'storageClass'])
      assert.equal(r.checks.find((c) => c.id === id)?.status, 'pass', JSON.stringify(r.checks));
    assert.equal(r.ready, true);
    assert.equal(r.title, `Ready to install the DolphinDB suite in ${NS}.`);
    assert.match(r.lines.join('\n'), /^✅ OK: StorageClasses: .*standard.*\(default: standard\)\.$/m);
  });

  it('a failed check is marked as failed, not like a pass, and blocks the install', async () => {
    await config().update('helmPath', '/nonexistent/helm', vscode.ConfigurationTarget.Global);
    try {
      const r = await check();
      const helm = r.checks.find((c) => c.id === 'helm');
      assert.equal(helm?.status, 'fail', JSON.stringify(r.checks));
      const line = r.lines[r.checks.indexOf(helm)] ?? '';
      assert.match(line, /^❌ FAILED: /);
      assert.ok(r.lines.filter((l) => l.startsWith('✅ OK: ')).length >= 3, r.lines.join('\n'));
      assert.equal(r.ready, false);
      assert.equal(r.title, `The DolphinDB suite cannot be installed in ${NS} yet.`);
    } finally {
      await config().update('helmPath', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('with the suite installed and healthy: "installed: v1.1.7, healthy"', async () => {
    const installed = await vscode.commands.executeCommand<{ ok: boolean }>('dolphindbK8s.installSuite', {
      namespace: NS,
      chartFile: suiteChart('v1.1.7'),
      licenseFile: licenseFile('fake-valid-2042.lic'),
      values: { serviceType: 'NodePort', storageClass: 'standard', nodePortIP: '127.0.0.1' },
      confirm: true,
      wait: false,
    });
    assert.equal(installed.ok, true, JSON.stringify(installed));
    const r = await until(
      'the suite reported installed and healthy',
      async () => {
        const x = await check();
        return x.installed && x.healthy ? x : undefined;
      },
      180_000,
    );
    assert.equal(r.version, 'v1.1.7');
    assert.equal(r.title, `DolphinDB suite installed in ${NS}: v1.1.7, healthy.`);
    assert.doesNotMatch(r.title, /cannot be installed/);
    const suite = r.checks.find((c) => c.id === 'suite');
    assert.equal(suite?.status, 'pass');
    assert.match(
      r.lines[r.checks.indexOf(suite)] ?? '',
      /^✅ OK: The DolphinDB suite is installed in suite-check: v1\.1\.7, healthy\.$/,
    );
  });
});
