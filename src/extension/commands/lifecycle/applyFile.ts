// "Apply file": every document of the editor's YAML (Namespace, ConfigMaps, Secrets, PVCs,
// Services, DolphinDB) after one dry run and one confirmation that lists each object and whether
// it is created or changed; applied in dependency order by core/operations/applyFile.
import * as vscode from 'vscode';
import { contextNamespace } from '../../../core/k8s/kubeconfig';
import { applyFileObjects, parseManifest, planApplyFile } from '../../../core/operations/applyFile';
import { t } from '../../localize';
import { extraString, toAnswers, type Answers } from '../common/answers';
import type { CommandDeps, CommandResult } from '../common/deps';
import { refusedResult } from '../common/failures';
import { lifecycleSettings } from '../common/settings';
import { resolveContextToChange } from '../common/target';
import { planConfirmRun } from './planConfirmRun';

async function documentOf(a: Answers): Promise<vscode.TextDocument | undefined> {
  const uri = extraString(a, 'uri');
  if (uri)
    return (
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
      vscode.workspace.openTextDocument(vscode.Uri.parse(uri))
    );
  return vscode.window.activeTextEditor?.document;
}

export async function applyFile(deps: CommandDeps, arg: unknown): Promise<CommandResult> {
  const a = toAnswers(arg instanceof vscode.Uri ? { uri: arg.toString() } : arg);
  const op = t('apply a YAML file');
  const doc = await documentOf(a);
  if (!doc) return refusedResult(deps, 'invalid', op, t('Open a YAML document with a DolphinDB cluster first.'));
  const c = await resolveContextToChange(deps, a, op);
  if (!c.ok) return c.result;
  const { http, context } = c.value;
  // Objects without a namespace go where kubectl would put them: the context's namespace.
  const cfg = deps.kube.kubeconfig?.config;
  const defaultNs = a.namespace ?? (cfg ? contextNamespace(cfg, context) : undefined) ?? 'default';
  const parsed = parseManifest(doc.getText(), defaultNs, t);
  if (!parsed.ok) return refusedResult(deps, 'invalid', op, parsed.reason);
  const opts = { wait: a.wait === true, timeoutMs: lifecycleSettings().timeoutMs };
  let items: readonly { label: string; action: string }[] = [];
  const r = await planConfirmRun(deps, a, {
    title: t('Apply file {0}', vscode.workspace.asRelativePath(doc.uri)),
    action: t('Apply'),
    plan: async (ctx) => {
      const p = await planApplyFile(ctx, http, parsed.objects, opts);
      if (p.ok) items = p.value.items;
      return p;
    },
    run: (ctx) => applyFileObjects(ctx, http, parsed.objects, opts),
    result: (v) => ({ applied: v.applied.map((x) => x.label), created: v.applied.filter((x) => x.created).map((x) => x.label) }),
  });
  return r.ok ? { ...r, plan: items } : r;
}
