// Create a cluster: a guided flow whose answers become a DolphinDB document in an untitled
// editor (validated there by the language server), and "Apply file", which applies the
// DolphinDB documents of an editor through applyCluster after the usual confirmation.
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { applyCluster, planApplyCluster } from '../../../core/operations';
import type { KubeObject } from '../../../core/k8s/resources';
import { t } from '../../localize';
import { extraString, toAnswers, type Answers } from '../common/answers';
import { clusterYaml, type NewCluster } from './clusterYaml';
import { openNewClusterDocument } from './newClusterDocument';
import type { CommandDeps, CommandResult } from '../common/deps';
import { refusedResult } from '../common/failures';
import { lifecycleSettings } from '../common/settings';
import type { Step } from '../common/step';
import { askNewCluster } from './createFlow';
import { resolveContext, resolveContextToChange } from '../common/target';
import { planConfirmRun } from './planConfirmRun';

const DDB_API = 'dolphindb.dolphindb.io/';

async function guided(deps: CommandDeps, a: Answers, op: string): Promise<Step<NewCluster>> {
  const c = await resolveContext(deps, a, op);
  if (!c.ok) return c;
  return askNewCluster(deps, a, c.value, op);
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
