// Inside a real VS Code, the "Setup" steps of issue 16 against the test ground:
// - no StorageClass: the test removes the ground's StorageClasses (and puts them back after);
//   Check Prerequisites then offers the local-path provisioner, the StorageClass pick offers it
//   next to "Type a StorageClass name…", and Create Cluster with the scripted answer
//   `storageClass: '<local-path>'` installs it (real server-side apply) and uses `local-path`;
//   KWOK runs no provisioner, so no volume is provisioned here;
// - the license override: a file failing the format check is refused without
//   `acceptInvalidLicense`, and installed (real helm) and swapped in with it;
// - the chart version: a real Helm repository (index made by `helm repo index` from the fixture
//   charts, served over loopback) lists its versions, and Install takes `chartVersion` from it.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, until } from './util';
import type { CommandResult } from '../../src/extension/commands/common/deps';
import type { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { LOCAL_PATH_KINDS, localPathManifest } from '../../src/core/operations/localPathManifest';
import { readRepositoryVersions } from '../../src/core/operations/chartVersions';
import { english } from '../../src/core/i18n/translate';
import { storageClassChoices } from '../../src/extension/commands/lifecycle/clusterChoices';
import { INSTALL_LOCAL_PATH, TYPE_STORAGE_CLASS } from '../../src/extension/commands/lifecycle/storageChoice';
import { localVersionChoices, repoVersionChoices } from '../../src/extension/commands/lifecycle/installFlow';
import { NEWEST, TYPE_VERSION } from '../../src/extension/commands/lifecycle/chartChoice';
import { licenseFile, suiteChart } from '../fixtures/paths';

const run = (id: string, answers: Record<string, unknown>): Thenable<CommandResult> =>
  vscode.commands.executeCommand<CommandResult>(`dolphindbK8s.${id}`, answers);

async function session(): Promise<KubeHttp> {
  const a = await api();
  return until('a connected session', () => {
    const ex = a.kube.explorer;
    return ex && ex.stateOf(ex.currentContext).s === 'ready' ? ex.session(ex.currentContext)?.http : undefined;
  });
}

async function read(
  kind: typeof KINDS.storageclass | typeof KINDS.configmap,
  name: string,
  ns?: string,
): Promise<KubeObject | undefined> {
  const r = await (await session()).request<KubeObject>(objectPath(kind, name, ns));
  return r.ok ? r.value : undefined;
}

async function del(kind: Parameters<typeof objectPath>[0], name: string, ns?: string): Promise<void> {
  const r = await (await session()).request(objectPath(kind, name, ns), { method: 'DELETE' });
  if (!r.ok && r.error.kind !== 'notFound') throw new Error(r.error.reason);
}

const testCtx = {
  signal: new AbortController().signal,
  progress: { report: () => undefined },
  log: () => undefined,
  t: english,
};

describe('Setup: no StorageClass, license override, chart version', function () {
  this.timeout(300_000);

  describe('a cluster without a StorageClass', () => {
    let saved: KubeObject[] = [];
    before(async () => {
      const h = await session();
      const list = await h.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass));
      assert.ok(list.ok);
      saved = list.value.items;
      for (const sc of saved) await del(KINDS.storageclass, sc.metadata.name);
      await until('no StorageClass left', async () => {
        const l = await h.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass));
        return l.ok && l.value.items.length === 0;
      });
    });
    after(async () => {
      const h = await session();
      await del(KINDS.storageclass, 'local-path');
      await until('our local-path gone', async () => !(await read(KINDS.storageclass, 'local-path')));
      for (const sc of saved) {
        const { name, annotations, labels } = sc.metadata;
        const r = await h.request(collectionPath(KINDS.storageclass), {
          method: 'POST',
          body: { ...sc, metadata: { name, annotations, labels } },
        });
        assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
      }
      for (const m of localPathManifest()
        .filter((x) => x.kind.key !== 'storageclass')
        .reverse())
        await del(m.kind, m.object.metadata.name, m.object.metadata.namespace);
    });

    it('Check Prerequisites fails the StorageClass check and offers the local-path provisioner', async () => {
      const r = (await run('checkPrerequisites', { namespace: 'setup-check', confirm: true })) as CommandResult & {
        checks?: { id: string; status: string }[];
        offers?: string[];
      };
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.checks?.find((c) => c.id === 'storageClass')?.status, 'fail', JSON.stringify(r.checks));
      assert.deepEqual(r.offers, ['installLocalPath']);
    });

    it('the StorageClass pick offers the provisioner and typing a name', async () => {
      const choices = await storageClassChoices(await session());
      assert.ok(choices.ok);
      assert.deepEqual(
        choices.value.items.map((i) => i.value),
        [INSTALL_LOCAL_PATH, TYPE_STORAGE_CLASS],
      );
      assert.match(choices.value.notice?.label ?? '', /no StorageClass/);
    });

    it('Create Cluster with storageClass "<local-path>" installs the provisioner, then uses local-path', async () => {
      const created = (await run('createCluster', {
        name: 'lp1',
        namespace: 'dolphindb',
        mode: 'standalone',
        version: 'v2.00.16',
        cpu: '500m',
        memory: '512Mi',
        storageClass: INSTALL_LOCAL_PATH,
        dataSize: '1Gi',
        logSize: '1Gi',
        confirm: true,
      })) as CommandResult & { yaml?: string };
      assert.equal(created.ok, true, JSON.stringify(created));
      assert.match(created.yaml ?? '', /storageClass(Name)?: local-path/);
      const sc = (await read(KINDS.storageclass, 'local-path')) as
        (KubeObject & { volumeBindingMode?: string; provisioner?: string }) | undefined;
      assert.equal(sc?.provisioner, 'rancher.io/local-path');
      assert.equal(sc?.volumeBindingMode, 'WaitForFirstConsumer');
      const h = await session();
      const dep = await h.request(objectPath(KINDS.deployment, 'local-path-provisioner', 'local-path-storage'));
      assert.ok(dep.ok, 'the provisioner Deployment exists');
      const sa = await h.request(
        objectPath(LOCAL_PATH_KINDS.serviceaccount, 'local-path-provisioner-service-account', 'local-path-storage'),
      );
      assert.ok(sa.ok, 'its ServiceAccount exists');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('the pick now lists local-path (and still offers typing), no longer the provisioner', async () => {
      const choices = await storageClassChoices(await session());
      assert.ok(choices.ok);
      assert.deepEqual(
        choices.value.items.map((i) => i.value ?? i.label),
        ['local-path', TYPE_STORAGE_CLASS],
      );
    });
  });

  describe('license format override', () => {
    const NS = 'setup-license';
    const malformed = licenseFile('fake-malformed-header.lic');
    const install = {
      namespace: NS,
      chartFile: suiteChart('v1.1.7'),
      licenseFile: malformed,
      values: { serviceType: 'NodePort', storageClass: 'standard', nodePortIP: '127.0.0.1' },
      confirm: true,
      wait: false,
    };
    after(async () => {
      await run('uninstallSuite', { namespace: NS, typedName: NS, confirm: true });
    });

    it('install: refused without acceptInvalidLicense, installed with it', async () => {
      const refused = await run('installSuite', install);
      assert.equal(refused.ok, false, JSON.stringify(refused));
      assert.equal((refused as { kind: string }).kind, 'invalid');
      assert.equal((refused as { changed: boolean }).changed, false);
      assert.match((refused as { reason: string }).reason, /not a DolphinDB license header/);
      const r = await run('installSuite', { ...install, acceptInvalidLicense: true });
      assert.equal(r.ok, true, JSON.stringify(r));
      const cm = await read(KINDS.configmap, 'dolphindb-license', NS);
      assert.equal(cm?.data?.['dolphindb.lic']?.trim(), fs.readFileSync(malformed, 'utf8').trim());
    });

    it('license swap: refused without acceptInvalidLicense, swapped with it (then swapped back)', async () => {
      const swap = { namespace: 'dolphindb', name: 'single', licenseFile: malformed, confirm: true, updateSuite: false };
      const refused = await run('swapLicense', swap);
      assert.equal(refused.ok, false, JSON.stringify(refused));
      assert.match((refused as { reason: string }).reason, /not a DolphinDB license header/);
      const r = await run('swapLicense', { ...swap, acceptInvalidLicense: true });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(
        (await read(KINDS.configmap, 'ddb-single', 'dolphindb'))?.data?.['license.lic'],
        fs.readFileSync(malformed, 'utf8'),
      );
      const back = await run('swapLicense', { ...swap, licenseFile: licenseFile('fake-valid-2042.lic') });
      assert.equal(back.ok, true, JSON.stringify(back));
    });
  });

  describe('chart version from a Helm repository', () => {
    const NS = 'setup-chartver';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-helm-repo-'));
    let server: http.Server | undefined;
    let url = '';
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('dolphindbK8s');
    before(async () => {
      for (const v of ['v1.0.1', 'v1.1.7'] as const) fs.copyFileSync(suiteChart(v), path.join(dir, `dolphindb-mgr-${v}.tgz`));
      server = http.createServer((req, res) => {
        const file = path.join(dir, path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
        if (!fs.existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200).end(fs.readFileSync(file));
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      // The index a real repository serves, made by helm itself.
      execFileSync('helm', ['repo', 'index', dir, '--url', url]);
      await config().update('chart.repository', url, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await run('uninstallSuite', { namespace: NS, typedName: NS, confirm: true });
      await config().update('chart.repository', undefined, vscode.ConfigurationTarget.Global);
      server?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists the versions of the repository index, newest first', async () => {
      const r = await readRepositoryVersions(testCtx, url);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.value, ['v1.1.7', 'v1.0.1']);
    });

    it('the version pick lists them (newest highlighted), then "Let Helm choose" and "Type a version…"', async () => {
      const pick = await repoVersionChoices(testCtx);
      assert.ok(pick.ok);
      assert.deepEqual(
        pick.value.items.map((i) => i.value ?? i.label),
        ['v1.1.7', 'v1.0.1', NEWEST, TYPE_VERSION],
      );
      assert.equal(pick.value.active, 'v1.1.7');
      assert.equal(pick.value.notice, undefined);
    });

    it('an unreachable repository: the pick says so and still offers "Let Helm choose" and typing', async () => {
      await config().update('chart.repository', 'http://127.0.0.1:1/', vscode.ConfigurationTarget.Global);
      try {
        const pick = await repoVersionChoices(testCtx);
        assert.ok(pick.ok);
        assert.match(pick.value.notice?.label ?? '', /cannot be read/);
        assert.deepEqual(
          pick.value.items.map((i) => i.value ?? i.label),
          [NEWEST, TYPE_VERSION],
        );
      } finally {
        await config().update('chart.repository', url, vscode.ConfigurationTarget.Global);
      }
    });

    it('a local chart file: the pick lists the chart files of its folder by version, the picked one highlighted', async () => {
      const picked = path.join(dir, 'dolphindb-mgr-v1.0.1.tgz');
      const pick = await localVersionChoices(picked);
      assert.ok(pick.ok);
      assert.deepEqual(
        pick.value.items.map((i) => [i.label, i.value]),
        [
          ['v1.1.7', path.join(dir, 'dolphindb-mgr-v1.1.7.tgz')],
          ['v1.0.1', picked],
        ],
      );
      assert.equal(pick.value.active, picked);
    });

    it('installs the chart version a script names from that repository (helm repo add, helm --version)', async () => {
      const r = await run('installSuite', {
        namespace: NS,
        chartVersion: 'v1.0.1',
        licenseFile: licenseFile('fake-valid-2042.lic'),
        values: { serviceType: 'NodePort', storageClass: 'standard', nodePortIP: '127.0.0.1' },
        confirm: true,
        wait: false,
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      const check = await until(
        'the suite reported installed',
        async () => {
          const x = (await run('checkPrerequisites', { namespace: NS, confirm: true })) as CommandResult & {
            installed?: boolean;
            version?: string;
          };
          return x.installed ? x : undefined;
        },
        120_000,
      );
      assert.equal(check.version, 'v1.0.1');
    });
  });
});
