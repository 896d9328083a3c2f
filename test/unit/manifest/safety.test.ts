// Safety promises the manifest must keep: destructive commands cannot be switched to "no
// confirmation" by any setting, every command that runs helm or writes to a cluster needs a
// trusted workspace, and settings that name programs or files cannot be set by an untrusted
// workspace's .vscode/settings.json.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; enablement?: string }>;
    configuration:
      | { properties: Record<string, { type?: string | string[]; scope?: string }> }
      | Array<{ properties: Record<string, { type?: string | string[]; scope?: string }> }>;
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const configs = Array.isArray(manifest.contributes.configuration)
  ? manifest.contributes.configuration
  : [manifest.contributes.configuration];
const settings = Object.assign({}, ...configs.map((c) => c.properties)) as Record<string, { type?: string | string[] }>;

// Commands that change a cluster or run helm (read-only ones, e.g. logs, describe, are not here).
const WRITES = [
  'installSuite',
  'uninstallSuite',
  'installLocalPath',
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
].map((c) => `dolphindbK8s.${c}`);

describe('manifest safety', () => {
  it('has no setting that skips or weakens a confirmation', () => {
    const offending = Object.keys(settings).filter((k) => /confirm|skip|force|noPrompt|unsafe|yes/i.test(k));
    assert.deepEqual(offending, [], `settings that could turn off a confirmation: ${offending.join(', ')}`);
    assert.ok(Object.keys(settings).length >= 10, 'the settings were read');
  });

  it('requires a trusted workspace for every command that runs helm or writes to a cluster', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const id of WRITES) {
      const c = manifest.contributes.commands.find((x) => x.command === id);
      assert.ok(c, `${id} is contributed`);
      assert.equal(c.enablement, 'isWorkspaceTrusted', `${id} must need a trusted workspace`);
    }
  });

  it('keeps program paths and kubeconfig paths out of untrusted workspace settings', () => {
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
    for (const key of ['dolphindbK8s.helmPath', 'dolphindbK8s.kubeconfigPaths', 'dolphindbK8s.chart.repository']) {
      assert.ok(key in settings, `${key} exists`);
      assert.ok(restricted.has(key), `${key} is a restricted configuration`);
    }
  });
});
