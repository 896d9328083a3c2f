// Delete a cluster. The typed name is always required (no setting turns it off), and the
// dialog says that the stored data is deleted too (docs/domain.md §2.8), and so is the license
// backup ConfigMap Replace license made for it.
import * as vscode from 'vscode';
import { deleteCluster, planDeleteCluster } from '../../../core/operations';
import { t } from '../../localize';
import { toAnswers } from '../common/answers';
import { confirmTypedName } from './confirm';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { refusedResult } from '../common/failures';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop } from '../common/step';
import { resolveCluster } from '../common/target';
import { planConfirmRun } from './planConfirmRun';

async function deleteCommand(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('delete a DolphinDB cluster');
  const r = await resolveCluster(deps, a, op);
  if (!r.ok) return r.result;
  const { http, ref } = r.value;
  let typed = '';
  return planConfirmRun(deps, a, {
    title: t('Delete {0} and its data', ref.name),
    action: t('Delete'),
    plan: (ctx) => planDeleteCluster(ctx, http, ref),
    gate: async () => {
      const check = await confirmTypedName(
        ref.name,
        a,
        t('Delete DolphinDB {0}/{1} and its stored data', ref.namespace, ref.name),
      );
      if (check.ok) {
        typed = ref.name;
        return proceed(undefined);
      }
      return stop(
        check.reason === 'dismissed'
          ? dismissed()
          : refusedResult(
              deps,
              'invalid',
              op,
              t('The typed name does not match the cluster name "{0}"; nothing was deleted.', ref.name),
            ),
      );
    },
    // The core operation compares the typed name again, so the check cannot be skipped.
    run: (ctx) => deleteCluster(ctx, http, ref, typed, { timeoutMs: lifecycleSettings().timeoutMs }),
    result: (v) => ({
      deleted: `${ref.namespace}/${ref.name}`,
      podsRemoved: v.podsRemoved,
      ...(v.backupDeleted ? { backupDeleted: v.backupDeleted } : {}),
    }),
  });
}

export function registerDeleteCommands(deps: CommandDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand('dolphindbK8s.deleteCluster', (x: unknown) => deleteCommand(deps, x))];
}
