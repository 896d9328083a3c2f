// The log viewer's commands in VS Code against the ground: a pod whose log KWOK serves from a
// file written here (with DolphinDB level markers), read through Pod Logs; then filter (level,
// text, regular expression, refused when broken, cleared), go to the first error, pause and
// resume, save what is shown; and on the merged cluster log of the ha sample, the instance filter.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KubeHttp } from '../../src/core/k8s/http';
import { connectedSession, until } from './util';

const HA_NS = 'ddb-prod';
const POD = 'log-viewer-pod';
type Result = { ok: boolean } & Record<string, unknown>;
const session = connectedSession;

const run = (id: string, answers: Record<string, unknown>): Thenable<Result> =>
  vscode.commands.executeCommand<Result>(`dolphindbK8s.${id}`, answers);

describe('DolphinDB log viewer in VS Code', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-log-viewer-'));
  const file = path.join(dir, 'pod.log');
  let context = '';
  let http: KubeHttp | undefined;

  before(async () => {
    ({ context, http } = await session());
    const ts = new Date().toISOString().replace('Z', '000000Z');
    const day = `${ts.slice(0, 10)} ${ts.slice(11, 26)}`;
    const lines = [
      `${day} <INFO> :DolphinDB started`,
      `${day} <WARNING> :disk usage 85%`,
      `${day} <ERROR> :Failed to open chunk 42`,
      '   at ChunkMgr::open',
      `${day} <INFO> :Timeout raised to 30 s`,
    ];
    fs.writeFileSync(file, lines.map((l) => `${ts} stdout F ${l}\n`).join(''));
    const logs = await http.request(`/apis/kwok.x-k8s.io/v1alpha1/namespaces/${HA_NS}/logs`, {
      method: 'POST',
      body: {
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'Logs',
        metadata: { name: POD, namespace: HA_NS },
        spec: { logs: [{ logsFile: file, follow: true }] },
      },
    });
    assert.ok(logs.ok || logs.error.kind === 'conflict', JSON.stringify(logs));
    const pod = await http.request(`/api/v1/namespaces/${HA_NS}/pods`, {
      method: 'POST',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: POD, namespace: HA_NS },
        spec: { containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
      },
    });
    assert.ok(pod.ok || pod.error.kind === 'conflict', JSON.stringify(pod));
  });

  after(async () => {
    if (http) {
      await http.request(`/api/v1/namespaces/${HA_NS}/pods/${POD}`, { method: 'DELETE' });
      await http.request(`/apis/kwok.x-k8s.io/v1alpha1/namespaces/${HA_NS}/logs/${POD}`, { method: 'DELETE' });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('filters a pod log, goes to its first error, pauses, saves what is shown', async () => {
    await until('the pod running', async () => {
      const p = await http!.request<{ status?: { phase?: string } }>(`/api/v1/namespaces/${HA_NS}/pods/${POD}`);
      return p.ok && p.value.status?.phase === 'Running' ? true : undefined;
    });
    // KWOK serves a new Logs rule only after it has noticed it; until then a stream reads nothing.
    const r = await until(
      'the pod log',
      async () => {
        const x = await run('podLogs', { context, namespace: HA_NS, pod: POD, tailLines: 100, waitLines: 5, waitMs: 5_000 });
        if (x.ok && Number(x.lineCount) >= 5) return x;
        if (x.ok) await vscode.commands.executeCommand('dolphindbK8s.stopLogs', { id: x.id });
        return undefined;
      },
      120_000,
    );
    assert.equal(r.lineCount, 5, JSON.stringify(r));
    const id = String(r.id);

    const errors = await run('filterLog', { id, level: 'error' });
    assert.equal(errors.ok, true, JSON.stringify(errors));
    assert.equal(errors.shown, 2, JSON.stringify(errors.lines));
    assert.match((errors.lines as string[])[0], /<ERROR> :Failed to open chunk 42$/);
    assert.equal((errors.lines as string[])[1], '   at ChunkMgr::open', 'the continuation stays with its error');

    const warn = await run('filterLog', { id, level: 'warning', text: 'DISK' });
    assert.deepEqual(
      (warn.lines as string[]).map((l) => l.replace(/^.*<(\w+)> :/, '$1 ')),
      ['WARNING disk usage 85%'],
    );
    const re = await run('filterLog', { id, text: 'chunk \\d+|Timeout', regex: true });
    assert.equal(re.shown, 2);
    const broken = await run('filterLog', { id, text: '(', regex: true });
    assert.equal(broken.ok, false);
    assert.match(String(broken.reason), /not a regular expression/);
    const all = await run('filterLog', { id, clear: true });
    assert.equal(all.shown, 5);

    const first = await run('logFirstError', { id });
    assert.equal(first.line, 2);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === first.uri, 'the shown lines open in an editor');
    assert.equal(editor.selection.start.line, 2, 'at the first error');
    assert.match(editor.document.lineAt(2).text, /<ERROR>/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    assert.equal((await run('toggleLogFollow', { id, paused: true })).paused, true);
    assert.equal((await run('toggleLogFollow', { id, paused: false })).paused, false);

    await run('filterLog', { id, level: 'warning' });
    const out = path.join(dir, 'saved.log');
    const saved = await run('saveLog', { id, path: out });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    assert.equal(saved.lines, 3);
    const text = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(text.length, 3);
    assert.match(text[0], /<WARNING>/);

    // The previous container's log is one command away; this container never restarted, so it
    // says there is none (at once, not after waiting for one).
    const started = Date.now();
    const prev = await run('previousContainerLog', { id });
    assert.equal(prev.ok, false, JSON.stringify(prev));
    assert.equal(prev.kind, 'notFound');
    assert.match(String(prev.reason), /has not restarted/);
    assert.ok(Date.now() - started < 10_000, 'answered at once');
    await vscode.commands.executeCommand('dolphindbK8s.stopLogs', { id });
  });

  it('filters the merged cluster log by instance; previous-container is refused for it', async () => {
    const r = await run('clusterLogs', {
      context,
      namespace: HA_NS,
      name: 'ha',
      role: 'dn',
      tailLines: 50,
      waitLines: 4,
      waitMatch: '^\\[dn-1\\] ',
      waitMs: 60_000,
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    const id = String(r.id);
    const one = await run('filterLog', { id, sources: ['dn-1'] });
    assert.ok(Number(one.shown) > 0, JSON.stringify(one));
    assert.ok(
      (one.lines as string[]).every((l) => l.startsWith('[dn-1] ')),
      JSON.stringify(one.lines),
    );
    const prev = await run('previousContainerLog', { id });
    assert.equal(prev.ok, false);
    assert.equal(prev.kind, 'unsupported');
    await vscode.commands.executeCommand('dolphindbK8s.stopLogs', { id });
  });
});
