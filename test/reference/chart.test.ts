// Our fixture suite chart against the real dolphindb-mgr charts, per version: chart identity and
// subcharts, the values keys the extension sets, the env-config version list, and — rendered with
// the real helm binary — the same workloads, ConfigMaps and operator image tag.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { isOk } from '../../src/core/result';
import { parseEnvConfig } from '../../src/core/dolphindb/versions';
import { SUITE_COMPONENTS } from '../../src/core/explorer/suite';
import { buildInstallArgs } from '../../src/core/operations/helmArgs';
import { packChart } from '../fixtures/chart';
import { chartSourceDir, licenseFile, SUITE_CHART_VERSIONS } from '../fixtures/paths';
import { envConfigFromTemplate, readFromTgz } from '../unit/validation/helpers';
import { referenceChart, yamlInTgz } from './reference';

type Obj = {
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
};
type ChartYaml = { name: string; version: string; dependencies?: { name: string }[] };

/** Keys the extension passes with --set/--set-string/--set-file when every value is given. */
function keysTheExtensionSets(): string[] {
  const args = buildInstallArgs({
    namespace: 'n',
    chart: { kind: 'file', path: 'c.tgz' },
    licenseFile: 'l.lic',
    values: {
      serviceType: 'NodePort',
      storageClass: 'sc',
      nodePortIP: '10.0.0.1',
      coreDumpDir: '/c',
      registry: 'r.example.com',
      repository: 'dolphindb',
      allNamespace: false,
      localTimeFileHostPath: '/etc/localtime',
      customDomainSuffix: 'a.b',
      existingLokiAddress: 'http://l:3100',
      minPersistentVolumeSize: '1Gi',
      dolphindbServiceType: 'NodePort',
      controllerDataSize: '1Gi',
      datanodeDataSize: '1Gi',
      disableExporter: false,
      disablePromtail: false,
      logCleanLimit: '0.9',
      licenseServerAddress: 'x:1',
      licenseLimits: { cpu: '1', memory: '1Gi' },
      grafanaServiceType: 'NodePort',
      prometheusServiceType: 'NodePort',
      components: {
        operator: true,
        webserver: true,
        portal: true,
        grafana: true,
        prometheus: true,
        alertmanager: true,
        nodeExporter: true,
        loki: true,
      },
    },
  });
  return args.flatMap((a, i) => (/^--set(-string|-file)?$/.test(args[i - 1] ?? '') ? [a.slice(0, a.indexOf('='))] : []));
}

/** Whether a dotted key has a value in the chart's values (a key under a subchart looks in that subchart too). */
function hasKey(tgz: string, deps: readonly string[], key: string): boolean {
  const lookup = (values: unknown, parts: string[]): boolean => {
    let cur = values;
    for (const p of parts) {
      if (!cur || typeof cur !== 'object' || !(p in (cur as object))) return false;
      cur = (cur as Record<string, unknown>)[p];
    }
    return true;
  };
  const parts = key.split('.');
  if (lookup(yamlInTgz(tgz, 'values.yaml'), parts)) return true;
  return deps.includes(parts[0]) && lookup(yamlInTgz(tgz, `charts/${parts[0]}/values.yaml`), parts.slice(1));
}

function render(tgz: string): Obj[] {
  const out = execFileSync(
    'helm',
    [
      'template',
      'dolphindb-mgr',
      tgz,
      '--namespace',
      'ref-ns',
      '--set',
      'global.serviceType=NodePort',
      '--set-string',
      'global.storageClass=standard',
      '--set-string',
      'dolphindb-webserver.nodePortIP=127.0.0.1',
      '--set-file',
      `license.content=${licenseFile('fake-valid-2042.lic')}`,
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Obj)
    .filter((o) => o && typeof o === 'object' && o.kind);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const names = (objs: Obj[], kinds: Set<string>): string[] =>
  objs
    .filter((o) => kinds.has(o.kind ?? ''))
    .map((o) => `${o.kind}/${o.metadata?.name}`)
    .sort();

for (const version of SUITE_CHART_VERSIONS) {
  describe(`fixture chart ${version} against the real dolphindb-mgr ${version}`, () => {
    const real = referenceChart(version);
    const ours = packChart(chartSourceDir, version);
    const realChart = yamlInTgz<ChartYaml>(real, 'Chart.yaml');
    const ourChart = yamlInTgz<ChartYaml>(ours, 'Chart.yaml');

    it('same chart name, version and subcharts', () => {
      assert.ok(realChart && ourChart);
      assert.equal(ourChart.name, realChart.name);
      assert.equal(ourChart.version, realChart.version);
      assert.deepEqual(
        (ourChart.dependencies ?? []).map((d) => d.name).sort(),
        (realChart.dependencies ?? []).map((d) => d.name).sort(),
      );
    });

    it('every values key the extension sets that the real chart has, ours has too', () => {
      const deps = (realChart?.dependencies ?? []).map((d) => d.name);
      const keys = keysTheExtensionSets();
      assert.ok(keys.includes('global.serviceType') && keys.includes('license.content'), keys.join());
      const inReal = keys.filter((k) => hasKey(real, deps, k));
      assert.ok(inReal.length >= 5, `keys found in the real chart: ${inReal.join()}`);
      assert.deepEqual(
        inReal.filter((k) => !hasKey(ours, deps, k)),
        [],
      );
    });

    it('the same env-config version list, in the same layout', () => {
      const parse = (tgz: string) =>
        parseEnvConfig(envConfigFromTemplate(readFromTgz(tgz, 'dolphindb-mgr/templates/envconfig.yaml') ?? ''));
      const r = parse(real);
      const o = parse(ours);
      assert.ok(isOk(r) && isOk(o));
      assert.equal(o.value.layout, r.value.layout);
      assert.deepEqual(o.value.versions, r.value.versions);
    });

    it('helm renders the same workloads, suite ConfigMaps and operator image tag', () => {
      const r = render(real);
      const o = render(ours);
      assert.deepEqual(names(o, WORKLOADS), names(r, WORKLOADS));
      for (const spec of SUITE_COMPONENTS) {
        const has = (objs: Obj[]) => objs.some((x) => x.kind?.toLowerCase() === spec.workload && x.metadata?.name === spec.name);
        assert.equal(has(o), has(r), spec.id);
      }
      const cm = (objs: Obj[], name: string) => objs.find((x) => x.kind === 'ConfigMap' && x.metadata?.name === name);
      for (const name of ['dolphindb-env-config', 'dolphindb-license']) assert.ok(cm(r, name) && cm(o, name), name);
      assert.deepEqual(cm(o, 'dolphindb-env-config')?.metadata?.labels, cm(r, 'dolphindb-env-config')?.metadata?.labels);
      const tag = (objs: Obj[]) =>
        objs
          .find((x) => x.metadata?.name === 'dolphindb-operator' && x.kind === 'StatefulSet')
          ?.spec?.template?.spec?.containers?.[0]?.image?.split(':')
          .pop();
      assert.equal(tag(o), tag(r));
    });
  });
}
