// Inside a real VS Code: opening a YAML file that is not a DolphinDB object activates the
// extension (onLanguage:yaml) but sends nothing to the API server, and offers no DolphinDB
// editor title actions. The kubeconfig points at a loopback TCP relay in front of the test
// ground's API server that counts connections; a DolphinDB document opened afterwards asks for
// cluster facts, which connects through the relay (so a zero count is not a broken relay).
// This file must run before any suite that shows the DolphinDB view (files load in name order).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import type { ExtensionApi } from '../../src/extension/main';
import { EXT_ID, until } from './util';

interface KubeconfigFile {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, string> }[];
}

const readKubeconfig = (file: string): KubeconfigFile => parse(fs.readFileSync(file, 'utf8')) as KubeconfigFile;

/** Where the ground's API server listens. */
function groundServer(kubeconfig: string): { host: string; port: number } {
  const server = readKubeconfig(kubeconfig).clusters[0]?.cluster.server;
  assert.ok(server, 'the ground kubeconfig names a server');
  const u = new URL(server);
  return { host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname, port: Number(u.port || 443) };
}

/** A copy of the ground kubeconfig whose server is the relay; file references made absolute. */
function writeRelayKubeconfig(source: string, relayPort: number, out: string): void {
  const cfg = readKubeconfig(source);
  const dir = path.dirname(source);
  const abs = (rec: Record<string, string>, keys: string[]): void => {
    for (const k of keys) if (rec[k] && !path.isAbsolute(rec[k])) rec[k] = path.join(dir, rec[k]);
  };
  for (const c of cfg.clusters) {
    c.cluster.server = `https://127.0.0.1:${relayPort}`;
    abs(c.cluster, ['certificate-authority']);
  }
  for (const u of cfg.users) abs(u.user, ['client-certificate', 'client-key']);
  fs.writeFileSync(out, stringify(cfg), { mode: 0o600 });
}

describe('activation without connecting', function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-activation-'));
  const config = vscode.workspace.getConfiguration('dolphindbK8s');
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let relay: net.Server;
  let a: ExtensionApi;

  before(async () => {
    const kubeconfig = process.env.KUBECONFIG;
    assert.ok(kubeconfig, 'KUBECONFIG names the test ground');
    const upstream = groundServer(kubeconfig);
    relay = net.createServer((client) => {
      connections++;
      const server = net.connect(upstream.port, upstream.host);
      for (const s of [client, server]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as net.AddressInfo).port;
    writeRelayKubeconfig(kubeconfig, port, path.join(tmp, 'relay.yaml'));
    await config.update('kubeconfigPaths', [path.join(tmp, 'relay.yaml')], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    // Revert first: closing a dirty untitled editor would ask to save it.
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isUntitled && x.isDirty)) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config.update('kubeconfigPaths', undefined, vscode.ConfigurationTarget.Global);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opening a non-DolphinDB YAML file activates the extension and the API server receives no connection', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
    assert.ok(ext);
    assert.equal(ext.isActive, false, 'nothing activated the extension before this test (it must run first)');
    const file = path.join(tmp, 'app-config.yaml');
    fs.writeFileSync(file, 'server:\n  port: 8080\nlogging:\n  level: info\ndatabase:\n  url: postgres://db:5432/app\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await until('the extension activated by the YAML file', () => ext.isActive || undefined);
    a = ext.exports;
    await until('the relay kubeconfig loaded', () =>
      a.kube.kubeconfig?.files.some((f) => f.endsWith('relay.yaml')) ? true : undefined,
    );
    // A connect, a watch or a credential plugin would run within milliseconds of loading; give it ample time.
    await new Promise((r) => setTimeout(r, 4000));
    assert.equal(connections, 0, 'connections the API server received');
    assert.equal(a.kube.engaged, false);
    assert.equal(a.kube.explorer?.stateOf(a.kube.explorer.currentContext).s, 'idle');
  });

  it('offers no DolphinDB editor title action on that file, and does on a DolphinDB document', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXT_ID);
    assert.ok(ext);
    const titles = (ext.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } })
      .contributes.menus['editor/title'];
    assert.ok(titles.length >= 3);
    for (const m of titles.filter((x) => x.command.startsWith('dolphindb.')))
      assert.match(String(m.when), /(^|&& )dolphindb\.dolphindbDocument( &&|$)/, m.command);
    assert.equal(vscode.window.activeTextEditor?.document.fileName.endsWith('app-config.yaml'), true);
    assert.equal(a.contextKey('dolphindbK8s.dolphindbDocument'), false);

    const ddb = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata:\n  name: title-check\n  namespace: dolphindb\nspec:\n  mode: standalone\n  version: v2.00.16\n  datanode:\n    replicas: 1\n',
    });
    await vscode.window.showTextDocument(ddb);
    await until(
      'the key set for a DolphinDB document',
      () => (a.contextKey('dolphindbK8s.dolphindbDocument') === true ? true : undefined),
      10_000,
    );
    // Back on the plain file the actions go away again.
    await vscode.window.showTextDocument(doc0());
    await until(
      'the key cleared on the plain YAML file',
      () => (a.contextKey('dolphindbK8s.dolphindbDocument') === false ? true : undefined),
      10_000,
    );
  });

  it('a DolphinDB document needs cluster facts: that connects (through the relay)', async () => {
    await until('a connection through the relay', () => (connections > 0 ? true : undefined), 30_000);
    assert.equal(a.kube.engaged, true);
  });

  function doc0(): vscode.TextDocument {
    const d = vscode.workspace.textDocuments.find((x) => x.fileName.endsWith('app-config.yaml'));
    assert.ok(d, 'app-config.yaml still open');
    return d;
  }
});
