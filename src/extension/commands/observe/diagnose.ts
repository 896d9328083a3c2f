// dolphindbK8s.diagnose: what is wrong with a cluster, ranked by severity, each finding with its
// evidence and the next action (docs/domain.md §11), as a Markdown report.
import { diagnoseCluster } from '../../../core/diagnose/diagnose';
import { diagnosisMarkdown } from '../../../core/diagnose/report';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from '../common/deps';
import { observeAnswers } from '../common/observeAnswers';
import { readSnapshot } from './snapshot';
import type { ReportDocuments } from './reportDocs';

export async function diagnoseCommand(deps: CommandDeps, docs: ReportDocuments, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const r = await readSnapshot(deps, a, true);
  if (!r.ok) return r.result;
  const { ref, snapshot } = r.value;
  const findings = diagnoseCluster(snapshot, t);
  const text = diagnosisMarkdown(t('Diagnosis of {0}/{1}', ref.namespace, ref.name), findings, t, new Date().toISOString());
  // One rendered tab, reused when the same cluster is diagnosed again; scripts also get the text.
  const uri = await docs.open(`diagnose ${ref.namespace}-${ref.name}.md`, text);
  deps.log.info(t('Diagnosed {0}/{1}: {2} findings.', ref.namespace, ref.name, findings.length));
  return {
    ok: true,
    uri: uri.toString(),
    findings: findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })),
    text,
  };
}
