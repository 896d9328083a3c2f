// Suite commands: install (helm upgrade --install with the license, then wait until ready),
// uninstall (typed name required), check prerequisites (no questions, changes nothing) and the
// core dump directory (host instructions; optionally change it with helm --reuse-values).
import * as vscode from 'vscode';
import {
  checkEnvironment,
  corePatternCommands,
  corePatternInstructions,
  installSuite,
  planInstallSuite,
  planSetCoreDumpDir,
  planUninstallSuite,
  preflightInstall,
  readCoreDumpDir,
  RELEASE_NAME,
  setCoreDumpDir,
  uninstallSuite,
  waitForSuite,
  type EnvironmentCheck,
  type HelmRunResult,
  type InstallSuiteOptions,
  type Outcome,
} from '../../../core/operations';
import type { KubeHttp } from '../../../core/k8s/http';
import { afterChange, unchanged } from '../../../core/operations/outcome';
import { t } from '../../localize';
import { extraString, toAnswers, type Answers } from '../common/answers';
import { chooseChart, ensureRepository } from './chartSource';
import { askInstall } from './installFlow';
import { confirmTypedName } from './confirm';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult, refusedResult } from '../common/failures';
import { askText } from '../common/prompts';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop, type Step } from '../common/step';
import { requireTrust, resolveContext, resolveContextToChange } from '../common/target';
import { helmTarget } from './helmTarget';
import { planConfirmRun } from './planConfirmRun';
import { settleStorageClass } from './localPath';

async function installOptions(
  deps: CommandDeps,
  a: Answers,
  context: string,
  http: KubeHttp,
  command: string,
): Promise<Step<InstallSuiteOptions>> {
  const asked = await askInstall(deps, a, { context, http }, command);
  if (!asked.ok) return asked;
  const { namespace, chart, licenseFile, values, acceptInvalidLicense } = asked.value;
  return proceed({
    ...helmTarget(deps, context),
    namespace,
    ...chart,
    licenseFile,
    ...(acceptInvalidLicense ? { acceptInvalidLicense } : {}),
    values,
    timeoutMs: lifecycleSettings().timeoutMs,
  });
}

async function install(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const c = await resolveContextToChange(deps, a, t('install the DolphinDB suite'));
  if (!c.ok) return c.result;
  const { context, http } = c.value;
  const asked = await installOptions(deps, a, context, http, t('Install DolphinDB suite'));
  if (!asked.ok) return asked.result;
  // "Install the local-path provisioner…" as the StorageClass: its own confirmation, before the suite's.
  const storage = await settleStorageClass(deps, a, http, asked.value.values.storageClass ?? '');
  if (!storage.ok) return storage.result;
  const opts = { ...asked.value, values: { ...asked.value.values, storageClass: storage.value } };
  const pre = await preflightInstall(quietContext(deps), http, opts);
  if (!pre.ok) return failedResult(deps, pre.error);
  for (const check of pre.value.checks)
    deps.log.info(`${check.ok ? '✓' : check.severity === 'error' ? '✗' : '!'} ${check.id}: ${check.message}`);
  if (!pre.value.ready) {
    const problems = pre.value.checks.filter((x) => !x.ok && x.severity === 'error').map((x) => x.message);
    return refusedResult(deps, 'invalid', t('install the DolphinDB suite'), problems.join(' '));
  }
  return planConfirmRun(deps, a, {
    title: t('Install the DolphinDB suite in {0}', opts.namespace),
    action: t('Install'),
    plan: async (ctx) => {
      const p = await planInstallSuite(ctx, opts);
      return p.ok ? { ok: true, value: { ...p.value, changes: [...p.value.changes, `$ ${p.value.command}`] } } : p;
    },
    run: async (ctx): Promise<Outcome<HelmRunResult>> => {
      const repo = await ensureRepository(ctx, opts.chart, opts.helmPath);
      if (!repo.ok) return unchanged(repo.error);
      const r = await installSuite(ctx, opts);
      if (!r.ok || a.wait === false) return r;
      const ready = await waitForSuite(ctx, http, { namespace: opts.namespace, timeoutMs: opts.timeoutMs });
      if (!ready.ok)
        return afterChange(
          ready.error,
          t(
            'Helm installed release {0} in {1}, but the suite is not ready yet; watch it in the DolphinDB view.',
            RELEASE_NAME,
            opts.namespace,
          ),
        );
      return r;
    },
    result: (v) => ({ namespace: opts.namespace, helmMs: v.durationMs }),
  });
}

async function uninstall(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('uninstall the DolphinDB suite');
  const c = await resolveContextToChange(deps, a, op);
  if (!c.ok) return c.result;
  const { context, http } = c.value;
  const namespace = await askText(a.namespace, t('Namespace of the DolphinDB suite'), lifecycleSettings().suiteNamespace);
  if (!namespace) return dismissed();
  const opts = { ...helmTarget(deps, context), namespace, timeoutMs: lifecycleSettings().timeoutMs };
  return planConfirmRun(deps, a, {
    title: t('Uninstall the DolphinDB suite from {0}', namespace),
    action: t('Uninstall'),
    plan: (ctx) => planUninstallSuite(ctx, http, opts),
    gate: async () => {
      const check = await confirmTypedName(
        namespace,
        a,
        t('Uninstall the DolphinDB suite from {0}', namespace),
        t('Type "{0}" to confirm. The DolphinDB clusters and their stored data stay.', namespace),
      );
      if (check.ok) return proceed(undefined);
      return stop(
        check.reason === 'dismissed'
          ? dismissed()
          : refusedResult(deps, 'invalid', op, t('The typed name does not match "{0}"; nothing was uninstalled.', namespace)),
      );
    },
    run: (ctx) => uninstallSuite(ctx, opts, http),
    result: (v) => ({ namespace, helmMs: v.durationMs }),
  });
}

async function checkPrerequisites(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  // No questions: the license and the chart are asked only when the user goes on to install. Trust is
  // still required, because the check runs helm (the extension runs no helm in Restricted Mode).
  const c = await resolveContextToChange(deps, a, t('check the prerequisites of the DolphinDB suite'));
  if (!c.ok) return c.result;
  const { context, http } = c.value;
  const namespace = a.namespace ?? lifecycleSettings().suiteNamespace;
  const r = await checkEnvironment(quietContext(deps), http, { namespace, helmPath: lifecycleSettings().helmPath });
  if (!r.ok) return failedResult(deps, r.error);
  const report = r.value;
  const lines = report.checks.map(checkLine);
  for (const l of lines) deps.log.info(l);
  const suite = report.suite;
  const healthy = suite?.installed === true && suite.health === 'ok';
  const title = suite?.installed
    ? healthy
      ? t('DolphinDB suite installed in {0}: {1}, healthy.', namespace, suite.version ?? t('unknown version'))
      : t('DolphinDB suite installed in {0}: {1}, not healthy.', namespace, suite.version ?? t('unknown version'))
    : report.installable
      ? t('Ready to install the DolphinDB suite in {0}.', namespace)
      : t('The DolphinDB suite cannot be installed in {0} yet.', namespace);
  const result = {
    ok: true as const,
    ready: report.installable,
    installed: suite?.installed ?? false,
    healthy,
    version: suite?.version,
    title,
    lines,
    checks: report.checks,
  };
  // No StorageClass at all: the guide's first step, offered here (listing them failed: no offer).
  const noStorage = report.checks.some((x) => x.id === 'storageClass' && x.status === 'fail');
  const offers = noStorage ? ['installLocalPath'] : [];
  // Scripts get the report and no dialog.
  if (a.confirm === true) return { ...result, offers };
  const install = t('Install');
  const localPath = t('Install Local-Path Provisioner');
  const offer = noStorage ? [localPath] : !suite?.installed && report.installable ? [install] : [];
  const failedAny = report.checks.some((x) => x.status === 'fail' || x.status === 'warn');
  const options = { modal: true, detail: lines.join('\n') };
  const shown = failedAny
    ? vscode.window.showWarningMessage(title, options, ...offer)
    : vscode.window.showInformationMessage(title, options, ...offer);
  void shown.then((choice) => {
    if (choice === install) void vscode.commands.executeCommand('dolphindbK8s.installSuite', { context, namespace });
    if (choice === localPath) void vscode.commands.executeCommand('dolphindbK8s.installLocalPath', { context });
  });
  return { ...result, offers };
}

/** A check as one line: a mark and a word, so a failure reads differently from a pass without colour. */
function checkLine(c: EnvironmentCheck): string {
  switch (c.status) {
    case 'pass':
      return `✅ ${t('OK')}: ${c.message}`;
    case 'fail':
      return `❌ ${t('FAILED')}: ${c.message}`;
    case 'warn':
      return `⚠️ ${t('Warning')}: ${c.message}`;
    default:
      return `ℹ️ ${t('Note')}: ${c.message}`;
  }
}

async function coreDumps(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('set the core dump directory');
  const c = await resolveContext(deps, a, op);
  if (!c.ok) return c.result;
  const { context, http } = c.value;
  const namespace = a.namespace ?? lifecycleSettings().suiteNamespace;
  const cur = await readCoreDumpDir(quietContext(deps), http, namespace);
  if (!cur.ok) return failedResult(deps, cur.error);
  const instructions = corePatternInstructions(t, cur.value.dir);
  for (const l of instructions) deps.log.info(l);
  let dir = extraString(a, 'dir');
  if (dir === undefined && a.confirm !== true) {
    const change = t('Change directory…');
    // The host commands are meant to be pasted into a shell on each node: one button copies both.
    const copy = t('Copy host commands');
    const choice = await vscode.window.showInformationMessage(
      t('Core dumps of the suite in {0} go to {1}', namespace, cur.value.dir),
      { modal: true, detail: instructions.join('\n') },
      copy,
      change,
    );
    if (choice === copy) {
      await vscode.env.clipboard.writeText(corePatternCommands(cur.value.dir).join('\n') + '\n');
      vscode.window.setStatusBarMessage(t('Copied {0}', t('host commands')), 3000);
    }
    if (choice !== change) return { ok: true, dir: cur.value.dir, instructions };
    dir = await askText(undefined, t('Core dump directory inside the containers'), cur.value.dir);
  }
  if (!dir || dir === cur.value.dir) return { ok: true, dir: cur.value.dir, instructions };
  // Reading is allowed in Restricted Mode; changing the directory runs helm.
  const trusted = requireTrust(deps, op);
  if (!trusted.ok) return trusted.result;
  const chart = await chooseChart(a);
  if (!chart) return dismissed();
  const opts = { ...helmTarget(deps, context), namespace, ...chart, dir, timeoutMs: lifecycleSettings().timeoutMs };
  const target = dir;
  return planConfirmRun(deps, a, {
    title: t('Set the core dump directory to {0}', target),
    action: t('Change'),
    plan: async (ctx) => {
      const p = await planSetCoreDumpDir(ctx, opts);
      return p.ok ? { ok: true, value: { ...p.value, changes: [...p.value.changes, `$ ${p.value.command}`] } } : p;
    },
    run: (ctx) => setCoreDumpDir(ctx, opts),
    result: () => ({ dir: target, instructions: corePatternInstructions(t, target) }),
  });
}

export function registerSuiteCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.installSuite', (x: unknown) => install(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.uninstallSuite', (x: unknown) => uninstall(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.checkPrerequisites', (x: unknown) => checkPrerequisites(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.coreDumps', (x: unknown) => coreDumps(deps, x)),
  ];
}
