// The logMode 0 path of a pod's Logs on the real control plane: the simulated operator makes a
// logMode 0 cluster and writes its servers' log files (as DolphinDB does, docs/domain.md §2.3);
// the plan says the log is in files under the pod's log mount, and ExecFileTail, given the pod's
// role, picks the data node's server log (not its job log) and follows it through exec. KWOK runs
// exec on the host, so the simulation's server-log folder stands in for the container's log directory.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { ExecFileTail } from '../../src/core/logs/execFileTail';
import { serverLogPlan } from '../../src/core/logs/serverLogPlan';
import { parsePodName } from '../../src/core/dolphindb/names';
import { startSimOperator, type SimOperator } from '../sim-operator/operator';
import { licenseFile } from '../fixtures/paths';
import { adminHttp, apply, ensureNamespace, fixture, list, loadGroundConfig, remove, waitFor } from './lib';

const NS = `lp-file-${crypto.randomBytes(3).toString('hex')}`;
const POD = 'ddb-lf-dn-0-0';
const http = adminHttp();
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-pod-file-'));
let op: SimOperator;

/** KWOK never closes the stdin of an exec'd process: end the tails of this test's folder. */
function killTailsOf(dir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(Number(pid));
    } catch {
      /* gone already, or not ours to read */
    }
  }
}

describe('pod Logs of a logMode 0 server (real API server, simulated operator)', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await apply(http, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dolphindb-license', namespace: NS },
      data: { 'dolphindb.lic': fs.readFileSync(licenseFile('fake-valid-2042.lic'), 'utf8') },
    });
    op = startSimOperator(loadGroundConfig(), {
      namespace: NS,
      suiteNamespace: NS,
      logDir,
      logIntervalMs: 300,
      log: () => undefined,
      statusMinIntervalMs: 200,
    });
    await op.ready;
    const [cr] = fixture('valid/02-singlecontroller.yaml');
    cr.metadata.name = 'lf';
    cr.metadata.namespace = NS;
    assert.equal((cr.spec as { logMode?: number }).logMode, 0, 'the fixture is a logMode 0 cluster');
    await apply(http, cr);
    await waitFor(
      'the data node pod running',
      async () =>
        (await list(http, KINDS.pod, NS)).some(
          (p) => p.metadata.name === POD && (p.status as { phase?: string }).phase === 'Running',
        ),
      60000,
      200,
    );
  });
  after(async () => {
    killTailsOf(logDir);
    await remove(http, KINDS.dolphindb, 'lf', NS);
    await op?.stop();
    await remove(http, KINDS.namespace, NS);
    http.dispose();
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  it("plans the file, picks the data node's server log and follows what the server writes", async () => {
    const ddb = await http.request<KubeObject>(objectPath(KINDS.dolphindb, 'lf', NS));
    const pod = await http.request<KubeObject>(objectPath(KINDS.pod, POD, NS));
    assert.ok(ddb.ok && pod.ok);
    const plan = serverLogPlan(ddb.value, pod.value);
    assert.equal(plan?.kind, 'file');
    assert.ok(plan?.kind === 'file' && !plan.consoleToo, 'logMode 0: files only');
    assert.equal(plan?.kind === 'file' && plan.logDir, '/data/ddb/server/clusterDemo/log', "the pod's log mount");

    const dir = path.join(logDir, NS, POD, 'server-log');
    await waitFor('the server log files', () => fs.existsSync(path.join(dir, 'datanode0.log')), 30000, 100);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['datanode0.log', 'datanode0_job.log']);
    const role = parsePodName('lf', POD)?.abbrev;
    assert.equal(role, 'dn');
    const tail = new ExecFileTail(
      http,
      { namespace: NS, pod: POD, container: plan?.container ?? '', logDir: dir, ...(role ? { role } : {}) },
      { tailLines: 50 },
    );
    const r = await tail.start();
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    try {
      assert.equal(tail.file, 'datanode0.log', 'the server log, not the job log');
      await waitFor(
        'the startup lines',
        () => tail.lines().some((l) => /Node is ready to serve requests/.test(l.text)),
        20000,
        100,
      );
      // The simulated server keeps writing heartbeats: the tail follows them.
      await waitFor('a heartbeat followed', () => tail.lines().some((l) => /heartbeat #\d+/.test(l.text)), 20000, 100);
      for (const l of tail.lines()) assert.match(l.text, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6} <\w+> :/);
    } finally {
      tail.stop();
    }
  });
});
