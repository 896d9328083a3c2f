// dolphindbK8s.clusterSummary: the cluster at a glance (phase, instances, endpoints, storage,
// license expiry, recent warnings) as a report in its own tab.
import { clusterSummaryMarkdown } from '../../../core/summary/summary';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from '../common/deps';
import { observeAnswers } from '../common/observeAnswers';
import { readSnapshot } from './snapshot';
import type { ReportPanels } from './reportPanels';

export async function summaryCommand(deps: CommandDeps, panels: ReportPanels, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  // Crash logs are diagnose's business; the summary stays quick.
  const r = await readSnapshot(deps, a, false);
  if (!r.ok) return r.result;
  const { context, ref, snapshot } = r.value;
  const text = clusterSummaryMarkdown(snapshot, { t });
  const key = `summary ${context} ${ref.namespace}/${ref.name}`;
  panels.show({
    key,
    title: t('Summary of {0}/{1}', ref.namespace, ref.name),
    markdown: text,
    refresh: { command: 'dolphindbK8s.clusterSummary', args: { context, namespace: ref.namespace, name: ref.name } },
  });
  return { ok: true, report: key, text };
}
