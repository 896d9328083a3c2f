// Commands that change an existing cluster: upgrade, scale, configure, restart (cluster or one
// instance), pause/resume an instance, per-instance Service, extra volume. Each resolves its
// target, plans with the core operation, confirms the plan, then runs it under progress.
import * as vscode from 'vscode';
import { compareVersions, sortVersionsDescending } from '../../../core/dolphindb/versions';
import { ROLES } from '../../../core/dolphindb/names';
import { isStandalone, replicasOf, rolesOf } from '../../../core/operations/cluster';
import {
  addVolume,
  configure,
  planAddVolume,
  planConfigure,
  planRestart,
  planScale,
  planUpgrade,
  readSupportedVersions,
  restart,
  scale,
  upgrade,
  type AddVolumeRequest,
  type ConfigureChanges,
  type InstanceAction,
  type RestartScope,
} from '../../../core/operations';
import { t } from '../../localize';
import { extraRecord, toAnswers, type Answers } from '../common/answers';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult, refusedResult } from '../common/failures';
import { askText, pickRole, roleOf } from '../common/prompts';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { resolveCluster, resolveInstance, type ClusterTarget } from '../common/target';
import { changeInstances, planInstancesChange } from '../../../core/operations/instancesBatch';
import { askVolume, pickInstances } from './instanceChoices';
import { planConfirmRun } from './planConfirmRun';

const rollout = (a: Answers): { wait: boolean; timeoutMs: number } => ({
  wait: a.wait !== false,
  timeoutMs: lifecycleSettings().timeoutMs,
});

async function upgradeCluster(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('upgrade a DolphinDB cluster');
  const r = await resolveCluster(deps, a, op);
  if (!r.ok) return r.result;
  const { http, ref, cluster } = r.value;
  let version = a.version;
  if (version === undefined) {
    const list = await readSupportedVersions(quietContext(deps), http, ref.namespace);
    if (!list.ok) return failedResult(deps, list.error);
    if (list.value.note) deps.log.warn(list.value.note);
    const current = cluster.spec.version;
    const items = sortVersionsDescending(list.value.versions).map((v) => ({
      label: v.version,
      description:
        v.version === current ? t('current') : current && compareVersions(v.version, current) < 0 ? t('older (downgrade)') : '',
    }));
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: t('Version for {0} (now {1})', ref.name, current ?? '?'),
    });
    if (!pick) return dismissed();
    version = pick.label;
  }
  const target = version;
  return planConfirmRun(deps, a, {
    title: t('Upgrade {0} to {1}', ref.name, target),
    action: t('Upgrade'),
    plan: (ctx) => planUpgrade(ctx, http, ref, target),
    run: (ctx) => upgrade(ctx, http, ref, target, rollout(a)),
    result: (v) => ({ from: v.from, to: v.to }),
  });
}

async function scaleCluster(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('scale a DolphinDB cluster');
  const r = await resolveCluster(deps, a, op);
  if (!r.ok) return r.result;
  const { http, ref, cluster } = r.value;
  if (isStandalone(cluster.spec))
    return refusedResult(deps, 'unsupported', op, t('{0} is a standalone instance; only clusters can be scaled.', ref.name));
  const role = await pickRole(a, rolesOf(cluster.spec).length > 0 ? rolesOf(cluster.spec) : ROLES);
  if (!role) return a.role !== undefined ? refusedResult(deps, 'invalid', op, t('Unknown role "{0}".', a.role)) : dismissed();
  let replicas = a.replicas;
  if (replicas === undefined) {
    const text = await askText(
      undefined,
      t('Replicas of {0} (now {1})', role, replicasOf(cluster.spec, role)),
      String(replicasOf(cluster.spec, role)),
      (v) => (/^\d+$/.test(v) ? undefined : t('Enter a whole number.')),
    );
    if (text === undefined) return dismissed();
    replicas = Number(text);
  }
  const n = replicas;
  return planConfirmRun(deps, a, {
    title: t('Scale {0} {1} to {2}', ref.name, role, n),
    action: t('Scale'),
    plan: (ctx) => planScale(ctx, http, ref, role, n),
    run: (ctx) => scale(ctx, http, ref, role, n, rollout(a)),
    result: (v) => ({ role: v.role, from: v.from, to: v.to }),
  });
}

/** Interactive configure: one entry of one config file, or one resource limit of one role. */
async function askConfigure(cluster: ClusterTarget['cluster']): Promise<ConfigureChanges | undefined> {
  const sections = [
    { label: 'cluster.cfg', detail: 'spec.controller.clusterConfig', key: 'clusterConfig' },
    { label: 'controller.cfg', detail: 'spec.controller.controllerConfig', key: 'controllerConfig' },
    { label: t('datanode config'), detail: 'spec.datanode.config', key: 'datanode' },
    ...(rolesOf(cluster.spec).includes('computenode')
      ? [{ label: t('computenode config'), detail: 'spec.computenode.config', key: 'computenode' }]
      : []),
    { label: t('Resource limits'), detail: 'spec.<role>.resources.limits', key: 'resources' },
  ];
  const section = await vscode.window.showQuickPick(sections, { placeHolder: t('What to change') });
  if (!section) return undefined;
  if (section.key === 'resources') {
    const role = await pickRole({ extra: {} }, rolesOf(cluster.spec));
    const res = role ? await vscode.window.showQuickPick(['cpu', 'memory'], { placeHolder: t('Resource') }) : undefined;
    const value = res
      ? await askText(undefined, t('Limit of {0} for {1} (e.g. 2 or 4Gi; empty removes it)', res, role ?? ''), '')
      : undefined;
    if (!role || !res || value === undefined) return undefined;
    return { resources: { [role]: { limits: { [res]: value === '' ? null : value } } } };
  }
  const key = await askText(undefined, t('Configuration parameter (e.g. maxMemSize)'), '');
  if (!key) return undefined;
  const value = await askText(undefined, t('Value of {0} (empty removes it)', key), '');
  if (value === undefined) return undefined;
  const entries = { [key]: value === '' ? null : value };
  if (section.key === 'clusterConfig') return { clusterConfig: entries };
  if (section.key === 'controllerConfig') return { controllerConfig: entries };
  return { config: { [section.key]: entries } };
}

async function configureCluster(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const r = await resolveCluster(deps, a, t('configure a DolphinDB cluster'));
  if (!r.ok) return r.result;
  const { http, ref, cluster } = r.value;
  // Scripted changes are checked by the core operation like typed ones.
  const changes = (extraRecord(a, 'changes') as ConfigureChanges | undefined) ?? (await askConfigure(cluster));
  if (!changes) return dismissed();
  return planConfirmRun(deps, a, {
    title: t('Configure {0}', ref.name),
    action: t('Apply'),
    plan: (ctx) => planConfigure(ctx, http, ref, changes),
    run: (ctx) => configure(ctx, http, ref, changes, rollout(a)),
    result: (v) => ({ configured: v.changed }),
  });
}

async function restartCommand(deps: CommandDeps, arg: unknown, instance: boolean): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = instance ? t('restart a DolphinDB instance') : t('restart a DolphinDB cluster');
  const r = await resolveCluster(deps, a, op);
  if (!r.ok) return r.result;
  const { http, ref } = r.value;
  let scope: RestartScope = { kind: 'cluster' };
  if (instance) {
    const it = await resolveInstance(deps, a, r.value, op);
    if (!it.ok) return it.result;
    scope = { kind: 'instance', ...it.value };
  }
  const settings = lifecycleSettings();
  return planConfirmRun(deps, a, {
    title: instance ? t('Restart an instance of {0}', ref.name) : t('Restart {0}', ref.name),
    action: t('Restart'),
    plan: (ctx) => planRestart(ctx, http, ref, scope),
    run: (ctx) => restart(ctx, http, ref, scope, { readyTimeoutMs: settings.timeoutMs }),
    result: (v) => ({ restarted: v.restarted }),
  });
}

async function instanceCommand(deps: CommandDeps, arg: unknown, action: InstanceAction): Promise<CommandResult> {
  const a = toAnswers(arg);
  const labels: Record<InstanceAction, [string, string]> = {
    pause: [t('pause a DolphinDB instance'), t('Pause')],
    resume: [t('resume a DolphinDB instance'), t('Resume')],
    addService: [t('give a DolphinDB instance its own Service'), t('Add Service')],
    removeService: [t('remove the Service of a DolphinDB instance'), t('Remove Service')],
  };
  const [op, button] = labels[action];
  const r = await resolveCluster(deps, a, op);
  if (!r.ok) return r.result;
  const { http, ref } = r.value;
  // Several instances at once (instanceChoices.ts); an instance node or role+index names one.
  const targets = await pickInstances(a, r.value.cluster);
  if (targets === 'invalid') return refusedResult(deps, 'invalid', op, t('Each instance needs a role and an index.'));
  if (!targets) return dismissed();
  const title =
    targets.length === 1
      ? `${button}: ${ref.name} ${targets[0].role} ${targets[0].index}`
      : `${button}: ${ref.name} ${targets.map((x) => `${x.role} ${x.index}`).join(', ')}`;
  return planConfirmRun(deps, a, {
    title,
    action: button,
    plan: (ctx) => planInstancesChange(ctx, http, ref, targets, action, title),
    run: (ctx) => changeInstances(ctx, http, ref, targets, action, rollout(a)),
    result: (v) => ({ action: v.action, instances: v.changed }),
  });
}

async function addVolumeCommand(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const r = await resolveCluster(deps, a, t('add a volume to a DolphinDB cluster'));
  if (!r.ok) return r.result;
  const { http, ref, cluster } = r.value;
  const scripted = extraRecord(a, 'volume');
  const role = roleOf(a.role);
  // The core operation validates every field of a scripted request before it changes anything.
  const req = scripted
    ? ({ ...scripted, ...(role ? { role } : {}) } as unknown as AddVolumeRequest)
    : await askVolume(a, cluster);
  if (!req) return dismissed();
  return planConfirmRun(deps, a, {
    title: t('Add volume {0} to {1}', String(req.name), ref.name),
    action: t('Add volume'),
    plan: (ctx) => planAddVolume(ctx, http, ref, req),
    run: (ctx) => addVolume(ctx, http, ref, req, rollout(a)),
    result: (v) => ({ pvcCreated: v.pvcCreated }),
  });
}

export function registerClusterChangeCommands(deps: CommandDeps): vscode.Disposable[] {
  const reg = (id: string, fn: (arg: unknown) => Promise<CommandResult>): vscode.Disposable =>
    vscode.commands.registerCommand(id, fn);
  return [
    reg('dolphindbK8s.upgradeCluster', (x) => upgradeCluster(deps, x)),
    reg('dolphindbK8s.scaleCluster', (x) => scaleCluster(deps, x)),
    reg('dolphindbK8s.configureCluster', (x) => configureCluster(deps, x)),
    reg('dolphindbK8s.restartCluster', (x) => restartCommand(deps, x, false)),
    reg('dolphindbK8s.restartInstance', (x) => restartCommand(deps, x, true)),
    reg('dolphindbK8s.pauseInstance', (x) => instanceCommand(deps, x, 'pause')),
    reg('dolphindbK8s.resumeInstance', (x) => instanceCommand(deps, x, 'resume')),
    reg('dolphindbK8s.addInstanceService', (x) => instanceCommand(deps, x, 'addService')),
    reg('dolphindbK8s.removeInstanceService', (x) => instanceCommand(deps, x, 'removeService')),
    reg('dolphindbK8s.addVolume', (x) => addVolumeCommand(deps, x)),
  ];
}
