// Diagnosis as Markdown: a verdict line, then each finding with what it means, the evidence
// and the next action.
import { english, type Translate } from '../i18n/translate';
import type { Finding, Severity } from './types';

function severityText(s: Severity, t: Translate): string {
  switch (s) {
    case 'critical':
      return t('Critical');
    case 'error':
      return t('Error');
    case 'warning':
      return t('Warning');
    case 'info':
      return t('Info');
  }
}

const ICON: Record<Severity, string> = { critical: '⛔', error: '❌', warning: '⚠️', info: 'ℹ️' };

function fence(lines: readonly string[]): string[] {
  // A fence longer than any backtick run inside, so log lines cannot close it.
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const f = '`'.repeat(longest + 1);
  return [f + 'text', ...lines.map((l) => l.slice(0, 500)), f];
}

export function diagnosisMarkdown(
  title: string,
  findings: readonly Finding[],
  t: Translate = english,
  generatedAt?: string,
): string {
  const out: string[] = [`# ${title}`, ''];
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  if (findings.length === 0) out.push(t('No problems found.'), '');
  else
    out.push(
      t('{0} critical, {1} errors, {2} warnings, {3} notes.', count('critical'), count('error'), count('warning'), count('info')),
      '',
    );
  if (generatedAt) out.push(`_${t('Checked at {0}.', generatedAt)}_`, '');
  findings.forEach((f, n) => {
    out.push(`## ${n + 1}. ${ICON[f.severity]} ${severityText(f.severity, t)}: ${f.title}`, '', f.detail, '');
    if (f.objects.length > 0) out.push(`${t('Objects')}: ${f.objects.map((o) => `\`${o}\``).join(', ')}`, '');
    if (f.evidence && f.evidence.length > 0) out.push(...fence(f.evidence), '');
    out.push(`**${t('Next')}:** ${f.next}`, '');
  });
  return out.join('\n');
}
