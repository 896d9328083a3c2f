// One merge patch of a DolphinDB object, guarded by the resourceVersion the plan was made from:
// if anyone changed the object in between, the API server answers 409 and nothing is written,
// so a confirmed plan is never applied to a different spec than the one the user saw.
// An operator's status writes also move the resourceVersion (the operator writes status often,
// during a rollout several times a second), and they do not change what the user confirmed: after a
// 409 the object is read again and, when its uid and spec are still the ones the plan was made from,
// the same patch is sent with the new resourceVersion. Any change to the spec stays a conflict.
import { isDeepStrictEqual } from 'node:util';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { mergePatch } from '../k8s/apply';
import { KINDS } from '../k8s/resources';
import { fail, ok, type Result } from '../result';
import { crFailure, readCluster, type ClusterObject } from './cluster';

/** Status-only changes retried past before the conflict is reported. */
const STATUS_ONLY_RETRIES = 5;

export async function patchCluster(
  ctx: OperationContext,
  http: KubeHttp,
  cluster: ClusterObject,
  specPatch: Record<string, unknown>,
): Promise<Result<string>> {
  const { ref } = cluster;
  const send = (resourceVersion: string) => {
    const body = { metadata: { resourceVersion }, spec: specPatch };
    return mergePatch(http, KINDS.dolphindb, ref.name, ref.namespace, body, { signal: ctx.signal });
  };
  let r = await send(cluster.resourceVersion);
  for (let i = 0; i < STATUS_ONLY_RETRIES && !r.ok && r.error.kind === 'conflict'; i++) {
    const now = await readCluster(ctx, http, ref);
    if (!now.ok || now.value.uid !== cluster.uid || now.value.deleting || !isDeepStrictEqual(now.value.spec, cluster.spec)) break;
    ctx.log(ctx.t('DolphinDB {0}/{1} changed only outside its spec since it was read; patching again.', ref.namespace, ref.name));
    r = await send(now.value.resourceVersion);
  }
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
