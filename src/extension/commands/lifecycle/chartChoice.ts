// The chart questions of the install flow, apart from any UI: where the chart comes from, then
// which version: one the repository index lists (or the newest, or a typed one), or one of the
// local chart files next to the picked one. A script's answers (chartFile, chartVersion, confirm)
// become the same flow answers. Pure, so the rules are unit tested; installFlow.ts shows them.
import { DEFAULT_CHART_REPO_REF } from '../../../core/operations/helmArgs';
import type { FlowValues } from '../common/flowPlan';
import type { ChosenChart } from './chartSource';

export const CHART_REPO = 'repo';
export const CHART_FILE = 'file';
/** chartVersion answer: no --version, Helm takes the newest in the repository. */
export const NEWEST = '<newest>';
/** chartVersion answer: ask for a typed version next. */
export const TYPE_VERSION = '<type>';

/** The flow answers a script's chart answers stand for; `settingVersion` is dolphindbK8s.chart.version. */
export function givenChart(
  a: { readonly chartFile?: string; readonly chartVersion?: string; readonly confirm?: boolean },
  settingVersion: string,
): Record<string, string> {
  if (a.chartFile) return { chart: CHART_FILE, chartFile: a.chartFile, chartLocal: a.chartFile };
  if (a.chartVersion) return { chart: CHART_REPO, chartVersion: a.chartVersion };
  if (a.confirm === true) return { chart: CHART_REPO, chartVersion: settingVersion || NEWEST };
  return {};
}

/** The chart the answers mean; undefined while one is missing. */
export function chartOf(v: FlowValues): ChosenChart | undefined {
  if (v.chart === CHART_FILE) {
    const file = v.chartLocal ?? v.chartFile;
    return file ? { chart: { kind: 'file', path: file } } : undefined;
  }
  if (v.chart !== CHART_REPO) return undefined;
  const version = v.chartVersion === TYPE_VERSION ? v.chartVersionTyped?.trim() : v.chartVersion;
  if (version === undefined || version === '') return undefined;
  return { chart: { kind: 'repo', ref: DEFAULT_CHART_REPO_REF }, ...(version !== NEWEST ? { version } : {}) };
}
