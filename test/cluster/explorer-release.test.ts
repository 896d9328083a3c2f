// The suite node shows the Helm release as Helm records it: a chart named dolphindb-mgr installed
// with the ground's real helm (deployed, revision 1, chart version), then an upgrade whose pod can
// never be scheduled, run with --wait --timeout 1s, which Helm marks failed: the node turns into a
// warning and says why. Read from the release Secrets through the API; helm is only the writer.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import type { ExplorerNode } from '../../src/core/explorer/nodes';
import { KINDS } from '../../src/core/k8s/resources';
import { adminHttp, groundKubeconfig, list, loadGroundConfig, remove, waitFor } from './lib';

const NS = `ex-release-${crypto.randomBytes(3).toString('hex')}`;
const RELEASE = 'suite';
const http = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-release-'));
const chartDir = path.join(tmp, 'dolphindb-mgr');

/**
 * A stand-in of the suite chart: the env-config ConfigMap (how the explorer finds a suite) and
 * the operator; with stuck=true also a Deployment whose pod never schedules.
 */
function writeChart(): void {
  fs.mkdirSync(path.join(chartDir, 'templates'), { recursive: true });
  fs.writeFileSync(
    path.join(chartDir, 'Chart.yaml'),
    'apiVersion: v2\nname: dolphindb-mgr\nversion: 0.1.0\nappVersion: v1.1.7\n',
  );
  fs.writeFileSync(path.join(chartDir, 'values.yaml'), 'stuck: false\n');
  fs.writeFileSync(
    path.join(chartDir, 'templates', 'suite.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: dolphindb-env-config',
      '  labels: {dolphindb.io/component.config: config}',
      'data:',
      '  env-config: |',
      '    dolphindb:',
      '      versions:',
      '        - version: v2.00.16',
      '---',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: dolphindb-operator',
      'spec:',
      '  replicas: 1',
      '  serviceName: dolphindb-operator',
      '  selector: {matchLabels: {app: dolphindb-operator}}',
      '  template:',
      '    metadata: {labels: {app: dolphindb-operator}}',
      '    spec:',
      '      containers: [{name: operator, image: "dolphindb/dolphindb-operator:v1.1.7"}]',
      // Not a suite component: its pod never schedules, so `helm --wait` fails while every
      // component stays healthy, and the warning can only come from the release's status.
      '{{- if .Values.stuck }}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: never-ready',
      'spec:',
      '  replicas: 1',
      '  selector: {matchLabels: {app: never-ready}}',
      '  template:',
      '    metadata: {labels: {app: never-ready}}',
      '    spec:',
      '      containers: [{name: main, image: "busybox:1.36"}]',
      '      nodeSelector: {no-such-node: "true"}',
      '{{- end }}',
      '',
    ].join('\n'),
  );
}

function helm(args: string[]): { code: number; out: string } {
  const r = spawnSync('helm', [...args, '--namespace', NS, '--kubeconfig', groundKubeconfig()], {
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CACHE_HOME: path.join(tmp, 'cache'),
      HELM_CONFIG_HOME: path.join(tmp, 'config'),
      HELM_DATA_HOME: path.join(tmp, 'data'),
    },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

describe('explorer: the suite Helm release', () => {
  let ex: Explorer;
  const suiteNode = (): ExplorerNode | undefined =>
    ex.children(ex.roots()[0]).find((k) => k.kind === 'suite' && (k.description ?? '').includes(` ${NS} `));

  before(() => {
    writeChart();
    ex = new Explorer(loadGroundConfig(), { debounceMs: 10 });
  });
  after(async () => {
    ex?.dispose();
    helm(['uninstall', RELEASE]);
    await remove(http, KINDS.namespace, NS);
    http.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows deployed, the revision and the chart version of a fresh install', async () => {
    const r = helm(['install', RELEASE, chartDir, '--create-namespace']);
    assert.equal(r.code, 0, r.out);
    assert.equal((await ex.connect(ex.currentContext)).s, 'ready');
    const node = await waitFor(
      'suite node with the deployed release',
      () => {
        const n = suiteNode();
        return n && /Helm deployed · revision 1 · chart 0\.1\.0/.test(n.description ?? '') ? n : undefined;
      },
      60_000,
    );
    assert.match(node.tooltip ?? '', /Helm release suite: deployed, revision 1/);
    assert.match(node.tooltip ?? '', /Chart: dolphindb-mgr 0\.1\.0/);
    assert.notEqual(node.icon, 'warning');
    assert.ok(!ex.children(node).some((c) => c.kind === 'message'), 'no warning under a deployed release');
  });

  it("turns into a warning with Helm's message when an upgrade fails", async () => {
    const r = helm(['upgrade', RELEASE, chartDir, '--set', 'stuck=true', '--wait', '--timeout', '1s']);
    assert.notEqual(r.code, 0, `the upgrade was expected to fail: ${r.out}`);
    // What Helm wrote (the API's view, independent of the explorer): revision 2 failed, while
    // revision 1 stays labelled deployed; the newest revision is what `helm status` reports.
    const secrets = await list(http, KINDS.secret, NS, `owner=helm,name=${RELEASE}`);
    assert.deepEqual(secrets.map((s) => `${s.metadata.labels?.version}:${s.metadata.labels?.status}`).sort(), [
      '1:deployed',
      '2:failed',
    ]);
    const node = await waitFor(
      'suite node with the failed release',
      () => {
        const n = suiteNode();
        return n && /Helm failed · revision 2 · chart 0\.1\.0/.test(n.description ?? '') ? n : undefined;
      },
      60_000,
    );
    assert.match(node.description ?? '', / · healthy · /, 'the components themselves are fine');
    assert.deepEqual([node.icon, node.tone], ['warning', 'warning']);
    const warning = ex.children(node)[0];
    assert.equal(warning.kind, 'message');
    assert.equal(warning.icon, 'warning');
    assert.match(warning.label, /^Helm release suite failed: Upgrade "suite" failed: .+/);
    assert.match(node.tooltip ?? '', /Upgrade "suite" failed/);
    // The components are still listed below the warning.
    assert.ok(ex.children(node).some((c) => c.kind === 'suiteComponent' && c.label === 'Operator'));
  });
});
