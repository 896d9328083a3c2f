// dolphindbK8s.diagnose: what is wrong with a cluster, ranked by severity, each finding with its
// evidence and the next action (docs/domain.md §11), as a Markdown report.
import { diagnoseCluster } from '../../../core/diagnose/diagnose';
import { diagnosisMarkdown } from '../../../core/diagnose/report';
import { t } from '../../localize';
import { observeAnswers, type CommandResult, type ObserveDeps } from './common';
import { clusterFacts, isFacts } from './facts';
import type { ReportDocuments } from './reportDocs';

export async function diagnoseCommand(deps: ObserveDeps, docs: ReportDocuments, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const r = await clusterFacts(deps, a, true);
  if (!isFacts(r)) return r;
  const { pick, facts } = r;
  const findings = diagnoseCluster(facts, t);
  const text = diagnosisMarkdown(t('Diagnosis of {0}/{1}', pick.namespace, pick.name), findings, t, new Date().toISOString());
  // The rendered preview is easier to read; scripts get the text and no extra editor.
  const uri = await docs.open(`diagnose ${pick.namespace}-${pick.name}.md`, text, { preview: !a.scripted });
  deps.log.info(t('Diagnosed {0}/{1}: {2} findings.', pick.namespace, pick.name, findings.length));
  return { ok: true, uri: uri.toString(), findings: findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })), text };
}
