// dolphindbK8s.clusterSummary: the cluster at a glance (phase, instances, endpoints, storage,
// license expiry, recent warnings) as a Markdown report.
import { clusterSummaryMarkdown } from '../../../core/summary/summary';
import { t } from '../../localize';
import { observeAnswers, type CommandResult, type ObserveDeps } from './common';
import { clusterFacts, isFacts } from './facts';
import type { ReportDocuments } from './reportDocs';

export async function summaryCommand(deps: ObserveDeps, docs: ReportDocuments, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  // Crash logs are diagnose's business; the summary stays quick.
  const r = await clusterFacts(deps, a, false);
  if (!isFacts(r)) return r;
  const { pick, facts } = r;
  const text = clusterSummaryMarkdown(facts, { t });
  const uri = await docs.open(`summary ${pick.namespace}-${pick.name}.md`, text, { preview: !a.scripted });
  return { ok: true, uri: uri.toString(), text };
}
