// Create a cluster: a guided flow whose answers become a DolphinDB document in an untitled
// editor (validated there by the language server), and "Apply file" (applyFile.ts), which
// applies every document of an editor after the usual confirmation.
import * as vscode from 'vscode';
import { t } from '../../localize';
import { toAnswers, type Answers } from '../common/answers';
import { applyFile } from './applyFile';
import { clusterYaml, type NewCluster } from './clusterYaml';
import { openNewClusterDocument } from './newClusterDocument';
import type { CommandDeps, CommandResult } from '../common/deps';
import type { Step } from '../common/step';
import { askNewCluster } from './createFlow';
import { resolveContext } from '../common/target';

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

export function registerCreateCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.createCluster', (x: unknown) => createCluster(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.applyFile', (x: unknown) => applyFile(deps, x)),
  ];
}
