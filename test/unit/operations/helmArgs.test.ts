import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english as t } from '../../../src/core/i18n/translate';
import {
  buildInstallArgs,
  buildReuseValuesArgs,
  buildUninstallArgs,
  checkChart,
  checkSuiteValues,
  displayCommand,
  escapeSetValue,
} from '../../../src/core/operations/helmArgs';

describe('helm argument lists', () => {
  it('builds the documented install command from a repository chart', () => {
    const args = buildInstallArgs({
      namespace: 'dolphindb',
      chart: { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' },
      version: 'v1.1.7',
      licenseFile: 'licenses/dolphindb.lic',
      values: {
        serviceType: 'NodePort',
        storageClass: 'local-path',
        nodePortIP: '192.168.100.10',
        coreDumpDir: '/data/ddb/core',
      },
    });
    assert.deepEqual(args, [
      'upgrade',
      '--install',
      'dolphindb-mgr',
      'dolphindb/dolphindb-mgr',
      '--version',
      'v1.1.7',
      '--namespace',
      'dolphindb',
      '--create-namespace',
      '--set',
      'global.serviceType=NodePort',
      '--set-string',
      'global.storageClass=local-path',
      '--set-string',
      'dolphindb-webserver.nodePortIP=192.168.100.10',
      '--set-string',
      'dolphindb.coreDumpDir=/data/ddb/core',
      '--set-file',
      'license.content=licenses/dolphindb.lic',
    ]);
  });
  it('a local .tgz carries its own version, and the context flag is passed through', () => {
    const args = buildInstallArgs({
      namespace: 'ns1',
      chart: { kind: 'file', path: '/c/dolphindb-mgr-v1.1.7.tgz' },
      version: 'v1.1.7',
      licenseFile: '/l.lic',
      values: { serviceType: 'ClusterIP' },
      kubeContext: 'prod',
    });
    assert.equal(args[3], '/c/dolphindb-mgr-v1.1.7.tgz');
    assert.ok(!args.includes('--version'));
    assert.deepEqual(args.slice(args.indexOf('--kube-context'), args.indexOf('--kube-context') + 2), ['--kube-context', 'prod']);
  });
  it('escapes what --set would read as another key, a list or an escape', () => {
    assert.equal(escapeSetValue('a,b'), 'a\\,b');
    assert.equal(escapeSetValue('{x}'), '\\{x\\}');
    assert.equal(escapeSetValue('C:\\lic\\a.lic'), 'C:\\\\lic\\\\a.lic');
    const args = buildInstallArgs({
      namespace: 'n',
      chart: { kind: 'file', path: 'c.tgz' },
      licenseFile: 'C:\\Users\\x,y\\a.lic',
      values: { serviceType: 'ClusterIP' },
    });
    assert.equal(args[args.length - 1], 'license.content=C:\\\\Users\\\\x\\,y\\\\a.lic');
  });
  it('components and typed values', () => {
    const args = buildInstallArgs({
      namespace: 'n',
      chart: { kind: 'file', path: 'c.tgz' },
      licenseFile: 'l',
      values: {
        serviceType: 'ClusterIP',
        allNamespace: true,
        logCleanLimit: '0.8',
        components: { grafana: false, prometheus: false },
      },
    });
    const sets = args.filter((_, i) => args[i - 1] === '--set');
    assert.deepEqual(sets, [
      'global.serviceType=ClusterIP',
      'global.allNamespace=true',
      'dolphindb.logCleanLimit=0.8',
      'grafana.enabled=false',
      'prometheus.enabled=false',
    ]);
  });
  it('uninstall and reuse-values upgrade', () => {
    assert.deepEqual(buildUninstallArgs('dolphindb'), ['uninstall', 'dolphindb-mgr', '--namespace', 'dolphindb']);
    assert.deepEqual(
      buildReuseValuesArgs('dolphindb', { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, 'v1.1.7', {
        'dolphindb.coreDumpDir': '/cores',
      }),
      [
        'upgrade',
        'dolphindb-mgr',
        'dolphindb/dolphindb-mgr',
        '--version',
        'v1.1.7',
        '--namespace',
        'dolphindb',
        '--reuse-values',
        '--set-string',
        'dolphindb.coreDumpDir=/cores',
      ],
    );
  });
  it('displays the command with quoting for display only', () => {
    assert.equal(displayCommand('/usr/bin/helm', ['list', '-n', 'a b']), "/usr/bin/helm list -n 'a b'");
  });
});

describe('suite value rules', () => {
  it('NodePort needs a plausible node IP', () => {
    assert.match(checkSuiteValues(t, { serviceType: 'NodePort', storageClass: 'sc' }).errors.join(), /node IP/);
    assert.match(checkSuiteValues(t, { storageClass: 'sc' }).errors.join(), /node IP/, 'NodePort is the chart default');
    assert.match(checkSuiteValues(t, { serviceType: 'NodePort', nodePortIP: '300.1.1.1' }).errors.join(), /IPv4/);
    assert.deepEqual(checkSuiteValues(t, { serviceType: 'ClusterIP', storageClass: 'sc' }).errors, []);
    assert.deepEqual(checkSuiteValues(t, { serviceType: 'NodePort', nodePortIP: '10.0.0.5', storageClass: 'sc' }).errors, []);
  });
  it('rejects injection attempts and bad types', () => {
    const e = checkSuiteValues(t, { serviceType: 'ClusterIP', storageClass: 'std,global.allNamespace=true' }).errors;
    assert.equal(e.length, 1);
    assert.ok(checkSuiteValues(t, { serviceType: 'Bogus' as never }).errors.length > 0);
    assert.ok(checkSuiteValues(t, { serviceType: 'ClusterIP', coreDumpDir: '/x\n/y' }).errors.length > 0);
    assert.ok(checkSuiteValues(t, { serviceType: 'ClusterIP', registry: 'reg.example.com:5000,x=y' }).errors.length > 0);
    assert.ok(checkSuiteValues(t, { serviceType: 'ClusterIP', minPersistentVolumeSize: '10GB' }).errors.length > 0);
    assert.ok(checkSuiteValues(t, { serviceType: 'ClusterIP', logCleanLimit: '1.5' }).errors.length > 0);
    assert.deepEqual(
      checkSuiteValues(t, { serviceType: 'ClusterIP', logCleanLimit: '0.9', minPersistentVolumeSize: '20Gi' }).errors,
      [],
    );
  });
  it('knows the chart rendering pitfalls', () => {
    assert.match(checkSuiteValues(t, { serviceType: 'ClusterIP', components: { loki: false } }).errors.join(), /Loki/);
    assert.match(checkSuiteValues(t, { serviceType: 'ClusterIP', components: { prometheus: false } }).errors.join(), /Grafana/);
    assert.deepEqual(
      checkSuiteValues(t, { serviceType: 'ClusterIP', components: { prometheus: false, grafana: false } }).errors,
      [],
    );
  });
  it('warns when the default StorageClass will be used', () => {
    assert.match(checkSuiteValues(t, { serviceType: 'ClusterIP' }).warnings.join(), /default class/);
  });
  it('chart references and versions', () => {
    assert.deepEqual(checkChart(t, { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, 'v1.1.7'), []);
    assert.ok(checkChart(t, { kind: 'repo', ref: 'dolphindb/dolphindb-mgr; rm -rf /' }).length > 0);
    assert.ok(checkChart(t, { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, 'latest').length > 0);
    assert.ok(checkChart(t, { kind: 'file', path: '' }).length > 0);
  });
});
