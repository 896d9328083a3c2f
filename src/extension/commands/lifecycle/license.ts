// License swap (docs/domain.md §5.2) and restore. A failed swap keeps the backup and the pods it
// touched, so "Restore license" can put the old license back and restart exactly those pods.
import * as vscode from 'vscode';
import { listClusterPods } from '../../../core/operations/pods';
import {
  planLicenseSwap,
  planRestoreLicense,
  restoreLicense,
  swapLicense,
  type ClusterRef,
  type LicenseSwapPartial,
} from '../../../core/operations';
import { t } from '../../localize';
import { toAnswers, type Answers } from '../common/answers';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult } from '../common/failures';
import { runFlow, type FlowStep, type FlowValues } from '../common/flow';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { proceed } from '../common/step';
import { resolveCluster } from '../common/target';
import { acceptsInvalidLicense, licenseFileStep, type LicenseOverrides } from './licenseStep';
import { planConfirmRun } from './planConfirmRun';

/** Failed swaps of this session, by namespace/name: what restore has to undo. */
const failedSwaps = new Map<string, LicenseSwapPartial>();
const keyOf = (ref: ClusterRef): string => `${ref.namespace}/${ref.name}`;

/** A script's answers: the file (checked by the swap itself) and whether to replace the suite's too. */
function givenSwap(a: Answers): FlowValues {
  const suite = a.extra.updateSuite !== undefined ? a.extra.updateSuite === true : a.confirm === true ? false : undefined;
  return { ...(a.licenseFile ? { file: a.licenseFile } : {}), ...(suite !== undefined ? { suite: suite ? YES : NO } : {}) };
}

const YES = 'yes';
const NO = 'no';

/** The file, checked right after it is picked (a bad one is asked again), then the suite question. */
function swapSteps(deps: CommandDeps, suiteNamespace: string, overrides: LicenseOverrides): FlowStep[] {
  return [
    licenseFileStep(deps, 'file', overrides),
    {
      kind: 'pick',
      id: 'suite',
      placeholder: t('Also replace dolphindb-license in {0}, used by clusters created later?', suiteNamespace),
      choices: () =>
        Promise.resolve(
          proceed({
            items: [
              { label: t('No'), value: NO, detail: t('Only this cluster gets the new license.') },
              { label: t('Yes'), value: YES, detail: t('Clusters created later get it too.') },
            ],
          }),
        ),
    },
  ];
}

async function swap(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const r = await resolveCluster(deps, a, t('replace the license of a DolphinDB cluster'));
  if (!r.ok) return r.result;
  const { http, ref } = r.value;
  const settings = lifecycleSettings();
  const overrides: LicenseOverrides = new Set();
  const asked = await runFlow({
    command: t('Replace license'),
    title: () => t('Replace the license of {0} in {1}', `${ref.namespace}/${ref.name}`, r.value.context),
    steps: swapSteps(deps, settings.suiteNamespace, overrides),
    given: givenSwap(a),
  });
  if (!asked.ok) return asked.result;
  const file = asked.value.file;
  if (!file) return dismissed();
  const suite = asked.value.suite === YES;
  const opts = {
    readyTimeoutMs: settings.timeoutMs,
    ...(suite ? { suiteNamespace: settings.suiteNamespace } : {}),
    ...(acceptsInvalidLicense(deps, a, file, overrides) ? { acceptInvalidLicense: true } : {}),
  };
  return planConfirmRun(deps, a, {
    title: t('Replace the license of {0}', ref.name),
    action: t('Replace license'),
    plan: (ctx) => planLicenseSwap(ctx, http, ref, file, opts),
    run: (ctx) => swapLicense(ctx, http, ref, file, opts),
    result: (v) => {
      failedSwaps.delete(keyOf(ref));
      return { expiry: v.info.expiry, restarted: v.rolling?.restarted ?? [], licenseChanged: v.changed };
    },
    onFailure: (e) => {
      if (!e.partial) return;
      failedSwaps.set(keyOf(ref), e.partial);
      deps.log.warn(
        t(
          'The old license of {0} is kept in ConfigMap {1}; run "DolphinDB: Restore License" to put it back.',
          ref.name,
          e.partial.backup.configMap,
        ),
      );
    },
  });
}

async function restore(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const r = await resolveCluster(deps, a, t('restore the license of a DolphinDB cluster'));
  if (!r.ok) return r.result;
  const { http, ref } = r.value;
  const partial = failedSwaps.get(keyOf(ref));
  let restartPods = partial?.restartedPods;
  if (!restartPods) {
    // No failed swap in this session: the backup may come from another window, so restart every pod.
    const pods = await listClusterPods(http, ref, quietContext(deps).signal);
    if (!pods.ok) return failedResult(deps, pods.error);
    restartPods = pods.value.map((p) => p.name);
  }
  const req = { restartPods, ...(partial ? { backup: partial.backup } : {}) };
  return planConfirmRun(deps, a, {
    title: t('Restore the previous license of {0}', ref.name),
    action: t('Restore license'),
    plan: (ctx) => planRestoreLicense(ctx, http, ref, req),
    run: (ctx) => restoreLicense(ctx, http, ref, req, { readyTimeoutMs: lifecycleSettings().timeoutMs }),
    result: (v) => {
      failedSwaps.delete(keyOf(ref));
      return { restarted: v.rolling.restarted, suiteRestored: v.suiteRestored };
    },
  });
}

export function registerLicenseCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.swapLicense', (x: unknown) => swap(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.restoreLicense', (x: unknown) => restore(deps, x)),
  ];
}
