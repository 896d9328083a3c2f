// Backups and Restores (the operator's backup.dolphindb.io objects, where it serves them):
// - deleteBackup: a modal that says what goes (for a Backup, its files in remote storage too;
//   docs/domain.md §8 and §7.3: "deleting a backup deletes the remote files"), then the typed name;
// - newBackup: a Backup template in an untitled YAML document, for the user to review;
// - applyBackup: applies the Backup/Restore objects of the active YAML document with server-side
//   apply (core/k8s/apply.ts), at the version the API server serves.
// All three change the cluster: refused in Restricted Mode. Failures go through failedResult.
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import type { BackupApi } from '../../core/backup/discovery';
import { BACKUP_GROUP } from '../../core/backup/discovery';
import { backupTemplate } from '../../core/backup/template';
import type { ExplorerNode } from '../../core/explorer/nodes';
import { deleteObject, serverSideApply } from '../../core/k8s/apply';
import type { KubeObject, ResourceKind } from '../../core/k8s/resources';
import { t } from '../localize';
import type { ModalPrompts } from '../ui/modal';
import { toAnswers, type Answers } from './common/answers';
import { dismissed, type CommandDeps, type CommandResult } from './common/deps';
import { failedResult, refusedResult } from './common/failures';
import { requireTrust, resolveClusterRef, resolveContext } from './common/target';

type Which = 'backup' | 'restore';

const isNode = (v: unknown): v is ExplorerNode =>
  typeof v === 'object' && v !== null && typeof (v as ExplorerNode).kind === 'string' && 'key' in v;

/** The backup API of a context, or a failure result saying it is not served there. */
async function backupApi(
  deps: CommandDeps,
  context: string,
  op: string,
): Promise<{ ok: true; api: BackupApi } | { ok: false; result: CommandResult }> {
  const api = await deps.kube.explorer?.model.backupApi(context);
  if (api) return { ok: true, api };
  return {
    ok: false,
    result: refusedResult(
      deps,
      'notFound',
      op,
      t('The cluster serves no {0} API (DolphinDB backups need chart v1.1.1 or later).', BACKUP_GROUP),
    ),
  };
}

/** The guard's wording: what deleting this object removes. Exported for the test hook. */
export function deleteWarning(which: Which, namespace: string, name: string): { message: string; detail: string } {
  return which === 'backup'
    ? {
        message: t('Delete backup {0}/{1}?', namespace, name),
        detail: t(
          'The operator also deletes the backup files in remote storage (S3 or NFS). They cannot be recovered, and this backup can no longer be restored. Next you type the name to confirm.',
        ),
      }
    : {
        message: t('Delete restore {0}/{1}?', namespace, name),
        detail: t('The Restore object and its record are deleted. Next you type the name to confirm.'),
      };
}

async function deleteBackup(deps: CommandDeps, prompts: ModalPrompts, arg: unknown): Promise<CommandResult> {
  const a: Answers = toAnswers(arg);
  const node = isNode(arg) ? arg : undefined;
  const which: Which | undefined =
    node?.kind === 'backup' || node?.kind === 'restore' ? node.kind : a.extra.kind === 'restore' ? 'restore' : 'backup';
  const name = node?.ref?.name ?? (typeof a.extra.object === 'string' ? a.extra.object : undefined);
  const namespace = node?.ref?.namespace ?? a.namespace;
  const op = t('delete a DolphinDB backup or restore');
  const trusted = requireTrust(deps, op);
  if (!trusted.ok) return trusted.result;
  if (!name || !namespace) return refusedResult(deps, 'invalid', op, t('Choose a backup or restore in the DolphinDB view.'));
  const c = await resolveContext(deps, node?.ref ? { ...a, context: node.ref.context } : a, op);
  if (!c.ok) return c.result;
  const api = await backupApi(deps, c.value.context, op);
  if (!api.ok) return api.result;
  const kind: ResourceKind | undefined = api.api[which];
  if (!kind) return refusedResult(deps, 'notFound', op, t('The cluster serves no {0} API.', `${which}s.${BACKUP_GROUP}`));
  const w = deleteWarning(which, namespace, name);
  const action = t('Delete');
  if ((await prompts.warn(w.message, w.detail, action)) !== action) return dismissed();
  let typed = a.typedName;
  if (typed === undefined) {
    typed = await vscode.window.showInputBox({
      title: w.message,
      prompt: t('Type "{0}" to delete it.', name),
      ignoreFocusOut: true,
      validateInput: (v) => (v === name || v === '' ? undefined : t('Type exactly "{0}".', name)),
    });
    if (!typed) return dismissed();
  }
  if (typed !== name)
    return refusedResult(deps, 'invalid', op, t('The typed name does not match "{0}"; nothing was deleted.', name));
  const r = await deleteObject(c.value.http, kind, name, namespace);
  if (!r.ok) return failedResult(deps, r.error);
  return { ok: true, deleted: `${namespace}/${name}`, kind: which };
}

async function newBackup(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('create a DolphinDB backup');
  const trusted = requireTrust(deps, op);
  if (!trusted.ok) return trusted.result;
  const c = await resolveClusterRef(deps, a, op);
  if (!c.ok) return c.result;
  const api = await backupApi(deps, c.value.context, op);
  if (!api.ok) return api.result;
  if (!api.api.backup) return refusedResult(deps, 'notFound', op, t('The cluster serves no {0} API.', `backups.${BACKUP_GROUP}`));
  const content = backupTemplate(api.api.backup, c.value.ref, new Date(), t);
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return { ok: true, uri: doc.uri.toString(), context: c.value.context };
}

async function applyBackup(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg);
  const op = t('apply a DolphinDB backup or restore');
  const trusted = requireTrust(deps, op);
  if (!trusted.ok) return trusted.result;
  const uri = typeof a.extra.uri === 'string' ? a.extra.uri : vscode.window.activeTextEditor?.document.uri.toString();
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (!doc) return refusedResult(deps, 'invalid', op, t('Open a YAML document with a Backup or Restore first.'));
  const objects: KubeObject[] = [];
  for (const d of parseAllDocuments(doc.getText())) {
    if (d.errors.length > 0)
      return refusedResult(deps, 'invalid', op, t('The document has YAML errors: {0}', d.errors[0].message.split('\n')[0]));
    const o = d.toJS() as KubeObject | null;
    if (o && typeof o === 'object' && String(o.apiVersion).startsWith(`${BACKUP_GROUP}/`)) objects.push(o);
  }
  if (objects.length === 0) return refusedResult(deps, 'invalid', op, t('The document contains no {0} object.', BACKUP_GROUP));
  const c = await resolveContext(deps, a, op);
  if (!c.ok) return c.result;
  const api = await backupApi(deps, c.value.context, op);
  if (!api.ok) return api.result;
  const applied: string[] = [];
  for (const o of objects) {
    const kind = [api.api.backup, api.api.restore].find((k) => k?.kind === o.kind);
    if (!kind)
      return refusedResult(deps, 'invalid', op, t('The cluster serves no {0} kind "{1}".', BACKUP_GROUP, String(o.kind)));
    // The version the server serves, whatever the document says: the API has one served version.
    const r = await serverSideApply(c.value.http, kind, { ...o, apiVersion: `${kind.group}/${kind.version}` });
    if (!r.ok)
      return failedResult(deps, applied.length > 0 ? { ...r.error, changed: true, leftState: applied.join(', ') } : r.error);
    applied.push(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  }
  void vscode.window.showInformationMessage(t('Applied {0}.', applied.join(', ')));
  return { ok: true, applied };
}

export function registerBackupCommands(deps: CommandDeps, prompts: ModalPrompts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dolphindbK8s.deleteBackup', (x: unknown) => deleteBackup(deps, prompts, x)),
    vscode.commands.registerCommand('dolphindbK8s.newBackup', (x: unknown) => newBackup(deps, x)),
    vscode.commands.registerCommand('dolphindbK8s.applyBackup', (x: unknown) => applyBackup(deps, x)),
  ];
}
