// Checks before a suite install, each reported on its own so the user sees everything that is
// wrong at once: cluster reachable, Helm present, chart present, StorageClass, namespace,
// license file, NodePort IP and the chart values. Nothing here changes anything.
import { reasonOf } from '../i18n/text';
import { promises as fs } from 'node:fs';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../k8s/resources';
import { ok, type Result } from '../result';
import { arr, str } from '../explorer/objects';
import { helmVersion } from './helm';
import { checkChart, checkNamespace, checkSuiteValues } from './helmArgs';
import { checkNodeIPv4 } from './input';
import { readLicenseFile } from './licenseFile';
import type { InstallSuiteOptions } from './suite';

export type CheckSeverity = 'error' | 'warning' | 'info';

export interface PreflightCheck {
  readonly id: 'cluster' | 'helm' | 'chart' | 'values' | 'storageClass' | 'namespace' | 'license' | 'nodePortIP';
  readonly ok: boolean;
  /** How much a failed check matters: `error` blocks the install. Passed checks are `info`. */
  readonly severity: CheckSeverity;
  readonly message: string;
}

export interface PreflightReport {
  readonly checks: readonly PreflightCheck[];
  /** No failed check of severity `error`. */
  readonly ready: boolean;
}

const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export async function preflightInstall(
  ctx: OperationContext,
  http: KubeHttp,
  opts: InstallSuiteOptions,
): Promise<Result<PreflightReport>> {
  const checks: PreflightCheck[] = [];
  const pass = (id: PreflightCheck['id'], message: string): void => void checks.push({ id, ok: true, severity: 'info', message });
  const problem = (id: PreflightCheck['id'], severity: CheckSeverity, message: string): void =>
    void checks.push({ id, ok: false, severity, message });
  const t = ctx.t;

  const version = await http.request<{ gitVersion?: string }>('/version', {
    signal: ctx.signal,
    operation: t('read server version'),
  });
  if (version.ok) pass('cluster', t('Kubernetes {0} is reachable at {1}.', version.value?.gitVersion ?? '?', http.server));
  else if (version.error.kind === 'cancelled') return version;
  else problem('cluster', 'error', t('The cluster is not reachable: {0}', reasonOf(version.error, t)));
  const reachable = version.ok;

  const helm = await helmVersion(ctx, opts.helmPath);
  if (helm.ok) pass('helm', t('Helm {0} found at {1}.', helm.value.version, helm.value.path));
  else if (helm.error.kind === 'cancelled') return helm;
  else problem('helm', 'error', reasonOf(helm.error, t));

  const chartErrors = checkChart(t, opts.chart, opts.version);
  if (chartErrors.length > 0) problem('chart', 'error', chartErrors.join(' '));
  else if (opts.chart.kind === 'file') {
    const st = await fs.stat(opts.chart.path).catch(() => undefined);
    if (st) pass('chart', t('Chart file {0} found.', opts.chart.path));
    else problem('chart', 'error', t('Chart not found: the file {0} does not exist.', opts.chart.path));
  } else pass('chart', t('Chart {0} {1} (fetched by Helm from its repository).', opts.chart.ref, opts.version ?? t('(newest)')));

  const values = checkSuiteValues(t, { ...(opts.values ?? {}), nodePortIP: opts.values?.nodePortIP || undefined }, false);
  if (values.errors.length > 0) problem('values', 'error', values.errors.join(' '));
  else if (values.warnings.length > 0) problem('values', 'warning', values.warnings.join(' '));
  else pass('values', t('The chart values are valid.'));

  if (!reachable) {
    problem('storageClass', 'warning', t('Not checked: the cluster is not reachable.'));
    problem('namespace', 'warning', t('Not checked: the cluster is not reachable.'));
  } else {
    await checkStorageClass(ctx, http, opts.values?.storageClass, pass, problem);
    const nsErr = checkNamespace(t, opts.namespace);
    if (nsErr) problem('namespace', 'error', nsErr);
    else {
      const ns = await http.request<KubeObject>(objectPath(KINDS.namespace, opts.namespace), {
        signal: ctx.signal,
        operation: t('read namespace {0}', opts.namespace),
      });
      if (ns.ok && ns.value.metadata.deletionTimestamp)
        problem('namespace', 'error', t('Namespace {0} is being deleted.', opts.namespace));
      else if (ns.ok) pass('namespace', t('Namespace {0} exists.', opts.namespace));
      else if (ns.error.kind === 'notFound')
        pass('namespace', t('Namespace {0} does not exist and will be created.', opts.namespace));
      else problem('namespace', 'warning', t('Namespace {0} could not be checked: {1}', opts.namespace, reasonOf(ns.error, t)));
    }
  }

  const license = await readLicenseFile(ctx, opts.licenseFile, {
    allowExpired: true,
    acceptInvalid: opts.acceptInvalidLicense === true,
  });
  if (!license.ok) problem('license', 'error', reasonOf(license.error, t));
  else if (license.value.overridden)
    problem(
      'license',
      'warning',
      ctx.t(
        'The license file failed a check and is used anyway, as chosen: {0} The operator or DolphinDB may reject it.',
        license.value.overridden,
      ),
    );
  else if (license.value.info.expired && opts.acceptInvalidLicense === true)
    problem(
      'license',
      'warning',
      ctx.t(
        'The license file failed a check and is used anyway, as chosen: {0} The operator or DolphinDB may reject it.',
        t('The license expired on {0}; DolphinDB will not start with it.', license.value.info.expiry ?? '?'),
      ),
    );
  else if (license.value.info.expired)
    problem(
      'license',
      'error',
      t('The license expired on {0}; DolphinDB will not start with it.', license.value.info.expiry ?? '?'),
    );
  else
    pass(
      'license',
      t('The license file looks like a DolphinDB license (expires {0}).', license.value.info.expiry ?? t('unknown')),
    );

  const nodePort = (opts.values?.serviceType ?? 'NodePort') === 'NodePort' || opts.values?.dolphindbServiceType === 'NodePort';
  if (!nodePort) pass('nodePortIP', t('Not needed: the service type is not NodePort.'));
  else {
    const e = checkNodeIPv4(t, opts.values?.nodePortIP);
    if (e) problem('nodePortIP', 'error', t('The service type is NodePort, so a node IP is needed: {0}', e));
    else if (reachable) await checkNodeAddress(ctx, http, opts.values?.nodePortIP ?? '', pass, problem);
    else pass('nodePortIP', t('{0} is a valid IPv4 address.', opts.values?.nodePortIP ?? ''));
  }
  return ok({ checks, ready: !checks.some((c) => !c.ok && c.severity === 'error') });
}

type Pass = (id: PreflightCheck['id'], message: string) => void;
type Problem = (id: PreflightCheck['id'], severity: CheckSeverity, message: string) => void;

async function checkStorageClass(
  ctx: OperationContext,
  http: KubeHttp,
  wanted: string | undefined,
  pass: Pass,
  problem: Problem,
): Promise<void> {
  const t = ctx.t;
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass), {
    signal: ctx.signal,
    operation: t('list {0}', 'storageclasses'),
  });
  if (!r.ok) return problem('storageClass', 'warning', t('StorageClasses could not be listed: {0}', reasonOf(r.error, t)));
  const names = r.value.items.map((o) => o.metadata.name);
  const hint = t('Without a storage provisioner, install local-path-provisioner (it creates StorageClass local-path).');
  if (wanted) {
    if (names.includes(wanted)) return pass('storageClass', t('StorageClass {0} exists.', wanted));
    return problem(
      'storageClass',
      'error',
      t('StorageClass {0} does not exist (existing: {1}). {2}', wanted, names.join(', ') || t('none'), hint),
    );
  }
  const def = r.value.items.find((o) => o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (def) return pass('storageClass', t('No StorageClass given; the default class {0} is used.', def.metadata.name));
  problem(
    'storageClass',
    'error',
    t(
      'No StorageClass given and the cluster has no default StorageClass (existing: {0}). {1}',
      names.join(', ') || t('none'),
      hint,
    ),
  );
}

async function checkNodeAddress(ctx: OperationContext, http: KubeHttp, ip: string, pass: Pass, problem: Problem): Promise<void> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.node), {
    signal: ctx.signal,
    operation: ctx.t('list {0}', 'nodes'),
  });
  if (!r.ok) return pass('nodePortIP', ctx.t('{0} is a valid IPv4 address (nodes could not be listed to compare).', ip));
  const addresses = r.value.items.flatMap((n) => arr(n, 'status', 'addresses').map((a) => str(a, 'address')));
  if (addresses.includes(ip)) return pass('nodePortIP', ctx.t('{0} is the address of a node.', ip));
  problem(
    'nodePortIP',
    'warning',
    ctx.t(
      '{0} is not an address of any node; links to DolphinDB will only work if it reaches a node (for example a load balancer).',
      ip,
    ),
  );
}
