// Unit tests of the SIMULATED DolphinDB operator: fake log files for KWOK.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { desiredState } from './desired.js';
import { PodLogWriter, ddbLine } from './logwriter.js';
import { cr, podFor, specOf } from './testutil.js';

const root = mkdtempSync(join(tmpdir(), 'sim-op-logs-'));
after(() => rmSync(root, { recursive: true, force: true }));

const spec = specOf(
  cr('lg', {
    mode: 'cluster',
    clusterType: 'singlecontroller',
    version: 'v2.00.16',
    controller: { replicas: 1 },
    datanode: { replicas: 1 },
  }),
);
const d = desiredState({
  name: 'lg',
  namespace: 'dolphindb',
  uid: 'u',
  spec,
  license: 'L',
  leaderIndex: 0,
  suiteVersion: 'v1.1.7',
  serviceType: 'NodePort',
});
const LINE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z stdout F \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} <(DEBUG|INFO|WARNING|ERROR)> :.+$/;

describe('PodLogWriter', () => {
  it('formats DolphinDB lines', () => {
    assert.match(ddbLine(new Date('2025-03-04T08:15:22.123Z'), 'INFO', 'hello'), /^2025-03-04 08:15:22\.123\d{3} <INFO> :hello$/);
  });

  it('writes one file per container once Running, heartbeats, caps size, removes on delete', () => {
    const started: string[] = [];
    const w = new PodLogWriter(root, { intervalMs: 0, maxBytes: 4096 }, undefined, (p, files) =>
      started.push(`${p.metadata?.uid}:${Object.keys(files).length}`),
    );
    const pod = podFor(d.statefulSets[1]);
    const pending = { ...pod, status: { ...pod.status, phase: 'Pending' } };
    w.onPod(pending);
    const dir = join(root, 'dolphindb', 'ddb-lg-dn-0-0');
    assert.equal(existsSync(dir), false);
    w.onPod(pod);
    assert.deepEqual(
      readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .sort(),
      ['cleaner.log', 'config-loader.log', 'dolphindb.log', 'exporter.log', 'promtail.log'],
    );
    w.onPod(pod); // same uid again: nothing new
    assert.deepEqual(started, ['pod-ddb-lg-dn-0:5']);
    const lines = readFileSync(join(dir, 'dolphindb.log'), 'utf8').trim().split('\n');
    assert.ok(lines.length >= 3);
    for (const l of lines) assert.match(l, LINE);
    for (let i = 0; i < 200; i++) w.tick();
    // a restarted writer resumes the same pod without rewriting its files
    const sizeBefore = statSync(join(dir, 'dolphindb.log')).size;
    const w2 = new PodLogWriter(root, { intervalMs: 0, maxBytes: 4096 });
    w2.onPod(pod);
    assert.equal(statSync(join(dir, 'dolphindb.log')).size, sizeBefore);
    void w2.stop();
    assert.ok(statSync(join(dir, 'dolphindb.log')).size <= 4096);
    for (const l of readFileSync(join(dir, 'dolphindb.log'), 'utf8').trim().split('\n')) assert.match(l, LINE);
    // a new pod (new UID) under the same name starts a fresh file
    w.onPod({ ...pod, metadata: { ...pod.metadata, uid: 'second' } });
    assert.ok(readFileSync(join(dir, 'dolphindb.log'), 'utf8').split('\n').length < 10);
    w.onPodDeleted(pod); // old uid: ignored
    assert.equal(existsSync(dir), true);
    w.onPodDeleted({ ...pod, metadata: { ...pod.metadata, uid: 'second' } });
    assert.equal(existsSync(dir), false);
    void w.stop();
  });

  it('writes the server log file of a logMode 0 server (DolphinDB lines, no CRI prefix), a job log beside it, and heartbeats', () => {
    const w = new PodLogWriter(root, { intervalMs: 0 });
    const dn = podFor(d.statefulSets[1]);
    const ctr = podFor(d.statefulSets[0]);
    w.onPod(dn);
    w.onPod(ctr);
    const dnDir = join(root, 'dolphindb', 'ddb-lg-dn-0-0', 'server-log');
    assert.deepEqual(readdirSync(dnDir).sort(), ['datanode0.log', 'datanode0_job.log']);
    assert.deepEqual(readdirSync(join(root, 'dolphindb', 'ddb-lg-ctr-0-0', 'server-log')), ['controller0.log']);
    w.tick();
    const lines = readFileSync(join(dnDir, 'datanode0.log'), 'utf8').trim().split('\n');
    for (const l of lines) assert.match(l, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} <(INFO|WARNING)> :.+$/);
    assert.match(lines.at(-1) ?? '', /heartbeat #1/);
    w.onPodDeleted(dn);
    w.onPodDeleted(ctr);
    void w.stop();
  });

  it('writes no server log file for logMode 1', () => {
    const console1 = desiredState({
      name: 'lg1',
      namespace: 'dolphindb',
      uid: 'u1',
      spec: specOf(cr('lg1', { mode: 'standalone', version: 'v2.00.16', logMode: 1, datanode: { replicas: 1 } })),
      license: 'L',
      leaderIndex: 0,
      suiteVersion: 'v1.1.7',
      serviceType: 'NodePort',
    });
    const w = new PodLogWriter(root, { intervalMs: 0 });
    const pod = podFor(console1.statefulSets[0]);
    w.onPod(pod);
    assert.equal(existsSync(join(root, 'dolphindb', pod.metadata?.name ?? '', 'server-log')), false);
    w.onPodDeleted(pod);
    void w.stop();
  });
});
