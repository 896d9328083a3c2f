// Reads a cluster's facts (objects, events, suite) once for the reports, under a progress
// notification: on a busy API server that can take seconds and the user should see why.
import * as vscode from 'vscode';
import { gatherClusterFacts, type ClusterFacts } from '../../../core/diagnose/gather';
import { t } from '../../localize';
import { lifecycleSettings } from '../lifecycle/deps';
import { clusterApi, fail, isApi, type ClusterPick, type CommandResult, type ObserveAnswers, type ObserveDeps } from './common';

export async function clusterFacts(deps: ObserveDeps, a: ObserveAnswers, crashLogs: boolean): Promise<{ pick: ClusterPick; facts: ClusterFacts } | CommandResult> {
  const c = await clusterApi(deps, a);
  if (!isApi(c)) return c;
  const pick = c;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Reading cluster {0}/{1}…', pick.namespace, pick.name) }, () =>
    gatherClusterFacts(pick.http, { namespace: pick.namespace, cluster: pick.name, suiteNamespace: lifecycleSettings().suiteNamespace }, { t, crashLogs }),
  );
  if (!r.ok) return fail(deps, r.error);
  return { pick, facts: r.value };
}

export function isFacts(v: { pick: ClusterPick; facts: ClusterFacts } | CommandResult): v is { pick: ClusterPick; facts: ClusterFacts } {
  return 'facts' in v;
}
