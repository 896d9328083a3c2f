// dolphindbK8s.clusterSummary: the cluster at a glance (phase, instances, endpoints, storage,
// license expiry, recent warnings) as a Markdown report.
import { clusterSummaryMarkdown } from '../../../core/summary/summary';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from '../common/deps';
import { observeAnswers } from '../common/observeAnswers';
import { readSnapshot } from './snapshot';
import type { ReportDocuments } from './reportDocs';

export async function summaryCommand(deps: CommandDeps, docs: ReportDocuments, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  // Crash logs are diagnose's business; the summary stays quick.
  const r = await readSnapshot(deps, a, false);
  if (!r.ok) return r.result;
  const { ref, snapshot } = r.value;
  const text = clusterSummaryMarkdown(snapshot, { t });
  const uri = await docs.open(`summary ${ref.namespace}-${ref.name}.md`, text);
  return { ok: true, uri: uri.toString(), text };
}
