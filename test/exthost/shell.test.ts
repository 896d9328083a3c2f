// Inside a real VS Code: Open Shell makes an integrated terminal (our Pseudoterminal) into a
// container on the ground (KWOK runs exec as a local process). Text sent to the terminal goes
// to the remote TTY; what it shows is read back from the extension's test hook (`_shells`),
// since reading a terminal's buffer is proposed API.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { connectedSession, until } from './util';
import type { KubeHttp } from '../../src/core/k8s/http';

const NS = 'ddb-shell-ext';
const POD = 'ddb-sh-dn-0-0';

type Result = { ok: boolean } & Record<string, unknown>;
interface ShellInfo {
  id: string;
  pod: string;
  container: string;
  transcript: string;
  shown: string;
  exit?: { code?: number };
}
const shells = (): Thenable<ShellInfo[]> => vscode.commands.executeCommand<ShellInfo[]>('dolphindb._shells');

const session = connectedSession;

async function seedPod(http: KubeHttp): Promise<void> {
  const post = async (path: string, body: unknown): Promise<void> => {
    const r = await http.request(path, { method: 'POST', body });
    assert.ok(r.ok || r.error.kind === 'conflict', r.ok ? '' : r.error.reason);
  };
  await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  // The exporter sidecar first: the shell must still default to the DolphinDB container.
  await post(`/api/v1/namespaces/${NS}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: POD },
    spec: {
      containers: [
        { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
        { name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16' },
      ],
    },
  });
  await until(
    `${POD} Running`,
    async () => {
      const p = await http.request<{ status?: { phase?: string } }>(`/api/v1/namespaces/${NS}/pods/${POD}`);
      return p.ok && p.value.status?.phase === 'Running';
    },
    60_000,
  );
}

describe('Open Shell in VS Code', function () {
  this.timeout(120_000);

  it('opens a terminal into the DolphinDB container, shows the exit code and closes on a key', async () => {
    const { context, http } = await session();
    await seedPod(http);
    const r = await vscode.commands.executeCommand<Result>('dolphindbK8s.openShell', { context, namespace: NS, pod: POD });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.container, 'dolphindb');
    const terminal = await until('the terminal', () => vscode.window.terminals.find((t) => t.name === r.name));
    // A pause before exit: KWOK's exec drops a TTY's last output otherwise (see test/cluster/exec-shell.test.ts).
    terminal.sendText('echo "in-$((20+22))"; sleep 0.5; exit 5');
    const done = await until(
      'the shell to exit with code 5',
      async () => (await shells()).find((s) => s.id === r.id && s.exit?.code === 5),
      30_000,
    );
    assert.match(done.transcript, /in-42/);
    const exitLine = vscode.env.language.startsWith('zh') ? /退出码 5/ : /exited with code 5/;
    assert.match(done.shown, exitLine);
    assert.ok(
      vscode.window.terminals.includes(terminal),
      'the terminal stays open after the shell exits, so its output can be read',
    );
    const closed = new Promise<vscode.Terminal>((res) => vscode.window.onDidCloseTerminal((t) => t === terminal && res(t)));
    terminal.sendText('x', false);
    const t = await Promise.race([closed, new Promise<undefined>((res) => setTimeout(() => res(undefined), 15_000))]);
    assert.ok(t, 'a key press closes the terminal');
    assert.equal(t.exitStatus?.code, 5);
    assert.equal(
      (await shells()).some((s) => s.id === r.id),
      false,
    );
  });

  it('refuses a container the pod does not have, naming the ones it has', async () => {
    const { context } = await session();
    const r = await vscode.commands.executeCommand<Result>('dolphindbK8s.openShell', {
      context,
      namespace: NS,
      pod: POD,
      container: 'nope',
    });
    assert.equal(r.ok, false);
    assert.equal(r.kind, 'invalid');
    assert.match(String(r.reason), /exporter, dolphindb/);
  });
});
