// Installs the local-path provisioner (localPathManifest.ts) through the API server with
// server-side apply, for a cluster without a StorageClass. The plan names every object it
// creates; before anything is written the API server is asked (SelfSubjectAccessReview) whether
// the user may create and patch each of them, so a namespace-scoped user is refused up front
// instead of halfway. An existing StorageClass `local-path` is left as it is (its provisioner
// cannot be changed, and it may be someone else's).
import { AccessReviewer } from '../k8s/access';
import { serverSideApply } from '../k8s/apply';
import type { KubeHttp } from '../k8s/http';
import { KINDS, objectPath, type KubeObject } from '../k8s/resources';
import type { OperationContext } from '../operation';
import {
  LOCAL_PATH_HOST_DIR,
  LOCAL_PATH_PROVISIONER_IMAGE,
  LOCAL_PATH_STORAGE_CLASS,
  localPathManifest,
  manifestObjectName,
  type LocalPathOptions,
  type ManifestObject,
} from './localPathManifest';
import { afterChange, done, refusedOutcome, unchanged, type Outcome, type Plan } from './outcome';

export interface LocalPathPlan extends Plan {
  /** The objects that will be applied, in order (an existing StorageClass local-path is not among them). */
  readonly objects: readonly string[];
  /** True when StorageClass local-path exists already and is left alone. */
  readonly storageClassKept: boolean;
}

export interface LocalPathResult {
  readonly applied: readonly string[];
  readonly storageClass: string;
}

async function prepare(
  ctx: OperationContext,
  http: KubeHttp,
  opts: LocalPathOptions,
): Promise<Outcome<{ plan: LocalPathPlan; todo: ManifestObject[] }>> {
  const op = ctx.t('install a local-path provisioner');
  const all = localPathManifest(opts);
  const sc = await http.request<KubeObject>(objectPath(KINDS.storageclass, LOCAL_PATH_STORAGE_CLASS), {
    signal: ctx.signal,
    operation: ctx.t('read {0}', `storageclasses/${LOCAL_PATH_STORAGE_CLASS}`),
  });
  if (!sc.ok && sc.error.kind === 'cancelled') return unchanged(sc.error);
  const existing = sc.ok ? sc.value : undefined;
  const todo = existing ? all.filter((m) => m.kind.key !== KINDS.storageclass.key) : all;

  const denied = await deniedObjects(http, todo);
  if (denied.length > 0)
    return refusedOutcome(
      'forbidden',
      op,
      ctx.t(
        'Your Kubernetes user may not create or change: {0}. A cluster administrator has to install the provisioner.',
        denied.join(', '),
      ),
    );

  const objects = todo.map(manifestObjectName);
  const warnings = [
    ctx.t(
      'Volumes of StorageClass {0} are folders under {1} on the node where their pod first runs; the data stays on that node.',
      LOCAL_PATH_STORAGE_CLASS,
      LOCAL_PATH_HOST_DIR,
    ),
    ctx.t('Each node must be able to pull the image {0}.', opts.image ?? LOCAL_PATH_PROVISIONER_IMAGE),
  ];
  if (existing)
    warnings.push(
      ctx.t(
        'StorageClass {0} exists already (provisioner {1}); it is left as it is.',
        LOCAL_PATH_STORAGE_CLASS,
        (existing as { provisioner?: string }).provisioner ?? '?',
      ),
    );
  const plan: LocalPathPlan = {
    title: ctx.t('Install the local-path provisioner'),
    changes: objects.map((o) => ctx.t('Create or update {0}.', o)),
    warnings,
    objects,
    storageClassKept: existing !== undefined,
  };
  return done({ plan, todo });
}

/** The objects the API server says this user may not create or patch (unknown answers count as allowed). */
async function deniedObjects(http: KubeHttp, todo: readonly ManifestObject[]): Promise<string[]> {
  const reviewer = new AccessReviewer(http);
  const out: string[] = [];
  for (const m of todo) {
    const base = { group: m.kind.group, resource: m.kind.plural, namespace: m.object.metadata.namespace };
    try {
      const [create, patch] = await Promise.all([
        reviewer.can({ ...base, verb: 'create' }),
        reviewer.can({ ...base, verb: 'patch' }),
      ]);
      if (!create || !patch) out.push(manifestObjectName(m));
    } catch {
      // The review itself failed (an old or locked-down server): the apply will say what is refused.
    }
  }
  return out;
}

export async function planInstallLocalPath(
  ctx: OperationContext,
  http: KubeHttp,
  opts: LocalPathOptions = {},
): Promise<Outcome<LocalPathPlan>> {
  const p = await prepare(ctx, http, opts);
  return p.ok ? done(p.value.plan) : p;
}

/** Applies the objects in order; a failure says which ones were written before it. */
export async function installLocalPath(
  ctx: OperationContext,
  http: KubeHttp,
  opts: LocalPathOptions = {},
): Promise<Outcome<LocalPathResult>> {
  const p = await prepare(ctx, http, opts);
  if (!p.ok) return p;
  const applied: string[] = [];
  for (const m of p.value.todo) {
    const name = manifestObjectName(m);
    ctx.progress.report(ctx.t('Applying {0}', name), applied.length / p.value.todo.length);
    const r = await serverSideApply(http, m.kind, m.object, { signal: ctx.signal });
    if (!r.ok) {
      if (applied.length === 0) return unchanged(r.error);
      return afterChange(
        r.error,
        ctx.t('These objects were applied before the failure: {0}. Running the install again completes it.', applied.join(', ')),
      );
    }
    ctx.log(ctx.t('Applied {0}.', name));
    applied.push(name);
  }
  return done({ applied, storageClass: LOCAL_PATH_STORAGE_CLASS });
}
