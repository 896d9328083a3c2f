// Core dumps (docs/domain.md §10.2): DolphinDB writes cores to `dolphindb.coreDumpDir` inside its
// containers, but where the kernel writes a core is decided per host by
// /proc/sys/kernel/core_pattern, so each node must be set up by hand; this module produces that
// instruction text. Changing the directory is `helm upgrade --reuse-values` with one new value,
// pinned to the installed chart version so it never upgrades the suite by accident.
import { verbatim, type Translate } from '../i18n/translate';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';
import { helmVersion, type HelmInfo } from './helm';
import { buildReuseValuesArgs, checkChart, checkNamespace, displayCommand, RELEASE_NAME, type ChartSource } from './helmArgs';
import { checkAbsolutePath } from './input';
import { afterChange, done, refusedOutcome, unchanged, type Outcome, type Plan } from './outcome';
import { runProcess } from './process';
import { helmExitFailure, type HelmRunOptions, type HelmRunResult } from './suite';

export { readCoreDumpDir, CORE_DUMP_DIR_DEFAULT, type CoreDumpSetting } from './suiteConfig';

/** The host-side setup for a core dump directory, one instruction per line. */
/** The two host commands of the instructions (set now, keep after a reboot), as they are pasted. */
export function corePatternCommands(dir: string): [string, string] {
  const pattern = `${dir.replace(/\/+$/, '')}/core.%p`;
  return [
    `echo "${pattern}" | sudo tee /proc/sys/kernel/core_pattern`,
    `echo "kernel.core_pattern=${pattern}" | sudo tee /etc/sysctl.d/60-dolphindb-core.conf`,
  ];
}

export function corePatternInstructions(t: Translate, dir: string): string[] {
  const [now, persist] = corePatternCommands(dir);
  return [
    t('DolphinDB writes core dumps to {0} inside its containers (the core-… volume of each pod).', dir),
    t(
      'The kernel setting core_pattern applies to a whole host, not to one container, so set it on every node that runs DolphinDB:',
    ),
    now,
    t('To keep it after a reboot:'),
    persist,
    t(
      'If the hosts already use core_pattern (systemd-coredump, apport), choose another directory and change the suite setting to match.',
    ),
  ];
}

export interface SetCoreDumpDirOptions extends HelmRunOptions {
  readonly namespace: string;
  readonly chart: ChartSource;
  /** Chart version; default: the version of the installed release, so the suite itself is not upgraded. */
  readonly version?: string;
  readonly dir: string;
}

export interface CoreDumpPlan extends Plan {
  readonly command: string;
}

/** `helm list` → the installed chart version of the release (`dolphindb-mgr-v1.1.7` → `v1.1.7`). */
export async function installedChartVersion(
  ctx: OperationContext,
  opts: HelmRunOptions & { namespace: string },
): Promise<Result<string | undefined>> {
  const helm = await helmVersion(ctx, opts.helmPath);
  if (!helm.ok) return helm;
  const args = [
    'list',
    '--namespace',
    opts.namespace,
    '--filter',
    `^${RELEASE_NAME}$`,
    '--output',
    'json',
    ...(opts.kubeContext ? ['--kube-context', opts.kubeContext] : []),
  ];
  const quiet: OperationContext = { ...ctx, log: () => undefined };
  const r = await runProcess(quiet, {
    command: helm.value.path,
    args,
    env: opts.kubeconfig ? { ...process.env, KUBECONFIG: opts.kubeconfig } : process.env,
    timeoutMs: 60_000,
    label: 'helm',
    operation: verbatim('helm list'),
    tailLines: 1000,
  });
  if (!r.ok) return r;
  if (r.value.code !== 0) return fail(helmExitFailure(ctx.t, 'helm list', r.value));
  try {
    const list = JSON.parse(r.value.stdoutTail.join('\n') || '[]') as { name?: string; chart?: string }[];
    const chart = list.find((x) => x.name === RELEASE_NAME)?.chart;
    const m = chart ? /-(v?\d+\.\d+\.\d+\S*)$/.exec(chart) : null;
    return ok(m ? m[1] : undefined);
  } catch {
    return fail({
      kind: 'helmFailed',
      operation: verbatim('helm list'),
      reason: ctx.t('helm list printed something that is not JSON.'),
    });
  }
}

async function prepare(
  ctx: OperationContext,
  opts: SetCoreDumpDirOptions,
): Promise<Outcome<{ plan: CoreDumpPlan; args: string[]; helm: HelmInfo }>> {
  const op = ctx.t('set {0} in {1}', 'dolphindb.coreDumpDir', String(opts.namespace));
  const errors = [
    checkNamespace(ctx.t, opts.namespace),
    checkAbsolutePath(ctx.t, 'dolphindb.coreDumpDir', opts.dir),
    ...checkChart(ctx.t, opts.chart, opts.version),
  ].filter((e): e is string => e !== undefined);
  if (errors.length > 0) return refusedOutcome('invalid', op, errors.join(' '));
  const helm = await helmVersion(ctx, opts.helmPath);
  if (!helm.ok) return unchanged(helm.error);
  const installed = await installedChartVersion(ctx, opts);
  if (!installed.ok) return unchanged(installed.error);
  if (!installed.value)
    return refusedOutcome('notFound', op, ctx.t('Release {0} is not installed in {1}.', RELEASE_NAME, opts.namespace));
  const version = opts.version ?? installed.value;
  const warnings = [
    ctx.t('Existing clusters may keep the old directory until they are recreated; new clusters use the new one.'),
  ];
  if (opts.chart.kind === 'repo' && version !== installed.value)
    warnings.push(ctx.t('This also changes the suite from chart {0} to {1}.', installed.value, version));
  const args = buildReuseValuesArgs(opts.namespace, opts.chart, version, { 'dolphindb.coreDumpDir': opts.dir }, opts);
  const changes = [
    ctx.t(
      'Run helm upgrade of release {0} in {1} keeping all values, with dolphindb.coreDumpDir = {2}.',
      RELEASE_NAME,
      opts.namespace,
      opts.dir,
    ),
    ...corePatternInstructions(ctx.t, opts.dir).slice(1, 3),
  ];
  return done({
    plan: {
      title: ctx.t('Set the core dump directory to {0}', opts.dir),
      changes,
      warnings,
      command: displayCommand(helm.value.path, args),
    },
    args,
    helm: helm.value,
  });
}

export async function planSetCoreDumpDir(ctx: OperationContext, opts: SetCoreDumpDirOptions): Promise<Outcome<CoreDumpPlan>> {
  const p = await prepare(ctx, opts);
  return p.ok ? done(p.value.plan) : p;
}

export async function setCoreDumpDir(ctx: OperationContext, opts: SetCoreDumpDirOptions): Promise<Outcome<HelmRunResult>> {
  const p = await prepare(ctx, opts);
  if (!p.ok) return p;
  const { plan, args, helm } = p.value;
  ctx.log(`$ ${plan.command}`);
  const op = verbatim(`helm upgrade ${RELEASE_NAME} -n ${opts.namespace}`);
  const r = await runProcess(ctx, {
    command: helm.path,
    args,
    env: opts.kubeconfig ? { ...process.env, KUBECONFIG: opts.kubeconfig } : process.env,
    timeoutMs: opts.timeoutMs ?? 10 * 60_000,
    label: 'helm',
    operation: op,
  });
  const partly = ctx.t(
    'Helm stopped before finishing; "helm history {0} -n {1}" shows whether the new revision was applied.',
    RELEASE_NAME,
    opts.namespace,
  );
  if (!r.ok) return afterChange(r.error, partly);
  if (r.value.code !== 0) {
    const f = helmExitFailure(ctx.t, op, r.value);
    return f.kind === 'notFound' ? unchanged(f) : afterChange(f, partly);
  }
  for (const line of corePatternInstructions(ctx.t, opts.dir)) ctx.log(line);
  return done({ helm, durationMs: r.value.durationMs });
}
