// Resolves the kubeconfig the way kubectl does: the KUBECONFIG list (first file to set a value
// wins, so the first file's current-context is the one used), else ~/.kube/config. Unlike
// KubeConfig.loadFromDefault(), a missing kubeconfig is reported as such instead of silently
// pointing at http://localhost:8080, and every problem names the file and the field.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { because, doing, type Text } from '../i18n/text';
import { msg } from '../i18n/translate';
import { fail, ok, type Result } from '../result';

export interface KubeconfigSource {
  /** The files read, in precedence order. */
  readonly files: readonly string[];
  readonly config: KubeConfig;
}

export interface ResolveOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /** An explicit path list from the extension's settings; wins over KUBECONFIG. */
  readonly explicitPaths?: readonly string[];
}

export function kubeconfigPaths(opts: ResolveOptions = {}): string[] {
  const env = opts.env ?? process.env;
  if (opts.explicitPaths && opts.explicitPaths.length > 0) return [...opts.explicitPaths];
  const list = env.KUBECONFIG;
  if (list && list.length > 0) return list.split(path.delimiter).filter((p) => p.length > 0);
  return [path.join(opts.homeDir ?? os.homedir(), '.kube', 'config')];
}

export function loadKubeconfig(opts: ResolveOptions = {}): Result<KubeconfigSource> {
  const candidates = kubeconfigPaths(opts);
  const existing = candidates.filter((f) => fs.existsSync(f));
  if (existing.length === 0) {
    return fail({
      kind: 'noKubeconfig',
      ...doing(msg('read kubeconfig')),
      ...because(msg('no kubeconfig file found (looked at {0})'), candidates.join(', ')),
    });
  }
  let merged: KubeConfig | undefined;
  for (const file of existing) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (e) {
      return fail({ kind: 'kubeconfigInvalid', ...doing(msg('read kubeconfig {0}'), file), reason: describeLoadError(e) });
    }
    if (!merged) {
      merged = one;
    } else {
      mergeInto(merged, one);
    }
  }
  const config = merged as KubeConfig;
  if (config.getContexts().length === 0) {
    return fail({
      kind: 'noKubeconfig',
      ...doing(msg('read kubeconfig')),
      ...because(msg('{0} defines no context'), existing.join(', ')),
    });
  }
  const problem = checkReferences(config, existing);
  if (problem)
    return fail({ kind: 'kubeconfigInvalid', ...doing(msg('read kubeconfig')), ...because(problem.message, ...problem.args) });
  return ok({ files: existing, config });
}

/** kubectl semantics: entries from later files never replace entries of earlier ones. */
function mergeInto(target: KubeConfig, later: KubeConfig): void {
  const clusters = new Set(target.clusters.map((c) => c.name));
  const users = new Set(target.users.map((u) => u.name));
  const contexts = new Set(target.contexts.map((c) => c.name));
  const next = {
    clusters: [...target.clusters, ...later.clusters.filter((c) => !clusters.has(c.name))],
    users: [...target.users, ...later.users.filter((u) => !users.has(u.name))],
    contexts: [...target.contexts, ...later.contexts.filter((c) => !contexts.has(c.name))],
    currentContext: target.currentContext || later.currentContext,
  };
  target.loadFromOptions(next);
}

/** Finds contexts that name missing clusters/users and certificate files that do not exist. */
export function checkReferences(config: KubeConfig, files: readonly string[]): Text | undefined {
  const where = files.join(', ');
  const current = config.currentContext;
  if (current && !config.getContextObject(current)) {
    return { message: msg('{0}: current-context "{1}" names no context'), args: [where, current] };
  }
  for (const context of config.contexts) {
    if (!config.getCluster(context.cluster))
      return {
        message: msg('{0}: context "{1}" names cluster "{2}", which is not defined'),
        args: [where, context.name, context.cluster],
      };
    if (context.user && !config.getUser(context.user))
      return {
        message: msg('{0}: context "{1}" names user "{2}", which is not defined'),
        args: [where, context.name, context.user],
      };
  }
  for (const c of config.clusters) {
    if (c.caFile && !fs.existsSync(c.caFile))
      return {
        message: msg('{0}: cluster "{1}" field certificate-authority: file {2} does not exist'),
        args: [where, c.name, c.caFile],
      };
  }
  for (const u of config.users) {
    if (u.certFile && !fs.existsSync(u.certFile))
      return {
        message: msg('{0}: user "{1}" field client-certificate: file {2} does not exist'),
        args: [where, u.name, u.certFile],
      };
    if (u.keyFile && !fs.existsSync(u.keyFile))
      return { message: msg('{0}: user "{1}" field client-key: file {2} does not exist'), args: [where, u.name, u.keyFile] };
  }
  return undefined;
}

function describeLoadError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  // js-yaml messages carry the line; keep the first line only, never file contents.
  return text.split('\n')[0].slice(0, 300);
}

/** A copy of the config switched to another context, leaving the user's files untouched. */
export function withContext(config: KubeConfig, contextName: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: config.clusters,
    users: config.users,
    contexts: config.contexts,
    currentContext: contextName,
  });
  return copy;
}

export function contextNamespace(config: KubeConfig, contextName: string): string | undefined {
  return config.getContextObject(contextName)?.namespace ?? undefined;
}
