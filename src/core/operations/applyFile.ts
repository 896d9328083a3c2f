// "Apply file": every document of a manifest (the guide puts PVCs, ConfigMaps, Secrets, Services
// and the DolphinDB object in one file), applied in dependency order: Namespace first, then the
// objects a cluster refers to, then DolphinDB, so the operator never sees a cluster whose volume
// or config does not exist yet. Kinds outside that list are refused before anything is written:
// applying an arbitrary kind would need discovery, and the confirmation could not say what it
// changes (a Deployment, RBAC or a CRD from a DolphinDB file is more likely a mistake).
import { parseAllDocuments } from 'yaml';
import type { OperationContext } from '../operation';
import { getObject, serverSideApply } from '../k8s/apply';
import type { KubeHttp } from '../k8s/http';
import { KINDS, type KubeObject, type ResourceKind } from '../k8s/resources';
import { applyCluster, planApplyCluster, type ApplyClusterOptions } from './create';
import { afterChange, done, refusedOutcome, unchanged, type Outcome, type Plan } from './outcome';

const DDB_API = 'dolphindb.dolphindb.io/v1';

/** Kinds a file may hold, with their apply rank (lower first). */
const SUPPORTED: readonly { readonly kind: ResourceKind; readonly apiVersion: string; readonly rank: number }[] = [
  { kind: KINDS.namespace, apiVersion: 'v1', rank: 0 },
  { kind: KINDS.configmap, apiVersion: 'v1', rank: 1 },
  { kind: KINDS.secret, apiVersion: 'v1', rank: 1 },
  { kind: KINDS.pvc, apiVersion: 'v1', rank: 1 },
  { kind: KINDS.service, apiVersion: 'v1', rank: 1 },
  { kind: KINDS.dolphindb, apiVersion: DDB_API, rank: 2 },
];

export interface ManifestObject {
  /** 0-based position of the document in the file. */
  readonly index: number;
  readonly kind: ResourceKind;
  readonly rank: number;
  readonly object: KubeObject;
}

export type ParsedManifest =
  { readonly ok: true; readonly objects: readonly ManifestObject[] } | { readonly ok: false; readonly reason: string };

const label = (m: ManifestObject): string =>
  m.kind.namespaced
    ? `${m.kind.kind} ${m.object.metadata.namespace}/${m.object.metadata.name}`
    : `${m.kind.kind} ${m.object.metadata.name}`;

/**
 * The file's objects in apply order (stable within a rank: the file's order), namespaced ones in
 * `defaultNamespace` when they name none. Fails on YAML errors, nameless documents and unknown kinds.
 */
export function parseManifest(text: string, defaultNamespace: string, t: OperationContext['t']): ParsedManifest {
  const out: ManifestObject[] = [];
  const unknown: string[] = [];
  const docs = parseAllDocuments(text);
  for (const [index, d] of docs.entries()) {
    if (d.errors.length > 0)
      return { ok: false, reason: t('The document has YAML errors: {0}', d.errors[0].message.split('\n')[0]) };
    const o: unknown = d.toJS({ maxAliasCount: 100 });
    if (o === null || o === undefined) continue; // an empty document (a trailing `---`)
    const obj = o as Partial<KubeObject>;
    const kindName = typeof obj.kind === 'string' ? obj.kind : '?';
    const s = SUPPORTED.find((x) => x.kind.kind === kindName && x.apiVersion === obj.apiVersion);
    if (!s) {
      unknown.push(`${String(obj.apiVersion ?? '?')}/${kindName} (${t('document {0}', index + 1)})`);
      continue;
    }
    const name = obj.metadata?.name;
    if (typeof name !== 'string' || name === '')
      return { ok: false, reason: t('Document {0} ({1}) has no metadata.name.', index + 1, kindName) };
    const metadata = s.kind.namespaced
      ? { ...obj.metadata, name, namespace: obj.metadata?.namespace ?? defaultNamespace }
      : { ...obj.metadata, name };
    out.push({ index, kind: s.kind, rank: s.rank, object: { ...(obj as KubeObject), metadata } });
  }
  if (unknown.length > 0)
    return {
      ok: false,
      reason: t(
        'The file holds kinds this command does not apply: {0}. It applies Namespace, ConfigMap, Secret, PersistentVolumeClaim, Service and DolphinDB; apply the others with kubectl.',
        unknown.join(', '),
      ),
    };
  if (out.length === 0) return { ok: false, reason: t('The file holds no Kubernetes object.') };
  return { ok: true, objects: [...out].sort((a, b) => a.rank - b.rank || a.index - b.index) };
}

export interface FilePlan extends Plan {
  /** Per object, in apply order: created, changed or unchanged (by a dry run against the live object). */
  readonly items: readonly { readonly label: string; readonly action: 'create' | 'change' | 'unchanged' }[];
}

export interface FileApplyResult {
  readonly applied: readonly { readonly label: string; readonly created: boolean }[];
}

/** Fields the server fills in, left out when comparing a dry-run answer with the live object. */
function comparable(o: KubeObject): string {
  const { metadata, ...rest } = o as KubeObject & Record<string, unknown>;
  const { labels, annotations } = metadata;
  const r = { ...rest } as Record<string, unknown>;
  delete r.status;
  return JSON.stringify({ labels, annotations, ...r });
}

/** Namespaces the file creates: objects in them cannot be dry-run before the namespace exists. */
async function newNamespaces(http: KubeHttp, objects: readonly ManifestObject[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const m of objects.filter((x) => x.kind === KINDS.namespace)) {
    const r = await getObject(http, KINDS.namespace, m.object.metadata.name);
    if (!r.ok && r.error.kind === 'notFound') out.add(m.object.metadata.name);
  }
  return out;
}

export async function planApplyFile(
  ctx: OperationContext,
  http: KubeHttp,
  objects: readonly ManifestObject[],
  opts: ApplyClusterOptions = {},
): Promise<Outcome<FilePlan>> {
  const fresh = await newNamespaces(http, objects);
  const items: { label: string; action: 'create' | 'change' | 'unchanged' }[] = [];
  const changes: string[] = [];
  const warnings: string[] = [];
  for (const m of objects) {
    const ns = m.kind.namespaced ? m.object.metadata.namespace : undefined;
    const l = label(m);
    if (ns && fresh.has(ns)) {
      // Its namespace is created by this same file, so the API server cannot check it yet.
      items.push({ label: l, action: 'create' });
      changes.push(ctx.t('Create {0} (checked when its namespace exists)', l));
      continue;
    }
    if (m.kind === KINDS.dolphindb) {
      const p = await planApplyCluster(ctx, http, m.object, opts);
      if (!p.ok) return p;
      const action = !p.value.exists ? 'create' : p.value.changes.length === 0 ? 'unchanged' : 'change';
      items.push({ label: l, action });
      if (action !== 'unchanged') changes.push(...p.value.changes);
      warnings.push(...p.value.warnings);
      continue;
    }
    const live = await getObject(http, m.kind, m.object.metadata.name, ns, ctx.signal);
    if (!live.ok && live.error.kind !== 'notFound') return unchanged(live.error);
    const dry = await serverSideApply(http, m.kind, m.object, { dryRun: true, signal: ctx.signal, force: opts.force });
    if (!dry.ok) return unchanged(dry.error);
    const action = !live.ok ? 'create' : comparable(dry.value) === comparable(live.value) ? 'unchanged' : 'change';
    items.push({ label: l, action });
    if (action === 'create') changes.push(ctx.t('Create {0}', l));
    else if (action === 'change') changes.push(ctx.t('Change {0}', l));
  }
  const title =
    objects.length === 1
      ? ctx.t('Apply the file: {0}', label(objects[0]))
      : ctx.t('Apply {0} objects from the file', objects.length);
  return done({ title, changes, warnings, items });
}

export async function applyFileObjects(
  ctx: OperationContext,
  http: KubeHttp,
  objects: readonly ManifestObject[],
  opts: ApplyClusterOptions = {},
): Promise<Outcome<FileApplyResult>> {
  const applied: { label: string; created: boolean }[] = [];
  const left = (): string => ctx.t('Already applied: {0}.', applied.map((a) => a.label).join(', '));
  for (const [i, m] of objects.entries()) {
    const l = label(m);
    if (ctx.signal.aborted) {
      const why = ctx.t('Cancelled before {0}.', l);
      return applied.length > 0
        ? afterChange({ kind: 'cancelled', operation: ctx.t('apply {0}', l), reason: why }, left())
        : refusedOutcome('cancelled', ctx.t('apply {0}', l), why);
    }
    ctx.progress.report(l, i / objects.length);
    if (m.kind === KINDS.dolphindb) {
      const r = await applyCluster(ctx, http, m.object, opts);
      if (!r.ok) return applied.length > 0 && !r.error.changed ? afterChange(r.error, left()) : r;
      applied.push({ label: l, created: r.value.created });
      continue;
    }
    const ns = m.kind.namespaced ? m.object.metadata.namespace : undefined;
    const before = await getObject(http, m.kind, m.object.metadata.name, ns, ctx.signal);
    const r = await serverSideApply(http, m.kind, m.object, { signal: ctx.signal, force: opts.force });
    if (!r.ok) return applied.length > 0 ? afterChange(r.error, left()) : unchanged(r.error);
    const created = !before.ok;
    ctx.log(created ? ctx.t('Created {0}.', l) : ctx.t('Applied {0}.', l));
    applied.push({ label: l, created });
  }
  return done({ applied });
}
