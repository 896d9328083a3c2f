// Completion of keys and values of DolphinDB documents, from the CR schema plus what the cluster
// knows (versions, StorageClasses, PVCs, namespaces). Documents that are not DolphinDB objects get
// nothing, except that an empty document, or a root without apiVersion and kind, is offered the
// two keys (and skeletons) that would make it one.
import { DDB_API_VERSION, DDB_KIND } from '../dolphindb/names';
import { FALLBACK_VERSIONS_V1_1_7, sortVersionsDescending } from '../dolphindb/versions';
import type { Locale } from '../validation';
import { completionContext, type KeyContext, type ValueContext } from './context';
import { isDolphinDBApiVersion, type ParsedDocument, type YamlFile } from './documents';
import { uiText } from './messages';
import { describe, formatScalar, listedValues, schemaForPath, shapeOf, typeLabel, type CompiledSchema } from './schemaInfo';
import type { CompletionEntry, EditorFacts, Position, Range } from './types';
import type { Segment } from './yamlPath';

export interface CompletionOptions {
  readonly locale: Locale;
  readonly facts?: EditorFacts | null;
}

/** Root keys not offered from the schema: status is the operator's; the identity keys come pre-filled. */
const NOT_OFFERED = new Set(['status', 'apiVersion', 'kind']);

export function complete(file: YamlFile, pos: Position, opts: CompletionOptions): CompletionEntry[] {
  const chunkIndex = file.chunkIndexAt(file.lines.offsetAt(pos));
  const chunk = file.chunks()[chunkIndex];
  const cursor = completionContext(file.lines, chunk.line, pos);
  if (!cursor) return [];
  const doc =
    file.documentsOf(chunkIndex).find((d) => file.lines.offsetAt(pos) - d.base <= d.doc.range[2]) ??
    file.documentsOf(chunkIndex)[0];
  const range = { start: { line: pos.line, character: cursor.start }, end: { line: pos.line, character: cursor.end } };
  const ours = !!doc && (doc.isDolphinDB || isDolphinDBApiVersion(doc.apiVersion));
  if (cursor.kind === 'key') return completeKey(cursor, range, ours, isEmptyDocument(file, chunkIndex, pos.line), doc, opts);
  return completeValue(cursor, range, ours, doc, opts);
}

function completeKey(
  cursor: KeyContext,
  range: Range,
  ours: boolean,
  empty: boolean,
  doc: ParsedDocument | undefined,
  opts: CompletionOptions,
): CompletionEntry[] {
  if (cursor.parent.length === 0) {
    if (empty) return [...identityKeys(cursor, range, opts.locale), ...skeletons(range, opts)];
    if (!ours) {
      // A document being started by hand: it has neither apiVersion nor kind yet.
      const started =
        cursor.siblings.has('apiVersion') ||
        cursor.siblings.has('kind') ||
        doc?.apiVersion !== undefined ||
        doc?.kind !== undefined;
      return started ? [] : identityKeys(cursor, range, opts.locale);
    }
  } else if (!ours) {
    return [];
  }
  const schema = schemaForPath(cursor.parent);
  if (!schema) return [];
  if (!schema.properties && cursor.newItem) return valueEntries(schema, cursor.parent, range, opts);
  const atRoot = cursor.parent.length === 0;
  // At the root, apiVersion and kind come with their only possible values.
  const out: CompletionEntry[] = atRoot ? identityKeys(cursor, range, opts.locale) : [];
  const hinted = mapKeyHints(cursor.parent, schema);
  for (const [key, child] of hinted ?? schema.properties ?? []) {
    if (child.misplaced || cursor.siblings.has(key) || (atRoot && NOT_OFFERED.has(key))) continue;
    out.push(keyEntry(key, child, schema.required?.includes(key) ?? false, cursor, range, opts.locale, [...cursor.parent, key]));
  }
  return out;
}

function identityKeys(cursor: KeyContext, range: Range, locale: Locale): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const key of ['apiVersion', 'kind']) {
    if (cursor.siblings.has(key)) continue;
    const schema = schemaForPath([key]);
    const value = key === 'apiVersion' ? DDB_API_VERSION : DDB_KIND;
    out.push({
      label: `${key}: ${value}`,
      kind: 'property',
      insertText: cursor.hasColon ? key : `${key}: ${value}`,
      filterText: key,
      range,
      sortText: `0${key}`,
      ...(schema ? { documentation: describe(schema, locale) } : {}),
    });
  }
  return out;
}

function keyEntry(
  key: string,
  schema: CompiledSchema,
  required: boolean,
  cursor: KeyContext,
  range: Range,
  locale: Locale,
  path: readonly Segment[],
): CompletionEntry {
  const shape = shapeOf(schema);
  const hasValues = listedValues(schema).length > 0 || specialSource(path) !== undefined;
  let insertText = key;
  let snippet = false;
  if (!cursor.hasColon) {
    snippet = true;
    const k = escapeSnippet(key);
    // Editors re-indent the following lines of a snippet to the current line, so the relative
    // indentation here is the whole story.
    if (cursor.flow) insertText = shape === 'object' ? `${k}: {$0}` : shape === 'array' ? `${k}: [$0]` : `${k}: $0`;
    else insertText = shape === 'object' ? `${k}:\n  $0` : shape === 'array' ? `${k}:\n  - $0` : `${k}: $0`;
  }
  const description = describe(schema, locale);
  const type = typeLabel(schema);
  return {
    label: key,
    kind: 'property',
    insertText,
    ...(snippet ? { snippet } : {}),
    range,
    ...(type ? { detail: type } : {}),
    ...(description ? { documentation: description } : {}),
    // Required fields first, then the schema's order (which follows the reference).
    sortText: `${required ? '0' : '1'}${key}`,
    ...(hasValues && shape === 'scalar' && !cursor.hasColon ? { retrigger: true } : {}),
  };
}

function completeValue(
  cursor: ValueContext,
  range: Range,
  ours: boolean,
  doc: ParsedDocument | undefined,
  opts: CompletionOptions,
): CompletionEntry[] {
  const path = cursor.path;
  if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) {
    // Offered to an unfinished document too, as long as it does not belong to something else.
    const other = path[0] === 'apiVersion' ? doc?.kind : doc?.apiVersion;
    const fits = ours || other === undefined;
    if (!fits) return [];
  } else if (!ours) {
    return [];
  }
  const schema = schemaForPath(path);
  if (!schema) return [];
  return valueEntries(schema, path, range, opts);
}

/**
 * Maps with free keys where a few keys are what everybody means: resources.limits/requests take
 * `cpu` and `memory` (the only resources DolphinDB pods use).
 */
function mapKeyHints(parent: readonly Segment[], schema: CompiledSchema): Map<string, CompiledSchema> | undefined {
  const last = parent[parent.length - 1];
  if (
    schema.properties ||
    !schema.additional ||
    parent[parent.length - 2] !== 'resources' ||
    (last !== 'limits' && last !== 'requests')
  )
    return undefined;
  const value = schema.additional;
  return new Map([
    ['cpu', value],
    ['memory', value],
  ]);
}

type Special = 'version' | 'storageClass' | 'pvc' | 'namespace';

function specialSource(path: readonly Segment[]): Special | undefined {
  const p = path.join('.');
  if (p === 'spec.version') return 'version';
  if (p === 'spec.storageClassName') return 'storageClass';
  if (p === 'metadata.namespace') return 'namespace';
  if (path.length >= 2 && path[path.length - 1] === 'claimName' && path[path.length - 2] === 'persistentVolumeClaim')
    return 'pvc';
  return undefined;
}

function valueEntries(
  schema: CompiledSchema,
  path: readonly Segment[],
  range: Range,
  opts: CompletionOptions,
): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (value: string | number | boolean, detail: string | undefined, sort: string, preselect = false): void => {
    const text = formatScalar(value, schema);
    if (seen.has(text)) return;
    seen.add(text);
    out.push({
      label: String(value),
      kind: typeof value === 'string' && schema.enum ? 'enum' : 'value',
      insertText: text,
      filterText: text,
      range,
      ...(detail ? { detail } : {}),
      sortText: `${sort}${String(out.length).padStart(4, '0')}`,
      ...(preselect ? { preselect } : {}),
    });
  };
  const facts = opts.facts ?? undefined;
  switch (specialSource(path)) {
    case 'version': {
      const live = facts?.supportedVersions && facts.supportedVersions.length > 0;
      const list = sortVersionsDescending(live ? (facts?.supportedVersions ?? []) : FALLBACK_VERSIONS_V1_1_7);
      const source = uiText(live ? 'completion.supportedVersion' : 'completion.bundledVersion', opts.locale);
      list.forEach((v, i) =>
        add(
          v.version,
          v.isSupportLicenseServer ? `${source} · ${uiText('completion.licenseServer', opts.locale)}` : source,
          '0',
          i === 0,
        ),
      );
      break;
    }
    case 'storageClass':
      for (const sc of facts?.storageClasses ?? []) add(sc, uiText('completion.storageClass', opts.locale), '0');
      break;
    case 'pvc':
      for (const pvc of facts?.pvcNames ?? []) add(pvc, uiText('completion.pvc', opts.locale), '0');
      break;
    case 'namespace':
      for (const ns of facts?.namespaces ?? []) add(ns, uiText('completion.namespace', opts.locale), '0');
      break;
    default:
      break;
  }
  for (const v of listedValues(schema)) add(v, typeLabel(schema), '1', schema.default === v);
  const d = schema.default;
  if ((typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') && !seen.has(formatScalar(d, schema))) {
    add(d, uiText('completion.default', opts.locale), '2', true);
  }
  return out;
}

const escapeSnippet = (s: string): string => s.replace(/[$}\\]/g, (c) => `\\${c}`);

/** No content in the chunk except the line being typed (comments and markers do not count). */
function isEmptyDocument(file: YamlFile, chunkIndex: number, line: number): boolean {
  const chunk = file.chunks()[chunkIndex];
  const last = file.lines.positionAt(chunk.end).line;
  for (let l = chunk.line; l <= last && l < file.lines.lineCount; l++) {
    if (l === line) continue;
    const t = file.lines.lineText(l).trim();
    if (t !== '' && !t.startsWith('#') && !/^(---|\.\.\.)(\s|$)/.test(t) && !t.startsWith('%')) return false;
  }
  return true;
}

function skeletons(range: Range, opts: CompletionOptions): CompletionEntry[] {
  const versions = opts.facts?.supportedVersions;
  const version = versions && versions.length > 0 ? sortVersionsDescending(versions)[0].version : 'v2.00.16';
  const storageClass = opts.facts?.storageClasses?.[0] ?? 'local-path';
  const head = (name: string): string[] => [
    `apiVersion: ${DDB_API_VERSION}`,
    `kind: ${DDB_KIND}`,
    'metadata:',
    `  name: \${1:${name}}`,
    '  namespace: ${2:dolphindb}',
    'spec:',
  ];
  const role = (name: string, replicas: number, port: number, dataSize: string, memory: string): string[] => [
    `  ${name}:`,
    `    replicas: ${replicas}`,
    `    port: ${port}`,
    `    dataSize: ${dataSize}`,
    '    logSize: 1Gi',
    '    resources:',
    '      limits:',
    '        cpu: "1"',
    `        memory: ${memory}`,
    '      requests:',
    '        cpu: "1"',
    `        memory: ${memory}`,
  ];
  const common = [`  version: \${3:${version}}`, `  storageClassName: \${4:${storageClass}}`, '  logMode: 0'];
  const cluster = [
    ...head('ddb'),
    '  mode: cluster',
    '  clusterType: multicontroller',
    ...common,
    ...role('controller', 3, 31210, '1Gi', '1Gi'),
    ...role('datanode', 3, 32210, '5Gi', '2Gi'),
    '$0',
  ];
  const standalone = [...head('ddb'), '  mode: standalone', ...common, ...role('datanode', 1, 32210, '5Gi', '2Gi'), '$0'];
  return [
    {
      label: uiText('completion.skeletonCluster', opts.locale),
      kind: 'snippet',
      insertText: cluster.join('\n'),
      snippet: true,
      range,
      filterText: 'apiVersion DolphinDB cluster',
      sortText: '2a',
    },
    {
      label: uiText('completion.skeletonStandalone', opts.locale),
      kind: 'snippet',
      insertText: standalone.join('\n'),
      snippet: true,
      range,
      filterText: 'apiVersion DolphinDB standalone',
      sortText: '2b',
    },
  ];
}
