// dolphindbK8s.filterNamespaces: the user chooses which namespaces a context shows. The choice is
// remembered per context (NamespaceFilters) and the context reconnects with watches opened only
// in those namespaces. Scripts and tests pass { context, namespaces: [...] | 'all' }.
import * as vscode from 'vscode';
import { t } from '../localize';
import type { NamespaceFilters } from '../namespaceFilters';
import { toAnswers } from './common/answers';
import { dismissed, type CommandDeps, type CommandResult } from './common/deps';
import { failedResult } from './common/failures';
import { pickContext } from './common/prompts';

/** A scripted answer: a list of namespaces, or 'all' / [] for no filter; undefined: ask. */
function scriptedChoice(v: unknown): readonly string[] | undefined {
  if (v === 'all') return [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

async function askChoice(
  known: readonly string[],
  current: readonly string[] | undefined,
): Promise<readonly string[] | undefined> {
  type Item = vscode.QuickPickItem & { readonly ns?: string };
  const names = [...new Set([...known, ...(current ?? [])])].sort();
  const all: Item = { label: t('All namespaces'), description: t('no filter: watch every namespace you may list') };
  const items: Item[] = [all, ...names.map((ns) => ({ label: ns, ns, picked: current?.includes(ns) ?? false }))];
  if (!current) all.picked = true;
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: t('Namespaces to show in this context'),
  });
  if (!picked) return undefined;
  // "All namespaces", nothing, or every namespace picked: no filter.
  const chosen = picked.flatMap((p) => (p.ns ? [p.ns] : []));
  if (picked.includes(all) || chosen.length === 0 || chosen.length === names.length) return [];
  return chosen;
}

export async function filterNamespacesCommand(
  deps: CommandDeps,
  filters: NamespaceFilters,
  arg: unknown,
): Promise<CommandResult> {
  const answers = toAnswers(arg);
  const context = await pickContext(deps, answers);
  if (!context) return dismissed();
  const session = await deps.kube.sessionFor(context);
  if (!session)
    return failedResult(deps, {
      kind: 'noKubeconfig',
      operation: t('connect to {0}', context),
      reason: t('No kubeconfig context "{0}" is loaded.', context),
    });
  const choice =
    scriptedChoice(answers.extra.namespaces) ?? (await askChoice(await session.knownNamespaces(), filters.get(context)));
  if (!choice) return dismissed();
  await filters.set(context, choice);
  // A new session reads the remembered choice and opens its watches for it.
  const reg = deps.kube.registry;
  const state = reg ? await reg.reconnect(context) : undefined;
  return { ok: true, context, namespaces: filters.get(context) ?? 'all', state: state?.s };
}
