// "Validate against cluster" and "Diff with cluster" for a YAML file: each DolphinDB document is
// sent to the API server as a server-side dry-run apply (nothing is stored), and the live object
// of the same name is fetched for a diff. Results carry the document's line so the editor can put
// the API server's answer where it belongs.
import { parseDocument } from 'yaml';
import { serverSideApply, getObject } from '../k8s/apply';
import type { KubeHttp } from '../k8s/http';
import { KINDS, type KubeObject } from '../k8s/resources';
import { stripForDisplay, toYaml } from '../k8s/yamlView';
import type { Failure } from '../result';
import { splitDocuments } from '../validation/split';

export interface DolphinDBDocument {
  readonly index: number;
  /** 0-based first line of the document in the file. */
  readonly line: number;
  readonly object: KubeObject;
}

export function dolphindbDocuments(text: string, defaultNamespace?: string): DolphinDBDocument[] {
  const out: DolphinDBDocument[] = [];
  splitDocuments(text).forEach((chunk, index) => {
    const body = text.slice(chunk.start, chunk.end);
    if (!body.includes('dolphindb.dolphindb.io/')) return;
    let obj: unknown;
    try {
      obj = parseDocument(body).toJS({ maxAliasCount: 100 });
    } catch {
      return;
    }
    const o = obj as KubeObject | undefined;
    if (
      !o ||
      typeof o !== 'object' ||
      o.kind !== 'DolphinDB' ||
      o.apiVersion !== 'dolphindb.dolphindb.io/v1' ||
      typeof o.metadata?.name !== 'string'
    )
      return;
    // The document's first meaningful line: after blank lines, comments and the `---` marker.
    const lead = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n)*/.exec(body)?.[0] ?? '';
    out.push({
      index,
      line: chunk.line + (lead.match(/\n/g)?.length ?? 0),
      object: { ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? defaultNamespace } },
    });
  });
  return out;
}

export interface DryRunOutcome {
  readonly doc: DolphinDBDocument;
  readonly failure?: Failure;
}

/** Server-side dry-run apply of every DolphinDB document; the server keeps nothing. */
export async function dryRunDocuments(
  http: KubeHttp,
  text: string,
  opts: { defaultNamespace?: string; signal?: AbortSignal } = {},
): Promise<DryRunOutcome[]> {
  const docs = dolphindbDocuments(text, opts.defaultNamespace);
  const out: DryRunOutcome[] = [];
  for (const doc of docs) {
    const r = await serverSideApply(http, KINDS.dolphindb, doc.object, { dryRun: true, signal: opts.signal });
    out.push(r.ok ? { doc } : { doc, failure: r.error });
  }
  return out;
}

/** The live counterpart of a document as YAML for a diff: status and server fields stripped. */
export async function liveYamlFor(
  http: KubeHttp,
  doc: DolphinDBDocument,
  signal?: AbortSignal,
): Promise<{ ok: true; yaml: string } | { ok: false; failure: Failure }> {
  const r = await getObject(http, KINDS.dolphindb, doc.object.metadata.name, doc.object.metadata.namespace, signal);
  if (!r.ok) return { ok: false, failure: r.error };
  return { ok: true, yaml: toYaml(stripForDisplay(r.value, { dropStatus: true })) };
}
