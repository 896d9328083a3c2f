// The shell session (src/core/exec) against the real control plane: exec with a TTY passes through
// the API server to KWOK's kubelet, whose ClusterExec rule runs the command as a local process
// (test/ground/README.md), so output, exit codes and the resize channel travel the real path.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { writeUserKubeconfig } from '../ground/ground';
import { ShellSession } from '../../src/core/exec/shellSession';
import { KubeHttp } from '../../src/core/k8s/http';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, remove, waitFor } from './lib';

const NS = `exec-shell-${Date.now().toString(36)}`;
const POD = 'ddb-shell-dn-0';
const http = adminHttp();
const groundDir = (): string => {
  const d = process.env.DDB_GROUND_DIR;
  if (!d) throw new Error('DDB_GROUND_DIR must point at the test ground');
  return d;
};
const target = { namespace: NS, pod: POD, container: 'dolphindb' };
// KWOK's local exec drops what a TTY command prints in its last moment (its pty copy races the
// process exit), so the scripted commands pause before they end; a real kubelet has no such gap.
const PAUSE = 'sleep 0.5';

async function run(command: string[], size?: { columns: number; rows: number }): Promise<{ s: ShellSession; text: string }> {
  const r = await ShellSession.open(http, target, { command, ...(size ?? {}) });
  assert.ok(r.ok, r.ok ? '' : `${r.error.kind}: ${r.error.reason}`);
  const s = r.value;
  await Promise.race([s.exited, new Promise((res) => setTimeout(res, 20_000))]);
  return { s, text: s.transcript() };
}

describe('shell session through exec with a TTY', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: POD, namespace: NS },
      spec: {
        containers: [
          { name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16' },
          { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
        ],
      },
    } as KubeObject);
    await waitFor(
      `pod ${POD} running`,
      async () => {
        const r = await http.request<KubeObject>(objectPath(KINDS.pod, POD, NS));
        return r.ok && (r.value.status as { phase?: string } | undefined)?.phase === 'Running';
      },
      30_000,
    );
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
  });

  it('runs a command, shows its output and exit code 0', async () => {
    const { s, text } = await run(['sh', '-c', `echo "hello-$((6*7))"; ${PAUSE}`]);
    assert.match(text, /hello-42/);
    assert.deepEqual(s.exit?.code, 0);
  });

  it('reports a non-zero exit code', async () => {
    const { s, text } = await run(['sh', '-c', `echo bye; ${PAUSE}; exit 3`]);
    assert.match(text, /bye/);
    assert.equal(s.exit?.code, 3);
  });

  it('passes typed input to the shell and the default shell starts', async () => {
    const r = await ShellSession.open(http, target);
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    const s = r.value;
    s.write(`echo "typed-$((2+3))"; ${PAUSE}; exit 7\r`);
    await Promise.race([s.exited, new Promise((res) => setTimeout(res, 20_000))]);
    assert.match(s.transcript(), /typed-5/);
    assert.equal(s.exit?.code, 7);
  });

  it('passes Ctrl-C as the interrupt character to the remote terminal', async () => {
    // The remote tty's line discipline echoes an interrupt character it received as `^C`. (KWOK's
    // pty is not the shell's controlling terminal, "no job control", so the signal itself does
    // not reach a foreground job there; a real runtime's TTY delivers it.)
    const r = await ShellSession.open(http, target);
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    const s = r.value;
    s.write('sleep 2\r');
    await new Promise((res) => setTimeout(res, 500));
    s.write('\x03');
    await waitFor('^C echoed by the remote tty', async () => s.transcript().includes('^C'), 10_000);
    s.write(`echo "next-$((3+4))"; ${PAUSE}; exit 4\r`);
    await Promise.race([s.exited, new Promise((res) => setTimeout(res, 20_000))]);
    assert.match(s.transcript(), /next-7/);
    assert.equal(s.exit?.code, 4);
  });

  it('sends the terminal size and its changes on the resize channel', async () => {
    const r = await ShellSession.open(http, target, {
      command: ['sh', '-c', `sleep 1; stty size; read -r x; stty size; ${PAUSE}`],
      columns: 100,
      rows: 30,
    });
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    const s = r.value;
    await waitFor('first size', async () => /30 100/.test(s.transcript()), 15_000);
    s.resize(120, 40);
    await new Promise((res) => setTimeout(res, 500));
    s.write('\r');
    await Promise.race([s.exited, new Promise((res) => setTimeout(res, 20_000))]);
    assert.match(s.transcript(), /40 120/);
    assert.deepEqual(s.size, { columns: 120, rows: 40 });
  });

  it('names a missing pod or container instead of a bare HTTP status', async () => {
    const noPod = await ShellSession.open(http, { ...target, pod: 'no-such-pod' }, { command: ['sh'] });
    assert.equal(noPod.ok, false);
    if (!noPod.ok) {
      assert.equal(noPod.error.kind, 'notFound');
      assert.match(noPod.error.reason, /pod no-such-pod does not exist/);
    }
    const noContainer = await ShellSession.open(http, { ...target, container: 'nope' }, { command: ['sh'] });
    assert.equal(noContainer.ok, false);
    if (!noContainer.ok) {
      assert.equal(noContainer.error.kind, 'invalid');
      assert.match(noContainer.error.reason, /container nope in pod/);
    }
  });

  it('is refused without pods/exec rights, before anything is opened', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(writeUserKubeconfig(groundDir(), 'readonly-user', NS));
    const r = await ShellSession.open(new KubeHttp(kc, 15_000), target, { command: ['sh', '-c', 'echo no'] });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'forbidden');
      assert.equal(r.error.resource, 'pods/exec');
      assert.match(r.error.reason, new RegExp(`namespace ${NS}`));
    }
  });
});
