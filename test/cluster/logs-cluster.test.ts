// ClusterLogStream against the real control plane with the simulated operator: merged and
// tagged lines, a role filter, a scaled-out instance joining, a recreated pod followed; and the
// logMode 0 path (server log file tailed through exec).
// Each pod's log file is chosen by a KWOK `Logs` rule created here, named after the pod and not
// owned by it, so a recreated pod (same name, new UID) serves its file from its first request:
// rules owned by the pod (the simulated operator's --log-dir) are re-created only after the pod
// runs, and a stream opened before that would follow the ground's default log instead.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ClusterLogStream, type ClusterLogEvent } from '../../src/core/logs/clusterLogStream';
import { ExecFileTail } from '../../src/core/logs/execFileTail';
import { compileFilter, firstAtLevel, type LogFilterSpec } from '../../src/core/logs/logFilter';
import { english } from '../../src/core/i18n/translate';
import { serverLogPlan } from '../../src/core/logs/serverLogPlan';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { applyObjects, writeCriLog } from '../ground/ground';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import {
  adminHttp,
  apply,
  ensureNamespace,
  fixture,
  list,
  loadGroundConfig,
  remove,
  simServerContainer,
  simServerContainers,
  waitFor,
} from './lib';
import { licenseFile } from '../fixtures/paths';

const NS = `logs-cluster-${Date.now().toString(36)}`;
const http = adminHttp();
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-logs-cluster-'));
let op: SimOperator;
const PODS = ['ddb-lc-ctr-0-0', 'ddb-lc-dn-0-0', 'ddb-lc-dn-1-0', 'ddb-lc-dn-2-0', 'ddb-lc-cn-0-0'];
const fileOf = (pod: string): string => path.join(logDir, `${pod}.log`);

/** DolphinDB-shaped lines (`YYYY-MM-DD HH:MM:SS.ffffff <LEVEL> :text`) into a pod's log file. */
function ddbLog(pod: string, texts: string[], append = true): void {
  const ts = new Date().toISOString().replace('T', ' ').replace('Z', '000');
  writeCriLog(
    fileOf(pod),
    texts.map((t) => `${ts} <INFO> :${t}`),
    append,
  );
}

async function logRules(): Promise<void> {
  const dir = process.env.DDB_GROUND_DIR;
  if (!dir) throw new Error('DDB_GROUND_DIR must point at the test ground');
  for (const pod of PODS) ddbLog(pod, [`DolphinDB version: 2.00.14 (${pod})`, 'Node is ready to serve requests.'], false);
  await applyObjects(
    dir,
    PODS.map((pod) => ({
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: { name: pod, namespace: NS },
      spec: { logs: [{ containers: simServerContainers(), logsFile: fileOf(pod), follow: true }] },
    })),
  );
}

function tags(lines: readonly { source?: string }[]): Set<string> {
  return new Set(lines.map((l) => l.source ?? ''));
}

async function patchDdb(name: string, spec: unknown): Promise<void> {
  const r = await http.request(objectPath(KINDS.dolphindb, name, NS), {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { spec },
  });
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
}

/**
 * KWOK runs exec on the host and, unlike a container runtime, never closes the process's stdin,
 * so the `tail -F` of a stopped ExecFileTail lingers on the ground: end the ones reading `dir`.
 */
function killTailsOf(dir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(Number(pid));
    } catch {
      /* gone already, or not ours to read */
    }
  }
}

describe('ClusterLogStream on the real control plane', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    const license = fs.readFileSync(licenseFile('fake-valid-2042.lic'), 'utf8');
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-license', namespace: NS },
      data: { 'dolphindb.lic': license },
    });
    await logRules();
    op = startSimOperator(loadGroundConfig(), {
      namespace: NS,
      suiteNamespace: NS,
      log: () => undefined,
      statusMinIntervalMs: 200,
    });
    await op.ready;
    const [cr] = fixture('valid/02-singlecontroller.yaml');
    cr.metadata.name = 'lc';
    cr.metadata.namespace = NS;
    await apply(http, cr);
    await waitFor(
      '4 pods running',
      async () =>
        (await list(http, KINDS.pod, NS)).filter((p) => (p.status as { phase?: string }).phase === 'Running').length === 4,
      60000,
      200,
    );
  });
  after(async () => {
    await remove(http, KINDS.dolphindb, 'lc', NS);
    await op?.stop();
    await remove(http, KINDS.namespace, NS);
    http.dispose();
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  it("merges every instance's server log with [role-i] prefixes", async () => {
    const s = new ClusterLogStream(http, { namespace: NS, cluster: 'lc' }, { tailLines: 5 });
    const r = await s.start();
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    await waitFor('lines of all four instances', () => tags(s.lines()).size >= 4, 30000, 200);
    assert.deepEqual([...tags(s.lines())].sort(), ['cn-0', 'ctr-0', 'dn-0', 'dn-1']);
    const ctrLine = s.lines().find((l) => l.source === 'ctr-0');
    assert.match(
      ctrLine?.text ?? '',
      /^\[ctr-0\] \d{4}-\d{2}-\d{2} [\d:.]+ <INFO> :DolphinDB version: 2\.00\.14 \(ddb-lc-ctr-0-0\)$/,
    );
    ddbLog('ddb-lc-dn-1-0', ['a new line while following']);
    await waitFor(
      'followed line',
      () => s.lines().some((l) => l.text.endsWith('<INFO> :a new line while following') && l.source === 'dn-1'),
      20000,
      100,
    );
    assert.deepEqual(
      s.sources().map((x) => x.source),
      ['cn-0', 'ctr-0', 'dn-0', 'dn-1'],
    );
    s.stop();
  });

  it("last N lines: every instance's tail merged by time, cut to the newest N", async () => {
    // Lines an hour ahead, interleaved across the four instances: m-0 (ctr-0), m-1 (dn-0), m-2
    // (dn-1), m-3 (cn-0), m-4 (ctr-0)… Read per instance they arrive grouped by pod; the merged
    // read must put them in time order and keep only the newest 6.
    const order = ['ddb-lc-ctr-0-0', 'ddb-lc-dn-0-0', 'ddb-lc-dn-1-0', 'ddb-lc-cn-0-0'];
    const base = Date.now() + 3_600_000;
    for (const [k, pod] of order.entries()) {
      const text = [0, 1, 2, 3]
        .map((j) => {
          const n = k + order.length * j;
          const ts = new Date(base + n * 7).toISOString().replace('Z', '000000Z');
          return `${ts} stdout F ${ts.slice(0, 10)} ${ts.slice(11, 26)} <INFO> :m-${n}\n`;
        })
        .join('');
      fs.appendFileSync(fileOf(pod), text);
    }
    const s = new ClusterLogStream(http, { namespace: NS, cluster: 'lc' }, { follow: false, tailLines: 6 });
    const done = new Promise<void>((resolve) => s.onEvent((e) => e.type === 'ended' && resolve()));
    const r = await s.start();
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('no end in 30 s')), 30_000))]);
    const got = s.lines().map((l) => /:(m-\d+)$/.exec(l.text)?.[1] ?? l.text);
    assert.deepEqual(got, ['m-10', 'm-11', 'm-12', 'm-13', 'm-14', 'm-15'], 'newest 6 in time order');
    assert.deepEqual(
      s.lines().map((l) => l.source),
      ['dn-1', 'cn-0', 'ctr-0', 'dn-0', 'dn-1', 'cn-0'],
    );
  });

  it('the log viewer filter on the merged stream: level, instance, text and regular expression', async () => {
    const stamp = Date.now().toString(36);
    const ts = new Date(Date.now() + 7_200_000).toISOString();
    const day = `${ts.slice(0, 10)} ${ts.slice(11, 23)}`;
    const cri = (text: string): string => `${ts.replace('Z', '000000Z')} stdout F ${text}\n`;
    fs.appendFileSync(fileOf('ddb-lc-dn-0-0'), cri(`${day} <ERROR> :chunk ${stamp} failed`) + cri('   at recovery step 2'));
    fs.appendFileSync(fileOf('ddb-lc-dn-1-0'), cri(`${day} <WARNING> :chunk ${stamp} slow`));
    fs.appendFileSync(fileOf('ddb-lc-ctr-0-0'), cri(`${day} <INFO> :chunk ${stamp} ok`));
    const s = new ClusterLogStream(http, { namespace: NS, cluster: 'lc' }, { follow: false, tailLines: 10 });
    const done = new Promise<void>((resolve) => s.onEvent((e) => e.type === 'ended' && resolve()));
    assert.ok((await s.start()).ok);
    await done;
    const run = (spec: LogFilterSpec): string[] => {
      const r = compileFilter(spec, english);
      assert.ok(r.ok);
      const m = r.value();
      return s
        .lines()
        .filter((l) => m(l))
        .map((l) => l.text);
    };
    const errors = run({ minLevel: 'error' });
    assert.deepEqual(errors.slice(-2), [`[dn-0] ${day} <ERROR> :chunk ${stamp} failed`, '[dn-0]    at recovery step 2']);
    // Equal times across instances: their order among themselves is arrival order, so compare sorted.
    assert.deepEqual(
      run({ text: stamp, minLevel: 'warning' })
        .map((l) => l.slice(0, 6))
        .sort(),
      ['[dn-0]', '[dn-1]'],
    );
    assert.deepEqual(run({ text: stamp, sources: ['ctr-0'] }), [`[ctr-0] ${day} <INFO> :chunk ${stamp} ok`]);
    assert.equal(run({ text: `chunk ${stamp} (failed|slow)$`, regex: true }).length, 2);
    assert.equal(
      firstAtLevel(s.lines()),
      s.lines().findIndex((l) => l.text.includes(`chunk ${stamp} failed`)),
    );
  });

  it('reads one role only, picks up a scaled-out instance and follows a recreated pod', async () => {
    const events: ClusterLogEvent[] = [];
    const s = new ClusterLogStream(http, { namespace: NS, cluster: 'lc', role: 'dn' }, { tailLines: 2 });
    s.onEvent((e) => events.push(e));
    assert.ok((await s.start()).ok);
    await waitFor('dn lines', () => tags(s.lines()).size >= 2, 30000, 200);
    assert.deepEqual([...tags(s.lines())].sort(), ['dn-0', 'dn-1']);

    await patchDdb('lc', { datanode: { replicas: 3 } });
    await waitFor('[dn-2] lines', () => s.lines().some((l) => l.source === 'dn-2'), 60000, 200);
    assert.ok(events.some((e) => e.type === 'sourceAdded' && e.source === 'dn-2'));
    assert.ok(!s.lines().some((l) => l.source?.startsWith('ctr') || l.source?.startsWith('cn')), 'other roles stay out');

    const oldUid = (await list(http, KINDS.pod, NS)).find((p) => p.metadata.name === 'ddb-lc-dn-0-0')?.metadata.uid;
    // The new container starts a new log.
    ddbLog('ddb-lc-dn-0-0', ['DolphinDB version: 2.00.14 (recreated)'], false);
    await remove(http, KINDS.pod, 'ddb-lc-dn-0-0', NS);
    await waitFor(
      'old dn-0 source ended',
      () =>
        events.some(
          (e) => e.type === 'source' && e.source === 'dn-0' && e.event.type === 'ended' && e.event.reason === 'podDeleted',
        ),
      30000,
      200,
    );
    const mark = s.lines().length;
    // Which half is missing when this times out: the pod itself, or the stream's pick-up of it.
    let seen = 'nothing read yet';
    // The pod's UIDs given a dn-0 source; the contract is one source per pod UID. On a loaded ground
    // the replacement may itself be replaced (a third UID): that is still one source each.
    const dn0Uids = (): string[] => events.flatMap((e) => (e.type === 'sourceAdded' && e.source === 'dn-0' ? [e.uid] : []));
    await waitFor(
      'recreated dn-0 pod',
      async () => {
        const pod = (await list(http, KINDS.pod, NS)).find((p) => p.metadata.name === 'ddb-lc-dn-0-0');
        const uids = dn0Uids();
        seen = `pod ${pod ? `${pod.metadata.uid === oldUid ? 'old' : 'new'} uid ${pod.metadata.uid}, phase ${String((pod.status as { phase?: string } | undefined)?.phase)}` : 'absent'}; dn-0 sources for UIDs ${uids.join(', ')} (old ${oldUid}); events: ${events
          .map(
            (e) =>
              e.type +
              ':' +
              ('source' in e ? e.source : '') +
              ('event' in e ? `/${e.event.type}${'reason' in e.event ? `/${String(e.event.reason)}` : ''}` : ''),
          )
          .slice(-12)
          .join(', ')}`;
        return !!pod && pod.metadata.uid !== oldUid && uids.includes(pod.metadata.uid ?? '');
      },
      120000,
      200,
    ).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)} (${seen})`);
    });
    // A line written after the new pod exists must arrive through the new pod's stream (the
    // pre-written one may be cut by the resume point, which depends on timing).
    await waitFor(
      'recreated dn-0 streams again',
      () => {
        if (
          s
            .lines()
            .slice(mark)
            .some((l) => l.source === 'dn-0' && /\((recreated|after recreation)\)$/.test(l.text))
        )
          return true;
        ddbLog('ddb-lc-dn-0-0', ['DolphinDB follows (after recreation)']);
        return false;
      },
      60000,
      1000,
    );
    const uids = dn0Uids();
    assert.equal(new Set(uids).size, uids.length, `one source per pod UID: ${uids.join(', ')}`);
    assert.ok(uids.length >= 2 && uids.includes(oldUid ?? ''), `the first pod and its replacement: ${uids.join(', ')}`);
    s.stop();
    assert.equal(events.at(-1)?.type, 'ended');
  });

  it('logMode 0: explains where the log is and tails the server log file through exec', async () => {
    const got = await http.request<KubeObject>(objectPath(KINDS.dolphindb, 'lc', NS));
    assert.ok(got.ok, got.ok ? '' : got.error.reason);
    const ddb = got.value;
    const pods = await list(http, KINDS.pod, NS);
    const ctr = pods.find((p) => p.metadata.name === 'ddb-lc-ctr-0-0');
    const plan = serverLogPlan(ddb, ctr, { namespace: NS, loki: true, grafana: true });
    assert.equal(plan?.kind, 'file');
    assert.equal(plan?.kind === 'file' && plan.logDir, '/data/ddb/server/clusterDemo/log', "from the pod's log mount");
    assert.match(plan?.explanation ?? '', /logMode is 0/);
    assert.match(plan?.explanation ?? '', /pod_name="ddb-lc-ctr-0-0"/);

    // KWOK runs exec on the host; a directory stands in for the container's log directory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-serverlog-'));
    try {
      fs.writeFileSync(path.join(dir, 'controller_job.log'), 'job line\n');
      fs.writeFileSync(
        path.join(dir, 'controller.log'),
        [
          '2025-03-04 08:00:00.000001 <INFO> :one',
          '2025-03-04 08:00:00.000002 <INFO> :two',
          '2025-03-04 08:00:00.000003 <WARNING> :three',
        ].join('\n') + '\n',
      );
      const tail = new ExecFileTail(
        http,
        { namespace: NS, pod: 'ddb-lc-ctr-0-0', container: simServerContainer('controller'), logDir: dir, role: 'ctr' },
        { tailLines: 2, source: 'ctr-0' },
      );
      const r = await tail.start();
      assert.ok(r.ok, r.ok ? '' : r.error.reason);
      assert.equal(tail.file, 'controller.log');
      await waitFor('tail lines', () => tail.lines().length >= 2, 20000, 100);
      fs.appendFileSync(path.join(dir, 'controller.log'), '2025-03-04 08:00:01.000000 <ERROR> :four\n');
      await waitFor('followed line', () => tail.lines().some((l) => l.text.endsWith(':four')), 20000, 100);
      assert.deepEqual(
        tail.lines().map((l) => l.text),
        [
          '[ctr-0] 2025-03-04 08:00:00.000002 <INFO> :two',
          '[ctr-0] 2025-03-04 08:00:00.000003 <WARNING> :three',
          '[ctr-0] 2025-03-04 08:00:01.000000 <ERROR> :four',
        ],
      );
      tail.stop();

      // The merged stream in file mode does the same for every instance of a role.
      const merged = new ClusterLogStream(
        http,
        { namespace: NS, cluster: 'lc', role: 'ctr' },
        { source: 'file', ddb, logDir: dir, tailLines: 1 },
      );
      assert.ok((await merged.start()).ok);
      await waitFor(
        'merged file line',
        () => merged.lines().some((l) => l.text === '[ctr-0] 2025-03-04 08:00:01.000000 <ERROR> :four'),
        20000,
        100,
      );
      merged.stop();

      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-serverlog-empty-'));
      const none = await new ExecFileTail(http, {
        namespace: NS,
        pod: 'ddb-lc-ctr-0-0',
        container: simServerContainer('controller'),
        logDir: empty,
      }).start();
      fs.rmSync(empty, { recursive: true, force: true });
      assert.equal(none.ok, false);
      assert.match(!none.ok ? none.error.reason : '', /holds no log file yet/);
    } finally {
      killTailsOf(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
