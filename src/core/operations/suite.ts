// Install, upgrade and uninstall the DolphinDB suite (Helm release `dolphindb-mgr`, docs/domain.md §6)
// with `helm upgrade --install`, from a chart repository reference or a local .tgz. The license
// goes in with --set-file (§5.1); its content is never put on the command line and any line of
// it that Helm echoes is scrubbed before it reaches the log.
import { promises as fs } from 'node:fs';
import { verbatim, type Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../k8s/resources';
import { fail, type Failure, type Result } from '../result';
import { SUITE_COMPONENTS } from '../explorer/suite';
import { scrub } from '../k8s/errors';
import { helmVersion, type HelmInfo } from './helm';
import {
  buildInstallArgs,
  buildUninstallArgs,
  checkChart,
  checkNamespace,
  checkSuiteValues,
  displayCommand,
  RELEASE_NAME,
  type ChartSource,
  type KubeTarget,
  type SuiteValues,
} from './helmArgs';
import { licenseScrubber, readLicenseFile } from './licenseFile';
import { afterChange, done, refusedOutcome, unchanged, type Outcome, type Plan } from './outcome';
import { runProcess, type RunResult } from './process';
import { waitUntil } from './wait';
import { readReleaseManifest, type ReleaseObject } from './releaseManifest';
import { reasonOf } from '../i18n/text';

export interface HelmRunOptions extends KubeTarget {
  /** The dolphindbK8s.helmPath setting; empty or absent: helm from PATH. */
  readonly helmPath?: string;
  /** Bound on the Helm process. Default 10 min. */
  readonly timeoutMs?: number;
}

export interface InstallSuiteOptions extends HelmRunOptions {
  readonly namespace: string;
  readonly chart: ChartSource;
  /** Chart version (`v1.1.7`) for repository charts; without it Helm takes the newest. */
  readonly version?: string;
  /** Path of the DolphinDB license file. */
  readonly licenseFile: string;
  /** Use a license file that fails the (inferred) format or expiry check, after the user chose to. */
  readonly acceptInvalidLicense?: boolean;
  readonly values: SuiteValues;
}

export interface InstallPlan extends Plan {
  /** The Helm command as it will run (license path shown, never its content). */
  readonly command: string;
  readonly helm: HelmInfo;
}

export interface HelmRunResult {
  readonly helm: HelmInfo;
  readonly durationMs: number;
}

export const DEFAULT_HELM_TIMEOUT_MS = 10 * 60_000;

function helmEnv(k: KubeTarget): NodeJS.ProcessEnv {
  return k.kubeconfig ? { ...process.env, KUBECONFIG: k.kubeconfig } : process.env;
}

const CHART_NOT_FOUND = [
  /repo .* not found/i,
  /failed to download/i,
  /chart .*not found/i,
  /no chart version found/i,
  /no chart name found/i,
  /path ".*" not found/i,
  /no such file or directory/i,
  /not a valid chart repository/i,
  /unable to locate chart/i,
];

/** A non-zero Helm exit as a Failure: "chart not found" separately, else the scrubbed last stderr lines. */
export function helmExitFailure(t: Translate, operation: string, r: RunResult, lines = 6): Failure {
  const tail = r.stderrTail.filter((l) => l.trim() !== '');
  const text = scrub(tail.slice(-lines).join('\n'));
  if (tail.some((l) => CHART_NOT_FOUND.some((re) => re.test(l))))
    return { kind: 'notFound', operation, reason: t('chart not found: {0}', text) };
  return { kind: 'helmFailed', operation, reason: text || t('helm exited with code {0}', String(r.code ?? r.signal)) };
}

async function prepareInstall(
  ctx: OperationContext,
  opts: InstallSuiteOptions,
): Promise<Outcome<{ plan: InstallPlan; args: string[]; license: string }>> {
  const op = verbatim(`helm install ${RELEASE_NAME}`);
  const errors = [checkNamespace(ctx.t, opts.namespace), ...checkChart(ctx.t, opts.chart, opts.version)].filter(
    (e): e is string => e !== undefined,
  );
  const values = checkSuiteValues(ctx.t, opts.values ?? {}, true);
  errors.push(...values.errors);
  if (typeof opts.licenseFile !== 'string' || /[\x00-\x1f]/.test(opts.licenseFile))
    errors.push(ctx.t('The license file path is missing or contains control characters.'));
  if (errors.length > 0) return refusedOutcome('invalid', op, errors.join(' '));
  const license = await readLicenseFile(ctx, opts.licenseFile, { acceptInvalid: opts.acceptInvalidLicense === true });
  if (!license.ok) return unchanged(license.error);
  if (opts.chart.kind === 'file') {
    const st = await fs.stat(opts.chart.path).catch(() => undefined);
    if (!st) return refusedOutcome('notFound', op, ctx.t('Chart not found: the file {0} does not exist.', opts.chart.path));
  }
  const helm = await helmVersion(ctx, opts.helmPath);
  if (!helm.ok) return unchanged(helm.error);
  const args = buildInstallArgs({ ...opts, values: opts.values ?? {} });
  const warnings = [...values.warnings];
  if (license.value.overridden)
    warnings.push(
      ctx.t(
        'The license file failed a check and is used anyway, as chosen: {0} The operator or DolphinDB may reject it.',
        license.value.overridden,
      ),
    );
  if (opts.chart.kind === 'repo' && !opts.version)
    warnings.push(ctx.t('No chart version given: Helm installs the newest chart in the repository.'));
  const changes = [
    ctx.t(
      'Install or upgrade Helm release {0} in namespace {1} (created if missing) from {2}.',
      RELEASE_NAME,
      opts.namespace,
      opts.chart.kind === 'file' ? opts.chart.path : `${opts.chart.ref}${opts.version ? ` ${opts.version}` : ''}`,
    ),
    ctx.t(
      'Create or update the suite workloads: operator, webserver, cloud portal and the monitoring stack, with their Services, ConfigMaps (including dolphindb-license) and cluster-wide RBAC.',
    ),
    ctx.t('License: {0} (expires {1}).', opts.licenseFile, license.value.info.expiry ?? ctx.t('unknown')),
  ];
  const plan: InstallPlan = {
    title: ctx.t('Install the DolphinDB suite in {0}', opts.namespace),
    changes,
    warnings,
    command: displayCommand(helm.value.path, args),
    helm: helm.value,
  };
  return done({ plan, args, license: license.value.content });
}

export async function planInstallSuite(ctx: OperationContext, opts: InstallSuiteOptions): Promise<Outcome<InstallPlan>> {
  const p = await prepareInstall(ctx, opts);
  return p.ok ? done(p.value.plan) : p;
}

export async function installSuite(ctx: OperationContext, opts: InstallSuiteOptions): Promise<Outcome<HelmRunResult>> {
  const p = await prepareInstall(ctx, opts);
  if (!p.ok) return p;
  const { plan, args, license } = p.value;
  for (const w of plan.warnings) ctx.log(ctx.t('Warning: {0}', w));
  ctx.log(`$ ${plan.command}`);
  ctx.progress.report(ctx.t('Running helm upgrade --install {0}', RELEASE_NAME));
  const op = verbatim(`helm upgrade --install ${RELEASE_NAME} -n ${opts.namespace}`);
  const r = await runProcess(ctx, {
    command: plan.helm.path,
    args,
    env: helmEnv(opts),
    timeoutMs: opts.timeoutMs ?? DEFAULT_HELM_TIMEOUT_MS,
    scrub: licenseScrubber(license),
    label: 'helm',
    operation: op,
  });
  const partly = ctx.t(
    'Helm stopped before finishing; release {0} may be partly installed in {1}. "helm status {0} -n {1}" shows what exists; running the install again or uninstalling cleans it up.',
    RELEASE_NAME,
    opts.namespace,
  );
  if (!r.ok) return r.error.kind === 'helmMissing' ? unchanged(r.error) : afterChange(r.error, partly);
  if (r.value.code !== 0) {
    const f = helmExitFailure(ctx.t, op, r.value);
    // Helm loads the chart before it touches the cluster, so a missing chart changed nothing.
    return f.kind === 'notFound' ? unchanged(f) : afterChange(f, partly);
  }
  ctx.log(ctx.t('Helm finished in {0} s.', (r.value.durationMs / 1000).toFixed(1)));
  return done({ helm: plan.helm, durationMs: r.value.durationMs });
}

export interface UninstallSuiteOptions extends HelmRunOptions {
  readonly namespace: string;
  /** Wait until the suite's workloads are gone (needs `http`). Default true when http is given. */
  readonly waitTimeoutMs?: number;
}

/**
 * What uninstall deletes and what it keeps, which the user should know before confirming: the
 * release's objects as Helm recorded them (releaseManifest.ts), grouped by kind; the volumes
 * among them; and what stays: the clusters with their volumes and data, and the CRD unless the
 * chart's templates (not its crds/ folder) created it.
 */
export async function planUninstallSuite(
  ctx: OperationContext,
  http: KubeHttp,
  opts: UninstallSuiteOptions,
): Promise<Outcome<Plan>> {
  const op = verbatim(`helm uninstall ${RELEASE_NAME}`);
  const bad = checkNamespace(ctx.t, opts.namespace);
  if (bad) return refusedOutcome('invalid', op, bad);
  const clusters = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.dolphindb, opts.namespace), {
    signal: ctx.signal,
    operation: ctx.t('list {0} in {1}', 'dolphindbs', opts.namespace),
  });
  const names = clusters.ok ? clusters.value.items.map((o) => o.metadata.name) : [];
  const release = await readReleaseManifest(ctx, http, opts.namespace, RELEASE_NAME);
  const manifest = release.ok ? release.value : undefined;
  const changes = [ctx.t('Run helm uninstall {0} -n {1}.', RELEASE_NAME, opts.namespace)];
  const warnings: string[] = [];
  const deleted = manifest?.objects.filter((o) => !o.kept) ?? [];
  if (manifest) {
    changes.push(ctx.t('Helm deletes the {0} objects of release revision {1}:', deleted.length, manifest.revision));
    for (const [kind, list] of byKind(deleted)) changes.push(`${kind}: ${list.join(', ')}`);
    const pvcs = deleted.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.name);
    if (pvcs.length > 0)
      warnings.push(ctx.t('These suite volumes are deleted with their data (monitoring history): {0}.', pvcs.join(', ')));
    const kept = manifest.objects.filter((o) => o.kept).map((o) => `${o.kind} ${o.name}`);
    if (kept.length > 0)
      warnings.push(ctx.t('Kept, as the chart marks them (helm.sh/resource-policy: keep): {0}.', kept.join(', ')));
  } else {
    changes.push(
      ctx.t(
        'Helm deletes the objects of the release: the operator, webserver, portal, monitoring stack and their ConfigMaps (including dolphindb-license).',
      ),
    );
    warnings.push(
      release.ok
        ? ctx.t('The release record of {0} was not found in {1}, so its objects cannot be listed.', RELEASE_NAME, opts.namespace)
        : ctx.t('The release record cannot be read ({0}), so its objects cannot be listed.', reasonOf(release.error, ctx.t)),
    );
  }
  warnings.push(
    ctx.t(
      'Kept: the DolphinDB clusters, their pods, Services and PersistentVolumeClaims with the stored data. Helm did not create them, so it does not delete them.',
    ),
  );
  const crds = deleted.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.name);
  warnings.push(
    crds.length > 0
      ? ctx.t(
          'This chart creates the CRD {0} from its templates, so Helm deletes it, and Kubernetes then deletes every DolphinDB cluster object with it.',
          crds.join(', '),
        )
      : ctx.t(
          "Kept: the DolphinDB CRD. Helm does not delete CRDs from a chart's crds/ folder, and newer operators register the CRD themselves.",
        ),
  );
  if (names.length > 0) warnings.push(ctx.t('These clusters keep running without an operator: {0}.', names.join(', ')));
  return done({ title: ctx.t('Uninstall the DolphinDB suite from {0}', opts.namespace), changes, warnings });
}

function byKind(objects: readonly ReleaseObject[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of objects) out.set(o.kind, [...(out.get(o.kind) ?? []), o.name]);
  return out;
}

export async function uninstallSuite(
  ctx: OperationContext,
  opts: UninstallSuiteOptions,
  http?: KubeHttp,
): Promise<Outcome<HelmRunResult>> {
  const op = verbatim(`helm uninstall ${RELEASE_NAME} -n ${String(opts.namespace)}`);
  const bad = checkNamespace(ctx.t, opts.namespace);
  if (bad) return refusedOutcome('invalid', op, bad);
  const helm = await helmVersion(ctx, opts.helmPath);
  if (!helm.ok) return unchanged(helm.error);
  const args = buildUninstallArgs(opts.namespace, opts);
  ctx.log(`$ ${displayCommand(helm.value.path, args)}`);
  const r = await runProcess(ctx, {
    command: helm.value.path,
    args,
    env: helmEnv(opts),
    timeoutMs: opts.timeoutMs ?? DEFAULT_HELM_TIMEOUT_MS,
    label: 'helm',
    operation: op,
  });
  const partly = ctx.t(
    'Helm stopped before finishing; release {0} may be partly removed from {1}. Run the uninstall again.',
    RELEASE_NAME,
    opts.namespace,
  );
  if (!r.ok) return afterChange(r.error, partly);
  if (r.value.code !== 0) {
    if (r.value.stderrTail.some((l) => /release: not found/i.test(l)))
      return unchanged({
        kind: 'notFound',
        operation: op,
        reason: ctx.t('Release {0} is not installed in {1}.', RELEASE_NAME, opts.namespace),
      });
    return afterChange(helmExitFailure(ctx.t, op, r.value), partly);
  }
  if (http) {
    const gone = await waitForSuiteGone(ctx, http, opts.namespace, opts.waitTimeoutMs ?? 120_000);
    if (!gone.ok)
      return afterChange(
        gone.error,
        ctx.t('Helm removed the release, but some suite workloads in {0} still exist.', opts.namespace),
      );
  }
  return done({ helm: helm.value, durationMs: r.value.durationMs });
}

async function waitForSuiteGone(
  ctx: OperationContext,
  http: KubeHttp,
  namespace: string,
  timeoutMs: number,
): Promise<Result<true>> {
  return waitUntil<true>(
    ctx,
    { timeoutMs, intervalMs: 500, what: ctx.t('suite workloads in {0} removed', namespace) },
    async () => {
      for (const c of SUITE_COMPONENTS) {
        const r = await http.request(`${collectionPath(KINDS[c.workload], namespace)}/${c.name}`, {
          signal: ctx.signal,
          operation: ctx.t('read {0}', `${c.workload}/${c.name}`),
        });
        if (r.ok) return { ok: true, value: undefined };
        if (r.error.kind !== 'notFound') return fail(r.error);
      }
      return { ok: true, value: true };
    },
  );
}
