// Create a cluster: a guided flow whose answers become a DolphinDB document in an untitled
// editor (validated there by the language server), and "Apply file", which applies the
// DolphinDB documents of an editor through applyCluster after the usual confirmation.
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { isQuantity } from '../../../core/dolphindb/quantity';
import { sortVersionsDescending } from '../../../core/dolphindb/versions';
import { applyCluster, planApplyCluster, readSupportedVersions } from '../../../core/operations';
import { checkLabel } from '../../../core/operations/input';
import type { KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { extraNumber, extraString, toAnswers, type Answers } from '../common/answers';
import { storageClasses } from './clusterChoices';
import { clusterYaml, type ClusterType, type Mode, type NewCluster } from './clusterYaml';
import { openNewClusterDocument } from './newClusterDocument';
import { dismissed, type CommandDeps, type CommandResult } from '../common/deps';
import { failedResult, refusedResult } from '../common/failures';
import { askText } from '../common/prompts';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop, type Step } from '../common/step';
import { resolveContext, resolveContextToChange } from '../common/target';
import { planConfirmRun } from './planConfirmRun';

const DDB_API = 'dolphindb.dolphindb.io/';
const quantity = (v: string): string | undefined =>
  isQuantity(v) && v !== '0' ? undefined : t('"{0}" is not a Kubernetes quantity such as 2, 500m or 4Gi.', v);
const count =
  (min: number) =>
  (v: string): string | undefined =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= 256 ? undefined : t('Enter a whole number from {0} to 256.', min);

async function pickOne<T extends string>(
  given: string | undefined,
  options: readonly T[],
  placeHolder: string,
): Promise<T | undefined> {
  if (given !== undefined) return options.find((o) => o === given);
  const pick = await vscode.window.showQuickPick(
    options.map((o) => ({ label: o })),
    { placeHolder },
  );
  return pick?.label as T | undefined;
}

/** Asks a number, or takes the scripted one; the same bounds apply to both. */
async function askCount(a: Answers, key: string, prompt: string, dflt: number, min: number): Promise<number | undefined> {
  const given = extraNumber(a, key);
  const text = await askText(
    given !== undefined ? String(given) : a.confirm ? String(dflt) : undefined,
    prompt,
    String(dflt),
    count(min),
  );
  return text !== undefined && count(min)(text) === undefined ? Number(text) : undefined;
}

async function askQuantity(a: Answers, key: string, prompt: string, dflt: string): Promise<string | undefined> {
  const text = await askText(extraString(a, key) ?? (a.confirm ? dflt : undefined), prompt, dflt, quantity);
  return text !== undefined && quantity(text) === undefined ? text : undefined;
}

async function guided(deps: CommandDeps, a: Answers, op: string): Promise<Step<NewCluster>> {
  const c = await resolveContext(deps, a, op);
  if (!c.ok) return c;
  const { http } = c.value;
  const name = await askText(a.name, t('Name of the new DolphinDB cluster'), '', (v) => checkLabel(t, t('Name'), v));
  if (name === undefined) return stop(dismissed());
  const badName = checkLabel(t, t('Name'), name);
  if (badName) return stop(refusedResult(deps, 'invalid', op, badName));
  const namespace = await askText(a.namespace, t('Namespace'), lifecycleSettings().suiteNamespace, (v) =>
    checkLabel(t, t('Namespace'), v),
  );
  if (namespace === undefined) return stop(dismissed());
  const badNs = checkLabel(t, t('Namespace'), namespace);
  if (badNs) return stop(refusedResult(deps, 'invalid', op, badNs));
  const mode = await pickOne<Mode>(extraString(a, 'mode'), ['cluster', 'standalone'], t('Deployment mode'));
  if (!mode)
    return stop(
      extraString(a, 'mode') ? refusedResult(deps, 'invalid', op, t('Mode must be cluster or standalone.')) : dismissed(),
    );
  const clusterType =
    mode === 'cluster'
      ? await pickOne<ClusterType>(
          extraString(a, 'clusterType'),
          ['singlecontroller', 'multicontroller'],
          t('Cluster type (multicontroller: 3 controllers, high availability)'),
        )
      : 'singlecontroller';
  if (!clusterType)
    return stop(
      extraString(a, 'clusterType')
        ? refusedResult(deps, 'invalid', op, t('Cluster type must be singlecontroller or multicontroller.'))
        : dismissed(),
    );
  let version = a.version;
  if (version === undefined) {
    const list = await readSupportedVersions(quietContext(deps), http, namespace);
    if (!list.ok) return stop(failedResult(deps, list.error));
    const pick = await vscode.window.showQuickPick(
      sortVersionsDescending(list.value.versions).map((v) => ({ label: v.version })),
      { placeHolder: t('DolphinDB version (supported by the installed suite)') },
    );
    if (!pick) return stop(dismissed());
    version = pick.label;
  }
  const multi = clusterType === 'multicontroller';
  const controllers = mode === 'cluster' ? await askCount(a, 'controllers', t('Controllers'), multi ? 3 : 1, 1) : 0;
  const datanodes = mode === 'cluster' ? await askCount(a, 'datanodes', t('Data nodes'), 2, 1) : 1;
  const computenodes = mode === 'cluster' ? await askCount(a, 'computenodes', t('Compute nodes (0 for none)'), 0, 0) : 0;
  if (controllers === undefined || datanodes === undefined || computenodes === undefined) return stop(dismissed());
  const cpu = await askQuantity(a, 'cpu', t('CPU limit per instance'), '1');
  const memory = cpu ? await askQuantity(a, 'memory', t('Memory limit per instance'), '2Gi') : undefined;
  if (!cpu || !memory) return stop(dismissed());
  let storageClass = extraString(a, 'storageClass');
  if (storageClass === undefined) {
    const classes = await storageClasses(http);
    const pick = await vscode.window.showQuickPick(
      classes.map((s) => ({ label: s.name, description: s.isDefault ? t('default') : '' })),
      { placeHolder: t('StorageClass for the volumes') },
    );
    if (!pick) return stop(dismissed());
    storageClass = pick.label;
  }
  const dataSize = await askQuantity(a, 'dataSize', t('Data volume size per data node'), '10Gi');
  const logSize = dataSize ? await askQuantity(a, 'logSize', t('Log volume size per instance'), '1Gi') : undefined;
  if (!dataSize || !logSize) return stop(dismissed());
  return proceed({
    name,
    namespace,
    mode,
    clusterType,
    version,
    controllers,
    datanodes,
    computenodes,
    cpu,
    memory,
    storageClass,
    dataSize,
    logSize,
  });
}

async function createCluster(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const answered = await guided(deps, a, t('create a DolphinDB cluster'));
  if (!answered.ok) return answered.result;
  const form = answered.value;
  const yaml = clusterYaml(form);
  const doc = await openNewClusterDocument(form.name, yaml);
  deps.log.info(t('Opened the document of the new cluster {0}/{1} for review.', form.namespace, form.name));
  const apply = t('Apply');
  void vscode.window
    .showInformationMessage(t('Review the document of {0}, then apply it to the cluster.', form.name), apply)
    .then((choice) => {
      if (choice === apply)
        void vscode.commands.executeCommand('dolphindbK8s.applyFile', { uri: doc.uri.toString(), context: a.context });
    });
  return { ok: true, uri: doc.uri.toString(), yaml };
}

async function documentOf(a: Answers): Promise<vscode.TextDocument | undefined> {
  const uri = extraString(a, 'uri');
  if (uri)
    return (
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
      vscode.workspace.openTextDocument(vscode.Uri.parse(uri))
    );
  return vscode.window.activeTextEditor?.document;
}

async function applyFile(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg instanceof vscode.Uri ? { uri: arg.toString() } : arg);
  const op = t('apply a DolphinDB document');
  const doc = await documentOf(a);
  if (!doc) return refusedResult(deps, 'invalid', op, t('Open a YAML document with a DolphinDB cluster first.'));
  const objects: KubeObject[] = [];
  for (const d of parseAllDocuments(doc.getText())) {
    if (d.errors.length > 0)
      return refusedResult(deps, 'invalid', op, t('The document has YAML errors: {0}', d.errors[0].message.split('\n')[0]));
    const o: unknown = d.toJS();
    if (
      typeof o === 'object' &&
      o !== null &&
      (o as KubeObject).kind === 'DolphinDB' &&
      String((o as KubeObject).apiVersion).startsWith(DDB_API)
    )
      objects.push(o as KubeObject);
  }
  if (objects.length === 0)
    return refusedResult(
      deps,
      'invalid',
      op,
      t('The document contains no DolphinDB object (apiVersion {0}v1, kind DolphinDB).', DDB_API),
    );
  const c = await resolveContextToChange(deps, a, op);
  if (!c.ok) return c.result;
  const { http } = c.value;
  const applied: string[] = [];
  for (const obj of objects) {
    const name = `${obj.metadata?.namespace ?? '?'}/${obj.metadata?.name ?? '?'}`;
    const r = await planConfirmRun(deps, a, {
      title: t('Apply DolphinDB {0}', name),
      action: t('Apply'),
      plan: (ctx) => planApplyCluster(ctx, http, obj),
      run: (ctx) => applyCluster(ctx, http, obj, { wait: a.wait === true, timeoutMs: lifecycleSettings().timeoutMs }),
      result: (v) => ({ created: v.created }),
    });
    if (!r.ok) return applied.length > 0 ? { ...r, changed: true, leftState: t('Already applied: {0}.', applied.join(', ')) } : r;
    applied.push(name);
  }
  return { ok: true, applied };
}

export function registerCreateCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.createCluster', (x: unknown) => createCluster(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.applyFile', (x: unknown) => applyFile(deps, x)),
  ];
}
