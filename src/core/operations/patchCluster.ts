// One merge patch of a DolphinDB object, guarded by the resourceVersion the plan was made from:
// if anyone changed the object in between, the API server answers 409 and nothing is written,
// so a confirmed plan is never applied to a different spec than the one the user saw.
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { mergePatch } from '../k8s/apply';
import { KINDS } from '../k8s/resources';
import { fail, ok, type Result } from '../result';
import { crFailure, type ClusterObject } from './cluster';

export async function patchCluster(
  ctx: OperationContext,
  http: KubeHttp,
  cluster: ClusterObject,
  specPatch: Record<string, unknown>,
): Promise<Result<string>> {
  const { ref } = cluster;
  const body = { metadata: { resourceVersion: cluster.resourceVersion }, spec: specPatch };
  const r = await mergePatch(http, KINDS.dolphindb, ref.name, ref.namespace, body, { signal: ctx.signal });
  if (!r.ok) {
    const f = crFailure(ctx.t, r.error, ref.name);
    if (f.kind === 'conflict')
      return fail({
        ...f,
        reason: ctx.t(
          'The cluster was changed by someone else after it was read; nothing was changed. Review the new state and try again.',
        ),
      });
    return fail(f);
  }
  ctx.log(ctx.t('Patched DolphinDB {0}/{1}: {2}', ref.namespace, ref.name, summarizePatch(specPatch)));
  return ok(r.value.metadata.resourceVersion ?? '');
}

/** `spec.datanode.replicas=3, spec.version=v2.00.16`: the leaves of the patch, for the log. */
export function summarizePatch(patch: Record<string, unknown>, prefix = 'spec'): string {
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    } else {
      out.push(`${path}=${Array.isArray(v) ? `[${v.length} item(s)]` : JSON.stringify(v)}`);
    }
  };
  walk(patch, prefix);
  return out.join(', ');
}
