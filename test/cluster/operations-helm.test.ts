// Suite install with the real Helm binary against the real control plane: preflight, helm
// missing, chart not found, `helm upgrade --install` of the v1.1.7 chart with a license file,
// waitForSuite (KWOK runs the suite's pods), the core dump directory, then uninstall.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import {
  corePatternInstructions,
  installedChartVersion,
  planSetCoreDumpDir,
  readCoreDumpDir,
  setCoreDumpDir,
} from '../../src/core/operations/coredump';
import { preflightInstall } from '../../src/core/operations/preflight';
import {
  installSuite,
  planInstallSuite,
  planUninstallSuite,
  uninstallSuite,
  type InstallSuiteOptions,
} from '../../src/core/operations/suite';
import { waitForSuite } from '../../src/core/operations/waitSuite';
import { adminHttp, remove } from './lib';
import { suiteChart } from '../fixtures/paths';
import { testContext } from '../unit/operations/ctx';
import { licensePath } from '../unit/operations/fixtures';

const NS = `lc-helm-${crypto.randomBytes(3).toString('hex')}`;
const CHART = suiteChart('v1.1.7');
const LICENSE = licensePath('fake-valid-2042.lic');
const http = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-lc-helm-'));
const savedRepoConfig = process.env.HELM_REPOSITORY_CONFIG;

const options = (extra: Partial<InstallSuiteOptions> = {}): InstallSuiteOptions => ({
  namespace: NS,
  chart: { kind: 'file', path: CHART },
  licenseFile: LICENSE,
  // KWOK nodes report 127.0.0.1 as their InternalIP.
  values: { serviceType: 'NodePort', storageClass: 'standard', nodePortIP: '127.0.0.1', coreDumpDir: '/data/ddb/core' },
  timeoutMs: 5 * 60_000,
  ...extra,
});

describe('suite install with Helm (real binary, real API server)', () => {
  before(() => {
    // Helm must not see the developer's own repositories.
    process.env.HELM_REPOSITORY_CONFIG = path.join(tmp, 'repositories.yaml');
  });
  after(async () => {
    await uninstallSuite(testContext(), { namespace: NS });
    await remove(http, KINDS.namespace, NS);
    http.dispose();
    if (savedRepoConfig === undefined) delete process.env.HELM_REPOSITORY_CONFIG;
    else process.env.HELM_REPOSITORY_CONFIG = savedRepoConfig;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('preflight passes for a complete setup', async () => {
    const r = await preflightInstall(testContext(), http, options());
    assert.ok(r.ok);
    assert.ok(r.value.ready, JSON.stringify(r.value.checks, null, 1));
    assert.deepEqual(r.value.checks.map((c) => c.id).sort(), [
      'chart',
      'cluster',
      'helm',
      'license',
      'namespace',
      'nodePortIP',
      'storageClass',
      'values',
    ]);
    assert.match(r.value.checks.find((c) => c.id === 'namespace')?.message ?? '', /will be created/);
    assert.match(r.value.checks.find((c) => c.id === 'nodePortIP')?.message ?? '', /address of a node/);
  });

  it('preflight reports every problem at once', async () => {
    const r = await preflightInstall(
      testContext(),
      http,
      options({
        helmPath: path.join(tmp, 'no-helm'),
        chart: { kind: 'file', path: path.join(tmp, 'missing.tgz') },
        licenseFile: licensePath('fake-malformed-header.lic'),
        values: { serviceType: 'NodePort', storageClass: 'no-such-class' },
      }),
    );
    assert.ok(r.ok);
    assert.equal(r.value.ready, false);
    const failed = Object.fromEntries(r.value.checks.filter((c) => !c.ok).map((c) => [c.id, c]));
    assert.deepEqual(Object.keys(failed).sort(), ['chart', 'helm', 'license', 'nodePortIP', 'storageClass']);
    assert.match(failed.storageClass.message, /does not exist .*local-path-provisioner/);
    assert.match(failed.nodePortIP.message, /node IP/);
    assert.match(failed.license.message, /license header/);
    assert.equal(failed.helm.severity, 'error');
  });

  it('helm missing: a configured path that does not exist', async () => {
    const r = await installSuite(testContext(), options({ helmPath: path.join(tmp, 'bin', 'helm') }));
    assert.equal(!r.ok && r.error.kind, 'helmMissing');
    assert.equal(!r.ok && r.error.changed, false);
  });

  it('chart not found: missing file and unknown repository', async () => {
    const f = await installSuite(
      testContext(),
      options({ chart: { kind: 'file', path: path.join(tmp, 'dolphindb-mgr-v9.9.9.tgz') } }),
    );
    assert.equal(!f.ok && f.error.kind, 'notFound');
    const ctx = testContext();
    const r = await installSuite(ctx, options({ chart: { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, version: 'v1.1.7' }));
    assert.equal(!r.ok && r.error.kind, 'notFound', JSON.stringify(r));
    assert.equal(!r.ok && r.error.changed, false);
    assert.match(!r.ok ? r.error.reason : '', /chart not found: .*dolphindb/);
    const ns = await http.request(objectPath(KINDS.namespace, NS));
    assert.equal(!ns.ok && ns.error.kind, 'notFound', 'nothing was created');
  });

  it('installs the v1.1.7 chart with the license and waits until the suite is ready', async () => {
    const plan = await planInstallSuite(testContext(), options());
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.match(
      plan.value.command,
      /upgrade --install dolphindb-mgr \S+dolphindb-mgr-v1.1.7.tgz --namespace lc-helm-\w+ --create-namespace --set global.serviceType=NodePort --set-string global.storageClass=standard --set-string dolphindb-webserver.nodePortIP=127.0.0.1/,
    );
    const ctx = testContext();
    const started = Date.now();
    const r = await installSuite(ctx, options());
    assert.ok(r.ok, JSON.stringify(r, null, 1) + ctx.lines.join('\n'));
    const helmMs = Date.now() - started;
    assert.ok(
      ctx.lines.some((l) => /^helm: STATUS: deployed/.test(l)),
      ctx.lines.join('\n'),
    );
    const license = fs.readFileSync(LICENSE, 'utf8');
    for (const l of license.split('\n').filter((x) => x.length >= 16))
      assert.ok(!ctx.lines.join('\n').includes(l), 'license content logged');

    const w = testContext();
    const ready = await waitForSuite(w, http, {
      namespace: NS,
      timeoutMs: 4 * 60_000,
      pollMs: 500,
      expect: ['webserver', 'portal', 'grafana', 'prometheus', 'loki', 'alertmanager', 'node-exporter'],
    });
    assert.ok(ready.ok, JSON.stringify(ready) + w.lines.join('\n'));
    assert.deepEqual(ready.value.components.map((c) => c.id).sort(), [
      'alertmanager',
      'grafana',
      'loki',
      'node-exporter',
      'operator',
      'portal',
      'prometheus',
      'webserver',
    ]);
    process.stdout.write(
      `    helm upgrade --install: ${helmMs} ms; suite ready ${ready.value.durationMs} ms later (${ready.value.components.map((c) => `${c.id} ${c.ready}/${c.desired}`).join(', ')})\n`,
    );

    const cm = await http.request<KubeObject>(objectPath(KINDS.configmap, 'dolphindb-license', NS));
    assert.ok(cm.ok);
    assert.equal(cm.value.data?.['dolphindb.lic']?.trim(), license.trim());
  });

  it('reads and changes the core dump directory with helm upgrade --reuse-values', async () => {
    const cur = await readCoreDumpDir(testContext(), http, NS);
    assert.ok(cur.ok);
    assert.deepEqual(cur.value, { dir: '/data/ddb/core', source: 'suite' });
    const v = await installedChartVersion(testContext(), { namespace: NS });
    assert.ok(v.ok && v.value === 'v1.1.7', JSON.stringify(v));
    const bad = await setCoreDumpDir(testContext(), {
      namespace: NS,
      chart: { kind: 'file', path: CHART },
      dir: '/cores; rm -rf /',
    });
    assert.equal(!bad.ok && bad.error.kind, 'invalid');
    const plan = await planSetCoreDumpDir(testContext(), {
      namespace: NS,
      chart: { kind: 'file', path: CHART },
      dir: '/var/ddb-cores',
    });
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.match(
      plan.value.command,
      /upgrade dolphindb-mgr \S+ --namespace lc-helm-\w+ --reuse-values --set-string dolphindb.coreDumpDir=\/var\/ddb-cores/,
    );
    const ctx = testContext();
    const r = await setCoreDumpDir(ctx, { namespace: NS, chart: { kind: 'file', path: CHART }, dir: '/var/ddb-cores' });
    assert.ok(r.ok, JSON.stringify(r) + ctx.lines.join('\n'));
    const after = await readCoreDumpDir(testContext(), http, NS);
    assert.ok(after.ok && after.value.dir === '/var/ddb-cores');
    assert.ok(ctx.lines.includes('echo "/var/ddb-cores/core.%p" | sudo tee /proc/sys/kernel/core_pattern'));
    assert.deepEqual(corePatternInstructions(testContext().t, '/var/ddb-cores').slice(2, 3), [
      'echo "/var/ddb-cores/core.%p" | sudo tee /proc/sys/kernel/core_pattern',
    ]);
    const cm = await http.request<KubeObject>(objectPath(KINDS.configmap, 'dolphindb-license', NS));
    assert.ok(cm.ok && (cm.value.data?.['dolphindb.lic'] ?? '').length > 0, 'reuse-values kept the license');
  });

  it('uninstalls the suite and waits until its workloads are gone', async () => {
    const plan = await planUninstallSuite(testContext(), http, { namespace: NS });
    assert.ok(plan.ok);
    // What is deleted: the release's objects as Helm recorded them, by kind.
    const changes = plan.value.changes.join('\n');
    assert.match(changes, /^Helm deletes the \d+ objects of release revision \d+:$/m);
    assert.match(changes, /^StatefulSet: .*\bdolphindb-operator\b/m);
    assert.match(changes, /^Deployment: .*\bdolphindb-webserver\b/m);
    assert.match(changes, /^ConfigMap: .*\bdolphindb-license\b/m);
    const warnings = plan.value.warnings.join('\n');
    // The volumes named as deleted are exactly the claims Helm created, read here from the API
    // server by Helm's ownership annotation: none for our fixture chart with these values; the
    // real chart (fidelity tier) renders claims for Loki and Prometheus.
    const claims = await http.request<{ items: KubeObject[] }>(`/api/v1/namespaces/${NS}/persistentvolumeclaims`);
    assert.ok(claims.ok);
    const helmClaims = claims.value.items
      .filter((c) => c.metadata.annotations?.['meta.helm.sh/release-name'] === 'dolphindb-mgr')
      .map((c) => c.metadata.name)
      .sort();
    if (helmClaims.length === 0) assert.doesNotMatch(warnings, /These suite volumes are deleted/);
    else {
      const named = /These suite volumes are deleted with their data \(monitoring history\): (.*)\.$/m.exec(warnings);
      assert.ok(named, warnings);
      assert.deepEqual(named[1].split(', ').sort(), helmClaims);
    }
    // What is kept: the clusters' volumes and data, and the CRD (v1.1.7 ships none in its templates).
    assert.match(
      warnings,
      /Kept: the DolphinDB clusters, their pods, Services and PersistentVolumeClaims with the stored data\./,
    );
    assert.match(warnings, /Kept: the DolphinDB CRD\./);
    assert.doesNotMatch(warnings, /stored data is deleted/);
    const r = await uninstallSuite(testContext(), { namespace: NS, waitTimeoutMs: 120_000 }, http);
    assert.ok(r.ok, JSON.stringify(r));
    const again = await uninstallSuite(testContext(), { namespace: NS }, http);
    assert.equal(!again.ok && again.error.kind, 'notFound');
  });
});
