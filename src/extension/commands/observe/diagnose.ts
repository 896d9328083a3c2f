// dolphindbK8s.diagnose: what is wrong with a cluster, ranked by severity, each finding with its
// evidence and the next action (docs/domain.md §11), as a report in its own tab.
import { diagnoseCluster } from '../../../core/diagnose/diagnose';
import { diagnosisMarkdown } from '../../../core/diagnose/report';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from '../common/deps';
import { observeAnswers } from '../common/observeAnswers';
import { readSnapshot } from './snapshot';
import type { ReportPanels } from './reportPanels';

export async function diagnoseCommand(deps: CommandDeps, panels: ReportPanels, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const r = await readSnapshot(deps, a, true);
  if (!r.ok) return r.result;
  const { context, ref, snapshot } = r.value;
  const findings = diagnoseCluster(snapshot, t);
  const text = diagnosisMarkdown(t('Diagnosis of {0}/{1}', ref.namespace, ref.name), findings, t, new Date().toISOString());
  // One tab, reused when the same cluster is diagnosed again; scripts also get the text.
  const key = `diagnose ${context} ${ref.namespace}/${ref.name}`;
  panels.show({
    key,
    title: t('Diagnosis of {0}/{1}', ref.namespace, ref.name),
    markdown: text,
    refresh: { command: 'dolphindbK8s.diagnose', args: { context, namespace: ref.namespace, name: ref.name } },
  });
  deps.log.info(t('Diagnosed {0}/{1}: {2} findings.', ref.namespace, ref.name, findings.length));
  return {
    ok: true,
    report: key,
    findings: findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title })),
    text,
  };
}
