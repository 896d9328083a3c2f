// Asks for the answers a command still lacks: kube context, cluster, role, instance, files.
// Each returns undefined when the user dismisses the prompt.
import * as vscode from 'vscode';
import type { KubeHttp } from '../../../core/k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import { parseRole, ROLES, type Role } from '../../../core/dolphindb/names';
import type { Result } from '../../../core/result';
import { t } from '../../localize';
import type { Answers } from './answers';
import type { CommandDeps } from './deps';

export async function pickContext(deps: CommandDeps, answers: Answers): Promise<string | undefined> {
  if (answers.context) return answers.context;
  const names = deps.kube.kubeconfig?.config.getContexts().map((c) => c.name) ?? [];
  const active = deps.kube.activeContext;
  if (names.length <= 1) return active ?? names[0];
  const pick = await vscode.window.showQuickPick(
    names.map((n) => ({ label: n, description: n === active ? t('shown in the view') : '' })),
    { placeHolder: t('Kube context') },
  );
  return pick?.label;
}

export async function listClusters(http: KubeHttp, namespace?: string): Promise<Result<KubeObject[]>> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.dolphindb, namespace), {
    operation: t('list DolphinDB clusters'),
  });
  return r.ok ? { ok: true, value: r.value.items } : r;
}

/** namespace/name of a cluster: from the answers, else picked from the clusters of the context. */
export async function pickCluster(
  http: KubeHttp,
  answers: Answers,
): Promise<Result<{ namespace: string; name: string } | undefined>> {
  if (answers.namespace && answers.name) return { ok: true, value: { namespace: answers.namespace, name: answers.name } };
  const list = await listClusters(http, answers.namespace);
  if (!list.ok) return list;
  const items = list.value
    .filter((o) => !answers.name || o.metadata.name === answers.name)
    .map((o) => ({ label: o.metadata.name, description: o.metadata.namespace ?? '', namespace: o.metadata.namespace ?? '' }));
  if (items.length === 1 && answers.name) return { ok: true, value: { namespace: items[0].namespace, name: items[0].label } };
  const pick = await vscode.window.showQuickPick(items, { placeHolder: t('DolphinDB cluster') });
  return { ok: true, value: pick ? { namespace: pick.namespace, name: pick.label } : undefined };
}

/** Role answers may be `dn` (tree) or `datanode` (scripts); anything else is undefined. */
export const roleOf = parseRole;

export async function pickRole(answers: Answers, roles: readonly Role[] = ROLES): Promise<Role | undefined> {
  if (answers.role !== undefined) return roleOf(answers.role);
  const pick = await vscode.window.showQuickPick(
    roles.map((r) => ({ label: r })),
    { placeHolder: t('Role') },
  );
  return pick ? (pick.label as Role) : undefined;
}

export async function pickIndex(answers: Answers, replicas: number): Promise<number | undefined> {
  if (answers.index !== undefined) return answers.index;
  const pick = await vscode.window.showQuickPick(
    Array.from({ length: replicas }, (_, i) => ({ label: String(i) })),
    { placeHolder: t('Instance index') },
  );
  return pick ? Number(pick.label) : undefined;
}

export async function pickFile(
  given: string | undefined,
  title: string,
  filters: Record<string, string[]>,
): Promise<string | undefined> {
  if (given) return given;
  const uris = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters });
  return uris?.[0]?.fsPath;
}

export async function askText(
  given: string | undefined,
  prompt: string,
  value: string,
  validate?: (v: string) => string | undefined,
): Promise<string | undefined> {
  if (given !== undefined) return given;
  return vscode.window.showInputBox({ prompt, value, ignoreFocusOut: true, validateInput: validate });
}
