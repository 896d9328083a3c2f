// Writes through the API server: server-side apply with the extension's field manager, merge
// patches, deletes. Failures come back as values; a conflict names the fields' other managers.
import { because, doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { Result } from '../result';
import { fail, ok } from '../result';
import type { KubeHttp } from './http';
import { objectPath, type KubeObject, type ResourceKind } from './resources';

export const FIELD_MANAGER = 'vscode-dolphindb';

export interface ApplyOptions {
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

export async function serverSideApply(
  http: KubeHttp,
  kind: ResourceKind,
  obj: KubeObject,
  opts: ApplyOptions = {},
): Promise<Result<KubeObject>> {
  const ns = kind.namespaced ? obj.metadata.namespace : undefined;
  if (kind.namespaced && !ns)
    return fail({
      kind: 'invalid',
      ...doing(msg('apply {0}'), `${kind.plural}/${obj.metadata.name}`),
      ...because(msg('metadata.namespace is required')),
    });
  const body = JSON.parse(JSON.stringify(obj)) as KubeObject & Record<string, unknown>;
  // Fields the server owns must not be sent back.
  delete body.status;
  delete body.metadata.managedFields;
  delete body.metadata.resourceVersion;
  delete body.metadata.uid;
  delete body.metadata.creationTimestamp;
  delete body.metadata.generation;
  return http.request<KubeObject>(objectPath(kind, obj.metadata.name, ns), {
    method: 'PATCH',
    body,
    contentType: 'application/apply-patch+yaml',
    query: {
      fieldManager: FIELD_MANAGER,
      force: opts.force ? true : undefined,
      dryRun: opts.dryRun ? 'All' : undefined,
      fieldValidation: 'Strict',
    },
    signal: opts.signal,
    ...(ns
      ? doing(opts.dryRun ? msg('dry-run apply {0} in {1}') : msg('apply {0} in {1}'), `${kind.plural}/${obj.metadata.name}`, ns)
      : doing(opts.dryRun ? msg('dry-run apply {0}') : msg('apply {0}'), `${kind.plural}/${obj.metadata.name}`)),
  });
}

export async function mergePatch(
  http: KubeHttp,
  kind: ResourceKind,
  name: string,
  namespace: string | undefined,
  patch: unknown,
  opts: { signal?: AbortSignal; subresource?: string; dryRun?: boolean } = {},
): Promise<Result<KubeObject>> {
  return http.request<KubeObject>(objectPath(kind, name, namespace) + (opts.subresource ? `/${opts.subresource}` : ''), {
    method: 'PATCH',
    body: patch,
    contentType: 'application/merge-patch+json',
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    signal: opts.signal,
    ...(namespace
      ? doing(msg('patch {0} in {1}'), `${kind.plural}/${name}`, namespace)
      : doing(msg('patch {0}'), `${kind.plural}/${name}`)),
  });
}

export async function getObject(
  http: KubeHttp,
  kind: ResourceKind,
  name: string,
  namespace?: string,
  signal?: AbortSignal,
): Promise<Result<KubeObject>> {
  return http.request<KubeObject>(objectPath(kind, name, namespace), {
    signal,
    ...(namespace
      ? doing(msg('read {0} in {1}'), `${kind.plural}/${name}`, namespace)
      : doing(msg('read {0}'), `${kind.plural}/${name}`)),
  });
}

export async function deleteObject(
  http: KubeHttp,
  kind: ResourceKind,
  name: string,
  namespace?: string,
  opts: { signal?: AbortSignal; propagation?: 'Foreground' | 'Background' } = {},
): Promise<Result<void>> {
  const r = await http.request(objectPath(kind, name, namespace), {
    method: 'DELETE',
    query: { propagationPolicy: opts.propagation ?? 'Background' },
    signal: opts.signal,
    ...(namespace
      ? doing(msg('delete {0} in {1}'), `${kind.plural}/${name}`, namespace)
      : doing(msg('delete {0}'), `${kind.plural}/${name}`)),
  });
  return r.ok ? ok(undefined) : r;
}

/** Names the managers that own conflicting fields, from a 409 apply message. */
export function conflictManagers(reason: string): string[] {
  const out = new Set<string>();
  for (const m of reason.matchAll(/conflict with "([^"]+)"/g)) out.add(m[1]);
  return [...out];
}
