// Where the suite chart comes from: a local .tgz, or the DolphinDB Helm repository from the
// dolphindbK8s.chart.repository setting, which Helm must know under the name `dolphindb` before
// `dolphindb/dolphindb-mgr` resolves (`helm repo add dolphindb <url> --force-update`).
import { verbatim } from '../../../core/i18n/translate';
import { clip } from '../../../core/operations/input';
import * as vscode from 'vscode';
import { DEFAULT_CHART_REPO_REF, helmVersion, type ChartSource } from '../../../core/operations';
import { helmExitFailure } from '../../../core/operations/suite';
import { runProcess } from '../../../core/operations/process';
import type { OperationContext } from '../../../core/operation';
import { fail, ok, type Result } from '../../../core/result';
import { t } from '../../localize';
import type { Answers } from '../common/answers';
import { lifecycleSettings } from '../common/settings';
import { pickFile } from '../common/prompts';

const URL_RE = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;

export interface ChosenChart {
  readonly chart: ChartSource;
  readonly version?: string;
}

export async function chooseChart(a: Answers): Promise<ChosenChart | undefined> {
  const settings = lifecycleSettings();
  const version = a.chartVersion ?? (settings.chartVersion || undefined);
  if (a.chartFile) return { chart: { kind: 'file', path: a.chartFile } };
  if (a.confirm === true) return { chart: { kind: 'repo', ref: DEFAULT_CHART_REPO_REF }, ...(version ? { version } : {}) };
  const repo = {
    label: t('From the repository {0}', settings.chartRepository),
    detail: version ? t('chart version {0}', version) : t('newest chart version'),
    source: 'repo' as const,
  };
  const file = {
    label: t('From a local chart file (.tgz)'),
    detail: t('for machines without internet access'),
    source: 'file' as const,
  };
  const pick = await vscode.window.showQuickPick([repo, file], { placeHolder: t('DolphinDB suite chart') });
  if (!pick) return undefined;
  if (pick.source === 'repo') return { chart: { kind: 'repo', ref: DEFAULT_CHART_REPO_REF }, ...(version ? { version } : {}) };
  const path = await pickFile(undefined, t('DolphinDB suite chart'), { [t('Helm charts')]: ['tgz'] });
  return path ? { chart: { kind: 'file', path } } : undefined;
}

/** Registers the repository for a repo chart; a file chart needs nothing. */
export async function ensureRepository(ctx: OperationContext, chart: ChartSource, helmPath?: string): Promise<Result<void>> {
  if (chart.kind !== 'repo' || chart.ref !== DEFAULT_CHART_REPO_REF) return ok(undefined);
  const url = lifecycleSettings().chartRepository;
  const op = verbatim('helm repo add dolphindb');
  if (!URL_RE.test(url))
    return fail({
      kind: 'invalid',
      operation: op,
      reason: t('dolphindbK8s.chart.repository "{0}" is not an http(s) URL.', clip(url, 80)),
    });
  const helm = await helmVersion(ctx, helmPath);
  if (!helm.ok) return helm;
  ctx.progress.report(t('Adding the Helm repository {0}', url));
  const r = await runProcess(ctx, {
    command: helm.value.path,
    args: ['repo', 'add', 'dolphindb', url, '--force-update'],
    timeoutMs: 120_000,
    label: 'helm',
    operation: op,
  });
  if (!r.ok) return r;
  return r.value.code === 0 ? ok(undefined) : fail(helmExitFailure(t, op, r.value));
}
