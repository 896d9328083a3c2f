// "Install Local-Path Provisioner": the guide's first step for a cluster without a StorageClass,
// as a command of its own and as the choice the StorageClass pick of the install and create
// flows offers. It runs like every change (plan listing each object, confirmation, progress),
// needs a trusted workspace, and the core asks the API server first whether the user may create
// each object.
import * as vscode from 'vscode';
import type { KubeHttp } from '../../../core/k8s/http';
import { installLocalPath, LOCAL_PATH_STORAGE_CLASS, planInstallLocalPath } from '../../../core/operations';
import { t } from '../../localize';
import { toAnswers, type Answers } from '../common/answers';
import type { CommandDeps, CommandResult } from '../common/deps';
import { proceed, stop, type Step } from '../common/step';
import { requireTrust, resolveContextToChange } from '../common/target';
import { planConfirmRun } from './planConfirmRun';
import { INSTALL_LOCAL_PATH } from './storageChoice';

/** Plans, confirms and applies the provisioner on the cluster behind `http`. */
export async function installLocalPathProvisioner(deps: CommandDeps, a: Answers, http: KubeHttp): Promise<CommandResult> {
  const trusted = requireTrust(deps, t('install a local-path provisioner'));
  if (!trusted.ok) return trusted.result;
  return planConfirmRun(deps, a, {
    title: t('Install the local-path provisioner'),
    action: t('Install'),
    plan: (ctx) => planInstallLocalPath(ctx, http),
    run: (ctx) => installLocalPath(ctx, http),
    result: (v) => ({ storageClass: v.storageClass, applied: v.applied }),
  });
}

/**
 * A flow's StorageClass answer as a class name: INSTALL_LOCAL_PATH installs the provisioner first
 * (its own confirmation; declining it ends the command, nothing changed) and means `local-path`.
 */
export async function settleStorageClass(deps: CommandDeps, a: Answers, http: KubeHttp, answer: string): Promise<Step<string>> {
  if (answer !== INSTALL_LOCAL_PATH) return proceed(answer);
  const r = await installLocalPathProvisioner(deps, a, http);
  return r.ok ? proceed(LOCAL_PATH_STORAGE_CLASS) : stop(r);
}

async function command(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const c = await resolveContextToChange(deps, a, t('install a local-path provisioner'));
  if (!c.ok) return c.result;
  return installLocalPathProvisioner(deps, a, c.value.http);
}

export function registerLocalPathCommands(deps: CommandDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand('dolphindbK8s.installLocalPath', (x: unknown) => command(deps, x))];
}
