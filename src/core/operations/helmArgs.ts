// Helm argument lists for the suite (docs/domain.md §6), built and checked without I/O. Values go in
// through --set/--set-string, which Helm parses itself (`a=b,c=d` sets two keys, `{x,y}` is a
// list, `\` escapes): every value is checked against a tight pattern and then escaped, so a value
// can never set a second key. Free-text values use --set-string so Helm never turns a StorageClass
// named "1234" or "true" into a number or boolean.
import type { Translate } from '../i18n/translate';
import { QUANTITY_PATTERN } from '../dolphindb/quantity';
import { checkAbsolutePath, checkLabel, checkNodeIPv4, checkSubdomain, clip } from './input';

/** Every doc and the Prometheus config assume this release name (§6.1). */
export const RELEASE_NAME = 'dolphindb-mgr';
export const DEFAULT_CHART_REPO_REF = 'dolphindb/dolphindb-mgr';

export type ServiceType = 'NodePort' | 'ClusterIP' | 'LoadBalancer';
export const SERVICE_TYPES: readonly ServiceType[] = ['NodePort', 'ClusterIP', 'LoadBalancer'];

export type ChartSource = { readonly kind: 'repo'; readonly ref: string } | { readonly kind: 'file'; readonly path: string };

export type SuiteComponentKey =
  'operator' | 'webserver' | 'portal' | 'grafana' | 'prometheus' | 'alertmanager' | 'nodeExporter' | 'loki';
const COMPONENT_VALUE: Readonly<Record<SuiteComponentKey, string>> = {
  operator: 'dolphindb-operator.enabled',
  webserver: 'dolphindb-webserver.enabled',
  portal: 'dolphindb-cloud-portal.enabled',
  grafana: 'grafana.enabled',
  prometheus: 'prometheus.enabled',
  alertmanager: 'alertmanager.enabled',
  nodeExporter: 'node-exporter.enabled',
  loki: 'loki.enabled',
};

/** The chart values of §6.3 this extension sets; anything absent keeps the chart default. */
export interface SuiteValues {
  /** global.serviceType (chart default NodePort). */
  readonly serviceType?: ServiceType;
  /** global.storageClass; empty uses the cluster's default class. */
  readonly storageClass?: string;
  /** dolphindb-webserver.nodePortIP; required with NodePort. */
  readonly nodePortIP?: string;
  /** dolphindb.coreDumpDir (chart default /data/ddb/core). */
  readonly coreDumpDir?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly allNamespace?: boolean;
  readonly localTimeFileHostPath?: string;
  readonly customDomainSuffix?: string;
  readonly existingLokiAddress?: string;
  readonly minPersistentVolumeSize?: string;
  /** dolphindb.serviceType: overrides serviceType for DolphinDB cluster Services. */
  readonly dolphindbServiceType?: ServiceType;
  readonly controllerDataSize?: string;
  readonly datanodeDataSize?: string;
  readonly disableExporter?: boolean;
  readonly disablePromtail?: boolean;
  readonly logCleanLimit?: string;
  readonly licenseServerAddress?: string;
  /** license.resources.limits: the portal's default per-container resources. */
  readonly licenseLimits?: { readonly cpu?: string; readonly memory?: string };
  readonly grafanaServiceType?: ServiceType;
  readonly prometheusServiceType?: ServiceType;
  readonly components?: Readonly<Partial<Record<SuiteComponentKey, boolean>>>;
}

export interface KubeTarget {
  /** Kubeconfig path (or a path list); passed to Helm as KUBECONFIG. */
  readonly kubeconfig?: string;
  readonly kubeContext?: string;
}

export interface InstallArgsInput extends KubeTarget {
  readonly namespace: string;
  readonly chart: ChartSource;
  /** Chart version with the `v` prefix the charts use (`v1.1.7`); only for repo charts. */
  readonly version?: string;
  readonly licenseFile: string;
  readonly values: SuiteValues;
}

export interface Checked {
  readonly errors: string[];
  readonly warnings: string[];
}

const QUANTITY_RE = new RegExp(QUANTITY_PATTERN);
const REPO_REF_RE = /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;
const OCI_RE = /^oci:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._-]+)+$/;
const CHART_VERSION_RE = /^v?\d{1,4}\.\d{1,4}\.\d{1,4}([-+][0-9A-Za-z.-]{1,40})?$/;
const REGISTRY_RE = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;
const REPOSITORY_RE = /^[a-z0-9]+([._/-][a-z0-9]+)*$/;
const URL_RE = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;
const ADDRESS_RE = /^[A-Za-z0-9.:_-]{1,200}$/;
const CONTROL_RE = /[\x00-\x1f\x7f]/;

/** Escapes what Helm's --set parser treats specially in a value: `\`, `,` (next key) and `{` (list). */
export function escapeSetValue(value: string): string {
  return value.replace(/[\\,{}]/g, (c) => `\\${c}`);
}

export function checkChart(t: Translate, chart: ChartSource, version?: string): string[] {
  const errors: string[] = [];
  if (!chart || (chart.kind !== 'repo' && chart.kind !== 'file'))
    return [t('A chart (repository reference or .tgz file) is required.')];
  if (chart.kind === 'repo' && (typeof chart.ref !== 'string' || !(REPO_REF_RE.test(chart.ref) || OCI_RE.test(chart.ref)))) {
    errors.push(t('"{0}" is not a chart reference such as dolphindb/dolphindb-mgr.', clip(String(chart.ref))));
  }
  if (chart.kind === 'file' && (typeof chart.path !== 'string' || chart.path.length === 0 || CONTROL_RE.test(chart.path)))
    errors.push(t('The chart file path is empty or contains control characters.'));
  // The path is a positional argument of `helm upgrade --install`: "--kubeconfig=/x" or "-n" there
  // would be read by Helm as a flag, so a path may not start with "-" (use ./-name for such a file).
  else if (chart.kind === 'file' && chart.path.startsWith('-'))
    errors.push(t('The chart file path must not start with "-" (Helm would read it as an option); use ./ before such a name.'));
  if (version !== undefined && (typeof version !== 'string' || !CHART_VERSION_RE.test(version)))
    errors.push(t('"{0}" is not a chart version such as v1.1.7.', clip(String(version))));
  return errors;
}

/** Validates the values as the chart and §6.3 require. `forInstall` also asks for what a fresh install needs. */
export function checkSuiteValues(t: Translate, v: SuiteValues, forInstall = true): Checked {
  const errors: string[] = [];
  const warnings: string[] = [];
  const push = (e: string | undefined): void => {
    if (e) errors.push(e);
  };
  const enumOk = (what: string, x: unknown): void => {
    if (x !== undefined && !SERVICE_TYPES.includes(x as ServiceType))
      errors.push(t('{0} must be one of {1}.', what, SERVICE_TYPES.join(', ')));
  };
  const pattern = (what: string, x: unknown, re: RegExp, example: string): void => {
    if (x !== undefined && (typeof x !== 'string' || !re.test(x)))
      errors.push(t('{0} "{1}" is not valid (example: {2}).', what, clip(String(x)), example));
  };
  enumOk('global.serviceType', v.serviceType);
  enumOk('dolphindb.serviceType', v.dolphindbServiceType);
  enumOk('grafana.service.type', v.grafanaServiceType);
  enumOk('prometheus.server.service.type', v.prometheusServiceType);
  const nodePort = (v.serviceType ?? 'NodePort') === 'NodePort' || v.dolphindbServiceType === 'NodePort';
  if (v.nodePortIP !== undefined && v.nodePortIP !== '') push(checkNodeIPv4(t, v.nodePortIP));
  else if (forInstall && nodePort)
    errors.push(
      t('With service type NodePort the webserver needs a node IP (dolphindb-webserver.nodePortIP) to build links to DolphinDB.'),
    );
  if (v.storageClass !== undefined && v.storageClass !== '') push(checkSubdomain(t, 'global.storageClass', v.storageClass));
  else if (forInstall) warnings.push(t('No StorageClass given: the cluster default class is used for the suite volumes.'));
  if (v.coreDumpDir !== undefined) push(checkAbsolutePath(t, 'dolphindb.coreDumpDir', v.coreDumpDir));
  if (v.localTimeFileHostPath !== undefined) push(checkAbsolutePath(t, 'global.localTimeFileHostPath', v.localTimeFileHostPath));
  pattern('global.registry', v.registry, REGISTRY_RE, 'registry.example.com:5000');
  pattern('global.repository', v.repository, REPOSITORY_RE, 'dolphindb');
  if (v.customDomainSuffix !== undefined) push(checkSubdomain(t, 'global.customDomainSuffix', v.customDomainSuffix));
  pattern('global.existingLokiAddress', v.existingLokiAddress, URL_RE, 'http://loki.monitoring:3100');
  for (const [what, x] of [
    ['global.minPersistentVolumeSize', v.minPersistentVolumeSize],
    ['dolphindb.controllerDataSize', v.controllerDataSize],
    ['dolphindb.datanodeDataSize', v.datanodeDataSize],
    ['license.resources.limits.cpu', v.licenseLimits?.cpu],
    ['license.resources.limits.memory', v.licenseLimits?.memory],
  ] as const) {
    pattern(what, x, QUANTITY_RE, what.endsWith('cpu') ? '2' : '1Gi');
  }
  if (
    v.logCleanLimit !== undefined &&
    (typeof v.logCleanLimit !== 'string' ||
      !/^\d?\.\d{1,6}$|^1$/.test(v.logCleanLimit) ||
      !(Number(v.logCleanLimit) > 0 && Number(v.logCleanLimit) <= 1))
  ) {
    errors.push(t('dolphindb.logCleanLimit must be a decimal above 0 and at most 1, such as 0.9.'));
  }
  pattern('license.licenseServerAddress', v.licenseServerAddress, ADDRESS_RE, '192.168.1.10:8900');
  for (const [what, x] of [
    ['global.allNamespace', v.allNamespace],
    ['dolphindb.disableExporter', v.disableExporter],
    ['dolphindb.disablePromtail', v.disablePromtail],
  ] as const) {
    if (x !== undefined && typeof x !== 'boolean') errors.push(t('{0} must be true or false.', what));
  }
  const c = v.components ?? {};
  for (const [k, x] of Object.entries(c)) {
    if (!(k in COMPONENT_VALUE)) errors.push(t('Unknown suite component "{0}".', clip(k)));
    else if (typeof x !== 'boolean') errors.push(t('{0} must be true or false.', COMPONENT_VALUE[k as SuiteComponentKey]));
  }
  // Rendering pitfalls found with `helm template` (§6.3).
  if (c.loki === false) errors.push(t('Loki cannot be disabled: the chart then fails to render (no template "loki.fullname").'));
  if (c.prometheus === false && c.grafana !== false)
    errors.push(t('Prometheus can be disabled only together with Grafana: the chart then fails to render.'));
  if (c.operator === false) warnings.push(t('Without the operator nothing reconciles DolphinDB clusters.'));
  if (v.allNamespace)
    warnings.push(
      t('With allNamespace the suite manages DolphinDB objects in every namespace; install it only once per Kubernetes cluster.'),
    );
  return { errors, warnings };
}

function valueArgs(v: SuiteValues): string[] {
  const out: string[] = [];
  const str = (key: string, x: string | undefined): void => {
    if (x !== undefined) out.push('--set-string', `${key}=${escapeSetValue(x)}`);
  };
  const raw = (key: string, x: string | boolean | undefined): void => {
    if (x !== undefined) out.push('--set', `${key}=${String(x)}`);
  };
  raw('global.serviceType', v.serviceType ?? 'NodePort');
  str('global.storageClass', v.storageClass);
  str('dolphindb-webserver.nodePortIP', v.nodePortIP);
  str('dolphindb.coreDumpDir', v.coreDumpDir);
  str('global.registry', v.registry);
  str('global.repository', v.repository);
  raw('global.allNamespace', v.allNamespace);
  str('global.localTimeFileHostPath', v.localTimeFileHostPath);
  str('global.customDomainSuffix', v.customDomainSuffix);
  str('global.existingLokiAddress', v.existingLokiAddress);
  str('global.minPersistentVolumeSize', v.minPersistentVolumeSize);
  raw('dolphindb.serviceType', v.dolphindbServiceType);
  str('dolphindb.controllerDataSize', v.controllerDataSize);
  str('dolphindb.datanodeDataSize', v.datanodeDataSize);
  raw('dolphindb.disableExporter', v.disableExporter);
  raw('dolphindb.disablePromtail', v.disablePromtail);
  // logCleanLimit is a number in the chart's values.yaml; --set keeps it one.
  raw('dolphindb.logCleanLimit', v.logCleanLimit);
  str('license.licenseServerAddress', v.licenseServerAddress);
  str('license.resources.limits.cpu', v.licenseLimits?.cpu);
  str('license.resources.limits.memory', v.licenseLimits?.memory);
  raw('grafana.service.type', v.grafanaServiceType);
  raw('prometheus.server.service.type', v.prometheusServiceType);
  for (const [k, x] of Object.entries(v.components ?? {})) raw(COMPONENT_VALUE[k as SuiteComponentKey], x);
  return out;
}

function chartArgs(chart: ChartSource, version?: string): string[] {
  // A local .tgz carries its own version; --version would be ignored by Helm for it.
  return chart.kind === 'file' ? [chart.path] : [chart.ref, ...(version ? ['--version', version] : [])];
}

function contextArgs(k: KubeTarget): string[] {
  return k.kubeContext ? ['--kube-context', k.kubeContext] : [];
}

export function buildInstallArgs(i: InstallArgsInput): string[] {
  return [
    'upgrade',
    '--install',
    RELEASE_NAME,
    ...chartArgs(i.chart, i.version),
    '--namespace',
    i.namespace,
    '--create-namespace',
    ...contextArgs(i),
    ...valueArgs(i.values),
    '--set-file',
    `license.content=${escapeSetValue(i.licenseFile)}`,
  ];
}

export function buildUninstallArgs(namespace: string, k: KubeTarget = {}): string[] {
  return ['uninstall', RELEASE_NAME, '--namespace', namespace, ...contextArgs(k)];
}

/** `helm upgrade --reuse-values` with extra --set-string values (core dump dir, §10.2). */
export function buildReuseValuesArgs(
  namespace: string,
  chart: ChartSource,
  version: string | undefined,
  sets: Readonly<Record<string, string>>,
  k: KubeTarget = {},
): string[] {
  return [
    'upgrade',
    RELEASE_NAME,
    ...chartArgs(chart, version),
    '--namespace',
    namespace,
    '--reuse-values',
    ...contextArgs(k),
    ...Object.entries(sets).flatMap(([key, value]) => ['--set-string', `${key}=${escapeSetValue(value)}`]),
  ];
}

/** The command as one readable line for the plan; arguments with spaces are quoted for display only. */
export function displayCommand(helm: string, args: readonly string[]): string {
  return [helm, ...args].map((a) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function checkNamespace(t: Translate, namespace: unknown): string | undefined {
  return checkLabel(t, t('Namespace'), namespace);
}
