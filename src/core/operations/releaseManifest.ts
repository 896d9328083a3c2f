// What `helm uninstall` deletes, read the way Helm reads it: the newest release Secret
// (`sh.helm.release.v1.<release>.v<revision>`, owner=helm) holds the release JSON, whose
// `manifest` is every object the chart's templates rendered. Helm deletes those, except objects
// annotated `helm.sh/resource-policy: keep`; it never deletes CRDs from the chart's crds/ folder
// (they are not in the manifest) nor objects others created, such as the clusters' volumes.
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../k8s/resources';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';

/** Far above any real release JSON (the chart's templates and values). */
const MAX_RELEASE_BYTES = 32 * 1024 * 1024;

export interface ReleaseObject {
  readonly kind: string;
  readonly name: string;
  /** `helm.sh/resource-policy: keep`: Helm leaves it in place on uninstall. */
  readonly kept: boolean;
}

export interface ReleaseManifest {
  readonly revision: number;
  readonly objects: readonly ReleaseObject[];
}

/** The objects of a release JSON's manifest, in manifest order. */
export function manifestObjects(manifest: string): ReleaseObject[] {
  const out: ReleaseObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) continue;
    const o = doc.toJS({ maxAliasCount: 100 }) as Partial<KubeObject> | null;
    const name = o?.metadata?.name;
    if (!o || typeof o.kind !== 'string' || typeof name !== 'string') continue;
    out.push({ kind: o.kind, name, kept: o.metadata?.annotations?.['helm.sh/resource-policy'] === 'keep' });
  }
  return out;
}

/** The release JSON of one Helm Secret: base64 (the Secret's data) of base64 of gzipped JSON. */
export function releaseManifestOf(secret: KubeObject): string | undefined {
  const field = (secret as { data?: Record<string, unknown> }).data?.release;
  if (typeof field !== 'string') return undefined;
  try {
    const inner = Buffer.from(Buffer.from(field, 'base64').toString('latin1'), 'base64');
    const json = inner[0] === 0x1f && inner[1] === 0x8b ? gunzipSync(inner, { maxOutputLength: MAX_RELEASE_BYTES }) : inner;
    const parsed = JSON.parse(json.toString('utf8')) as { manifest?: unknown };
    return typeof parsed.manifest === 'string' ? parsed.manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The newest revision's objects of `release` in `namespace`; undefined when no release Secret is readable. */
export async function readReleaseManifest(
  ctx: OperationContext,
  http: KubeHttp,
  namespace: string,
  release: string,
): Promise<Result<ReleaseManifest | undefined>> {
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.secret, namespace), {
    signal: ctx.signal,
    query: { labelSelector: `owner=helm,name=${release}` },
    operation: ctx.t('list {0} in {1}', 'secrets', namespace),
  });
  if (!r.ok) return fail(r.error);
  const newest = r.value.items
    .map((s) => ({ s, revision: Number(s.metadata.labels?.version) }))
    .filter((x) => Number.isInteger(x.revision))
    .sort((a, b) => b.revision - a.revision)[0];
  if (!newest) return ok(undefined);
  const manifest = releaseManifestOf(newest.s);
  return ok(manifest === undefined ? undefined : { revision: newest.revision, objects: manifestObjects(manifest) });
}
