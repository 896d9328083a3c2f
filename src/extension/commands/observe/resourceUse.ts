// dolphindbK8s.resourceUse: every container of a cluster with its CPU and memory against its
// request and limit, highest first (memory: share of the limit; CPU: cores used), in a quick
// pick that follows the metrics as they arrive. Picking a row describes its pod. The numbers are
// the explorer's own samples (core/explorer/metrics.ts): no extra polling.
import * as vscode from 'vscode';
import { rankByUse, type UseSort } from '../../../core/metrics/ranking';
import { amountText, formatBytes, formatCpu, memoryLevel, shareOfLimit } from '../../../core/metrics/usage';
import type { ContainerUseRow } from '../../../core/explorer/model';
import { t } from '../../localize';
import type { CommandDeps, CommandResult } from '../common/deps';
import { refusedResult } from '../common/failures';
import { observeAnswers } from '../common/observeAnswers';
import { resolveClusterRef } from '../common/target';

interface RowItem extends vscode.QuickPickItem {
  readonly row: ContainerUseRow;
}

function item(row: ContainerUseRow): RowItem {
  const m = row.use.memory;
  const share = shareOfLimit(m);
  const level = memoryLevel(m);
  return {
    row,
    label: `${level === 'ok' ? '' : '$(warning) '}${row.pod} · ${row.container}`,
    description: `${t('Mem {0}', amountText(m, formatBytes))}${share === undefined ? '' : ` (${Math.round(share * 100)}%)`}`,
    detail: `${t('CPU {0}', amountText(row.use.cpu, formatCpu))} · ${t('used / request / limit')}`,
  };
}

export async function resourceUseCommand(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = observeAnswers(arg);
  const c = await resolveClusterRef(deps, a);
  if (!c.ok) return c.result;
  const { context, ref } = c.value;
  const model = deps.kube.explorer?.model;
  const op = t('show the resource use of {0}/{1}', ref.namespace, ref.name);
  if (!model) return refusedResult(deps, 'unsupported', op, t('The DolphinDB view is not connected.'));
  const rowsNow = (): ContainerUseRow[] => model.clusterUse(context, ref.namespace, ref.name);
  // The first call starts following the namespace; give the first sample a moment.
  let rows = rowsNow();
  for (let i = 0; rows.length === 0 && i < 50 && model.metricsState(context) !== 'absent'; i++) {
    const state = model.metricsState(context);
    if (state === 'off' || state === 'unavailable') break;
    await new Promise((r) => setTimeout(r, 100));
    rows = rowsNow();
  }
  if (rows.length === 0) {
    const state = model.metricsState(context);
    const why =
      state === 'off'
        ? t('Resource use is turned off (setting dolphindbK8s.explorer.resourceUseSeconds is 0).')
        : state === 'absent'
          ? t(
              'The metrics API (metrics.k8s.io) is not served in context {0}: install metrics-server to see resource use.',
              context,
            )
          : state === 'unavailable'
            ? t(
                'The metrics API (metrics.k8s.io) is registered in context {0} but does not answer; check metrics-server.',
                context,
              )
            : t('The metrics API has no samples for the pods of {0}/{1} yet.', ref.namespace, ref.name);
    return refusedResult(deps, 'notFound', op, why);
  }
  const sortBy: UseSort = a.extra.sortBy === 'cpu' ? 'cpu' : 'memory';
  showPick(deps, context, ref, sortBy, rowsNow);
  const ranked = rankByUse(rows, sortBy);
  return {
    ok: true,
    sortedBy: sortBy,
    rows: ranked.map((r) => ({
      pod: r.pod,
      container: r.container,
      cpuMilli: r.use.cpu.used,
      memoryBytes: r.use.memory.used,
      memoryShare: shareOfLimit(r.use.memory),
      level: memoryLevel(r.use.memory),
    })),
  };
}

function showPick(
  deps: CommandDeps,
  context: string,
  ref: { namespace: string; name: string },
  initial: UseSort,
  rowsNow: () => ContainerUseRow[],
): void {
  let sortBy = initial;
  const qp = vscode.window.createQuickPick<RowItem>();
  const byMemory: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('database'), tooltip: t('Sort by memory') };
  const byCpu: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('dashboard'), tooltip: t('Sort by CPU') };
  qp.buttons = [byMemory, byCpu];
  qp.matchOnDescription = true;
  const render = (): void => {
    qp.title = t(
      'Resource use of {0}/{1} ({2}) · sorted by {3}',
      ref.namespace,
      ref.name,
      context,
      sortBy === 'cpu' ? 'CPU' : t('memory'),
    );
    qp.placeholder = t('Memory is used / request / limit (share of the limit); pick a row to describe its pod');
    const active = qp.activeItems[0]?.row;
    qp.items = rankByUse(rowsNow(), sortBy).map(item);
    const again = active && qp.items.find((i) => i.row.pod === active.pod && i.row.container === active.container);
    if (again) qp.activeItems = [again];
  };
  const subs: vscode.Disposable[] = [];
  const model = deps.kube.explorer?.model;
  if (model) {
    const d = model.onDidChange(() => render());
    subs.push({ dispose: () => d.dispose() });
  }
  subs.push(
    qp.onDidTriggerButton((b) => {
      sortBy = b === byCpu ? 'cpu' : 'memory';
      render();
    }),
    qp.onDidAccept(() => {
      const row = qp.selectedItems[0]?.row;
      qp.hide();
      if (row)
        void vscode.commands.executeCommand('dolphindbK8s.describe', {
          context,
          namespace: ref.namespace,
          kind: 'pod',
          pod: row.pod,
        });
    }),
    qp.onDidHide(() => {
      for (const s of subs) s.dispose();
      qp.dispose();
    }),
  );
  render();
  qp.show();
}
