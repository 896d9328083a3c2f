// PodLogStream against the real control plane: KWOK serves the container logs (CRI log files
// chosen by a KWOK `Logs` rule) through the API server, exactly the path `kubectl logs` takes.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyObjects, restartComponent, writeCriLog } from '../ground/ground';
import { PodLogStream } from '../../src/core/logs/podLogStream';
import type { LogStreamEvent } from '../../src/core/logs/types';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, remove, waitFor } from './lib';

const NS = `logs-pod-${Date.now().toString(36)}`;
const http = adminHttp();
const groundDir = (): string => {
  const d = process.env.DDB_GROUND_DIR;
  if (!d) throw new Error('DDB_GROUND_DIR must point at the test ground');
  return d;
};
const logFile = (pod: string, suffix = ''): string => path.join(groundDir(), 'pod-logs', `${NS}_${pod}${suffix}.log`);

function podObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: { app: 'logs-test' } },
    spec: {
      containers: [
        { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
        { name: 'dolphindb', image: 'dolphindb/dolphindb:v2.00.16' },
      ],
    },
  } as KubeObject;
}

/** A pod whose `dolphindb` container logs `lines` (and a previous instance logged `previous`). */
async function makePod(name: string, lines: string[], previous?: string[]): Promise<void> {
  writeCriLog(logFile(name), lines);
  if (previous) writeCriLog(logFile(name, '-previous'), previous);
  await applyObjects(groundDir(), [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: { name, namespace: NS },
      spec: {
        logs: [{ logsFile: logFile(name), ...(previous ? { previousLogsFile: logFile(name, '-previous') } : {}), follow: true }],
      },
    },
  ]);
  await apply(http, podObject(name));
  await waitFor(
    `pod ${name} running`,
    async () => {
      const r = await http.request<KubeObject>(objectPath(KINDS.pod, name, NS));
      return r.ok && (r.value.status as { phase?: string } | undefined)?.phase === 'Running';
    },
    30000,
  );
}

function record(stream: PodLogStream): { lines: string[]; events: LogStreamEvent[] } {
  const rec = { lines: [] as string[], events: [] as LogStreamEvent[] };
  stream.onLines((ls) => rec.lines.push(...ls.map((l) => l.text)));
  stream.onEvent((e) => rec.events.push(e));
  return rec;
}

describe('PodLogStream on the real control plane', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await makePod(
      'p1',
      Array.from({ length: 10 }, (_, i) => `line ${i + 1}`),
    );
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('reads the tail of the server container without following, then ends as completed', async () => {
    const s = new PodLogStream(http, { namespace: NS, pod: 'p1' }, { follow: false, tailLines: 3 });
    const rec = record(s);
    const r = await s.start();
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    assert.equal(s.containerName, 'dolphindb', 'picked by image, not by order');
    await waitFor('end', () => s.ended, 15000);
    assert.deepEqual(rec.lines, ['line 8', 'line 9', 'line 10']);
    assert.deepEqual(rec.events.at(-1), { type: 'ended', reason: 'completed', message: 'end of log' });
    assert.ok(
      s.lines().every((l) => l.time && /^\d{4}-/.test(l.time)),
      'each line carries the server timestamp',
    );
  });

  it('follows: new lines written to the container log arrive, and stop() ends the stream', async () => {
    const s = new PodLogStream(http, { namespace: NS, pod: 'p1' }, { tailLines: 2 });
    const rec = record(s);
    assert.ok((await s.start()).ok);
    await waitFor('tail', () => rec.lines.length >= 2, 15000);
    writeCriLog(logFile('p1'), ['line 11', 'line 12'], true);
    await waitFor('new lines', () => rec.lines.includes('line 12'), 15000);
    assert.deepEqual(rec.lines, ['line 9', 'line 10', 'line 11', 'line 12']);
    s.stop();
    assert.equal(s.ended, true);
    assert.equal(rec.events.at(-1)?.type, 'ended');
  });

  it('keeps only maxLines lines in memory', async () => {
    const s = new PodLogStream(http, { namespace: NS, pod: 'p1' }, { follow: false, maxLines: 4 });
    const rec = record(s);
    assert.ok((await s.start()).ok);
    await waitFor('end', () => s.ended, 15000);
    assert.ok(rec.lines.length >= 12, 'every line was delivered to listeners');
    assert.deepEqual(
      s.lines().map((l) => l.text),
      rec.lines.slice(-4),
    );
    assert.equal(s.droppedLines, rec.lines.length - 4);
  });

  it('reads the previous instance of a restarted container', async () => {
    await makePod('p2', ['current run'], ['previous run 1', 'previous run 2: fatal error']);
    // Without a restart there is no previous log: a clear failure, no request.
    const early = await new PodLogStream(http, { namespace: NS, pod: 'p2' }, { previous: true }).start();
    assert.equal(early.ok, false);
    assert.match(!early.ok ? early.error.reason : '', /has not restarted, so there is no previous log/);
    // Record a restart in the pod status, as the kubelet would.
    const st = await http.request<KubeObject>(objectPath(KINDS.pod, 'p2', NS));
    assert.ok(st.ok);
    const statuses = ((st.value.status as { containerStatuses?: Record<string, unknown>[] }).containerStatuses ?? []).map((c) =>
      c.name === 'dolphindb'
        ? {
            ...c,
            restartCount: 1,
            lastState: {
              terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:01Z' },
            },
          }
        : c,
    );
    const patched = await http.request(objectPath(KINDS.pod, 'p2', NS) + '/status', {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { containerStatuses: statuses } },
    });
    assert.ok(patched.ok, patched.ok ? '' : patched.error.reason);
    const s = new PodLogStream(http, { namespace: NS, pod: 'p2' }, { previous: true, tailLines: 1 });
    const rec = record(s);
    const r = await s.start();
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    await waitFor('end', () => s.ended, 15000);
    assert.deepEqual(rec.lines, ['previous run 2: fatal error']);
  });

  it("names the pod's containers when the container does not exist", async () => {
    const r = await new PodLogStream(http, { namespace: NS, pod: 'p1', container: 'ddb' }).start();
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, 'invalid');
    assert.match(r.error.reason, /pod p1 has no container named "ddb"; its containers are: exporter, dolphindb/);
    const missing = await new PodLogStream(http, { namespace: NS, pod: 'nope' }).start();
    assert.equal(!missing.ok && missing.error.kind, 'notFound');
  });

  it('ends with podDeleted when the pod is deleted mid-stream', async () => {
    await makePod('p3', ['before delete']);
    const s = new PodLogStream(http, { namespace: NS, pod: 'p3' });
    const rec = record(s);
    assert.ok((await s.start()).ok);
    await waitFor('first line', () => rec.lines.includes('before delete'), 15000);
    await remove(http, KINDS.pod, 'p3', NS);
    await waitFor('ended', () => s.ended, 30000);
    const end = rec.events.at(-1);
    assert.equal(end?.type, 'ended');
    assert.equal(end?.type === 'ended' && end.reason, 'podDeleted');
    assert.equal(end?.type === 'ended' && end.message, 'pod p3 was deleted');
  });

  it('survives an API server restart: reconnects and resumes without duplicates', async () => {
    const s = new PodLogStream(http, { namespace: NS, pod: 'p1' }, { tailLines: 1, minBackoffMs: 200, maxBackoffMs: 2000 });
    const rec = record(s);
    assert.ok((await s.start()).ok);
    await waitFor('tail', () => rec.lines.length >= 1, 15000);
    const before = rec.lines.length;
    await restartComponent(groundDir(), 'kube-apiserver', { downMs: 500 });
    writeCriLog(logFile('p1'), ['after restart 1', 'after restart 2'], true);
    await waitFor(
      'reconnected and new lines',
      () => rec.events.some((e) => e.type === 'reconnected') && rec.lines.includes('after restart 2'),
      90000,
      200,
    );
    assert.ok(
      rec.events.some((e) => e.type === 'interrupted'),
      'the break was reported',
    );
    const after = rec.lines.slice(before);
    assert.deepEqual(after, ['after restart 1', 'after restart 2'], `lines after the restart: ${JSON.stringify(after)}`);
    assert.equal(new Set(rec.lines).size, rec.lines.length, 'no line twice');
    s.stop();
    // Leave the ground as found: KWOK's own watches of its rules reconnect with a backoff after
    // the restart; wait until a rule created now takes effect, so later tests see a working KWOK.
    const probe = [`kwok watches again ${Date.now()}`];
    writeCriLog(logFile('p1', '-probe'), probe);
    await applyObjects(groundDir(), [
      {
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'Logs',
        metadata: { name: 'p1', namespace: NS },
        spec: { logs: [{ logsFile: logFile('p1', '-probe'), follow: true }] },
      },
    ]);
    await waitFor(
      'KWOK serving a new rule',
      async () => {
        const r = await http.raw(`${objectPath(KINDS.pod, 'p1', NS)}/log`, { query: { container: 'dolphindb' } });
        return r.ok && r.value.status === 200 && r.value.text.includes(probe[0] as string);
      },
      120000,
      500,
    );
  });
});

// Keep the log files of this run from piling up in the ground dir.
process.on('exit', () => {
  try {
    for (const f of fs.readdirSync(path.join(groundDir(), 'pod-logs')))
      if (f.startsWith(`${NS}_`)) fs.rmSync(path.join(groundDir(), 'pod-logs', f), { force: true });
  } catch {
    /* the ground dir may be gone */
  }
});
