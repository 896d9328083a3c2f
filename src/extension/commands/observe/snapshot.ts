// Reads a cluster's snapshot (objects, events, suite) once for the reports, under a progress
// notification: on a busy API server that can take seconds and the user should see why.
import * as vscode from 'vscode';
import { gatherClusterSnapshot, type ClusterSnapshot } from '../../../core/diagnose/gather';
import type { ClusterRef } from '../../../core/operations';
import { t } from '../../localize';
import type { ObserveAnswers } from '../common/observeAnswers';
import type { CommandDeps } from '../common/deps';
import { failedResult } from '../common/failures';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop, type Step } from '../common/step';
import { resolveClusterRef } from '../common/target';

export interface SnapshotRead {
  /** The kubeconfig context read from (a report's Refresh reads the same one). */
  readonly context: string;
  readonly ref: ClusterRef;
  readonly snapshot: ClusterSnapshot;
}

export async function readSnapshot(deps: CommandDeps, a: ObserveAnswers, crashLogs: boolean): Promise<Step<SnapshotRead>> {
  const c = await resolveClusterRef(deps, a);
  if (!c.ok) return c;
  const { context, http, ref } = c.value;
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: t('Reading cluster {0}/{1}…', ref.namespace, ref.name) },
    () =>
      gatherClusterSnapshot(
        http,
        { namespace: ref.namespace, cluster: ref.name, suiteNamespace: lifecycleSettings().suiteNamespace },
        { t, crashLogs },
      ),
  );
  if (!r.ok) return stop(failedResult(deps, r.error));
  return proceed({ context, ref, snapshot: r.value });
}
