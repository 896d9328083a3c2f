// Quick fixes for the validator's problems, as text edits. Each fix is computed from the problem
// the server published (code, range, message key, data) and the document as it is now; when the
// text no longer matches (the user edited since), no fix is offered rather than a wrong one.
import { isMap, isScalar, Scalar, type Node } from 'yaml';
import type { Locale } from '../validation';
import type { ParsedDocument, YamlFile } from './documents';
import { uiText, type UiTextKey } from './messages';
import { formatScalar } from './schemaInfo';
import type { FixableProblem, QuickFix, TextEdit } from './types';
import { nodeAt, pairAt, scalarAtRange, type Segment } from './yamlPath';

const MAX_ENUM_FIXES = 6;

export function quickFixes(file: YamlFile, problems: readonly FixableProblem[], locale: Locale): QuickFix[] {
  const out: QuickFix[] = [];
  problems.forEach((p, index) => {
    const doc = file.documentAt(file.lines.offsetAt(p.range.start));
    if (!doc?.isDolphinDB) return;
    try {
      for (const fix of fixesFor(file, doc, p, locale)) out.push({ ...fix, problem: index });
    } catch {
      // A fix is a convenience: a document shape we did not foresee yields none, never an error.
    }
  });
  return out;
}

type Fix = Omit<QuickFix, 'problem'>;

function fixesFor(file: YamlFile, doc: ParsedDocument, p: FixableProblem, locale: Locale): Fix[] {
  const ui = (key: UiTextKey, args: Record<string, string | number>): string => uiText(key, locale, args);
  switch (p.messageKey) {
    case 'identity.apiVersionMissing':
    case 'identity.kindMissing': {
      const field = p.messageKey === 'identity.kindMissing' ? 'kind' : 'apiVersion';
      const value = p.data?.suggestion;
      const root = doc.doc.contents;
      if (!value || !isMap(root) || !root.range) return [];
      const at = lineStartOf(file, doc.base + root.range[0]);
      return [
        { title: ui('fix.insertField', { field, value }), edits: [insert(file, at, `${field}: ${value}\n`)], preferred: true },
      ];
    }
    case 'clusterType.missing':
      return insertClusterType(file, doc, ui);
    case 'standalone.extra':
      return removeKeys(file, doc, p, ui);
    case 'resources.limitBelowRequest':
      return raiseLimit(file, doc, p, ui);
    case 'version.unsupported':
      return nearestVersionFixes(file, doc, p, ui);
    default:
      break;
  }
  const scalar = scalarAt(file, doc, p);
  if (!scalar) return [];
  const range = file.lines.range(doc.base + (scalar.range?.[0] ?? 0), doc.base + (scalar.range?.[1] ?? 0));
  const replace = (newText: string): TextEdit[] => [{ range, newText }];
  const data = p.data ?? {};

  if (p.messageKey === 'schema.unknownKeySuggest' && data.suggestion) {
    return [{ title: ui('fix.renameKey', { value: data.suggestion }), edits: replace(data.suggestion), preferred: true }];
  }
  if (data.suggestion !== undefined && isQuotedJson(data.suggestion) && !isQuoted(scalar)) {
    // The value has the wrong type and quoting it makes it the string the operator expects.
    return [{ title: ui('fix.quote', { value: data.suggestion }), edits: replace(data.suggestion), preferred: true }];
  }
  if (data.value !== undefined) {
    const text = formatScalar(data.value);
    return [{ title: ui('fix.setValue', { value: text }), edits: replace(text), preferred: true }];
  }
  if (data.suggestion !== undefined) {
    const text = keepQuoting(scalar, data.suggestion);
    return [{ title: ui('fix.setValue', { value: text }), edits: replace(text), preferred: true }];
  }
  if (data.allowed && data.allowed.length > 0) {
    return data.allowed.slice(0, MAX_ENUM_FIXES).map((v) => {
      const text = typeof v === 'string' ? keepQuoting(scalar, v) : formatScalar(v);
      return { title: ui('fix.setValue', { value: text }), edits: replace(text) };
    });
  }
  return [];
}

function scalarAt(file: YamlFile, doc: ParsedDocument, p: FixableProblem): Scalar | undefined {
  const start = file.lines.offsetAt(p.range.start) - doc.base;
  const end = file.lines.offsetAt(p.range.end) - doc.base;
  return scalarAtRange(doc.doc, start, end);
}

/** spec.clusterType is missing under mode: cluster: add it right below `mode:`, both choices. */
function insertClusterType(
  file: YamlFile,
  doc: ParsedDocument,
  ui: (k: UiTextKey, a: Record<string, string | number>) => string,
): Fix[] {
  const mode = pairAt(doc.doc, ['spec', 'mode']);
  const key = mode?.key as Node | undefined;
  const value = mode?.value as Node | undefined;
  if (!key?.range || !isBlockKey(file, doc.base + key.range[0])) return [];
  const indent = file.lines.positionAt(doc.base + key.range[0]).character;
  const after = lineAfter(file, doc.base + (value?.range?.[1] ?? key.range[1]));
  const replicas = nodeAt(doc.doc, ['spec', 'controller', 'replicas']);
  const many = isScalar(replicas) && typeof replicas.value === 'number' && replicas.value >= 3;
  return (['singlecontroller', 'multicontroller'] as const).map((v) => ({
    title: ui('fix.insertField', { field: 'clusterType', value: v }),
    edits: [insert(file, after, `${' '.repeat(indent)}clusterType: ${v}\n`)],
    preferred: (v === 'multicontroller') === many,
  }));
}

/** Standalone mode with controller/computenode/clusterType: delete those entries (whole lines). */
function removeKeys(
  file: YamlFile,
  doc: ParsedDocument,
  p: FixableProblem,
  ui: (k: UiTextKey, a: Record<string, string | number>) => string,
): Fix[] {
  const edits: TextEdit[] = [];
  for (const dotted of p.data?.remove ?? []) {
    const pair = pairAt(doc.doc, dotted.split('.') as Segment[]);
    const key = pair?.key as Node | undefined;
    const value = pair?.value as Node | undefined;
    if (!key?.range || !isBlockKey(file, doc.base + key.range[0])) return [];
    const start = lineStartOf(file, doc.base + key.range[0]);
    const end = lineAfter(file, doc.base + (value?.range?.[1] ?? key.range[1]));
    edits.push({ range: file.lines.range(start, end), newText: '' });
  }
  if (edits.length === 0) return [];
  return [{ title: ui('fix.remove', { keys: (p.data?.remove ?? []).join(', ') }), edits, preferred: true }];
}

/** A version the suite does not offer: one fix per nearby listed version, the nearest preferred. */
function nearestVersionFixes(
  file: YamlFile,
  doc: ParsedDocument,
  p: FixableProblem,
  ui: (k: UiTextKey, a: Record<string, string | number>) => string,
): Fix[] {
  const scalar = scalarAt(file, doc, p);
  if (!scalar?.range) return [];
  const range = file.lines.range(doc.base + scalar.range[0], doc.base + scalar.range[1]);
  const choices = (p.data?.allowed ?? (p.data?.suggestion ? [p.data.suggestion] : [])).filter(
    (v): v is string => typeof v === 'string',
  );
  return choices.slice(0, MAX_ENUM_FIXES).map((v, i) => {
    const text = keepQuoting(scalar, v);
    return { title: ui('fix.setValue', { value: text }), edits: [{ range, newText: text }], preferred: i === 0 };
  });
}

/** limits.<resource> below requests.<resource>: copy the request, written as the request is. */
function raiseLimit(
  file: YamlFile,
  doc: ParsedDocument,
  p: FixableProblem,
  ui: (k: UiTextKey, a: Record<string, string | number>) => string,
): Fix[] {
  const role = p.args?.role;
  const resource = p.args?.resource;
  const limit = scalarAt(file, doc, p);
  if (typeof role !== 'string' || typeof resource !== 'string' || !limit?.range) return [];
  const request = nodeAt(doc.doc, ['spec', role, 'resources', 'requests', resource]);
  const text =
    isScalar(request) && request.range
      ? file.text.slice(doc.base + request.range[0], doc.base + request.range[1])
      : p.data?.suggestion;
  if (!text) return [];
  const range = file.lines.range(doc.base + limit.range[0], doc.base + limit.range[1]);
  return [{ title: ui('fix.raiseLimit', { resource, value: text }), edits: [{ range, newText: text }], preferred: true }];
}

const isQuoted = (s: Scalar): boolean => s.type === Scalar.QUOTE_DOUBLE || s.type === Scalar.QUOTE_SINGLE;
const isQuotedJson = (s: string): boolean => /^"(?:[^"\\]|\\.)*"$/.test(s);

/** A replacement string written in the quoting style of the value it replaces. */
function keepQuoting(original: Scalar, value: string): string {
  if (original.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (original.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return formatScalar(value);
}

/** The key is the first thing on its line (block style), so whole-line edits are safe. */
function isBlockKey(file: YamlFile, offset: number): boolean {
  const start = lineStartOf(file, offset);
  return /^[ ]*$/.test(file.text.slice(start, offset));
}

const lineStartOf = (file: YamlFile, offset: number): number => file.lines.lineStart(file.lines.positionAt(offset).line);

/** Start of the line after the one holding `offset` (end of text when it is the last line). */
function lineAfter(file: YamlFile, offset: number): number {
  const line = file.lines.positionAt(Math.max(0, offset - (offset > 0 && file.text[offset - 1] === '\n' ? 1 : 0))).line;
  return line + 1 < file.lines.lineCount ? file.lines.lineStart(line + 1) : file.text.length;
}

function insert(file: YamlFile, offset: number, text: string): TextEdit {
  const pos = file.lines.positionAt(offset);
  // At the end of a text without a final newline the new line must start with one.
  const needsNewline = offset === file.text.length && offset > 0 && file.text[offset - 1] !== '\n';
  return { range: { start: pos, end: pos }, newText: needsNewline ? `\n${text.replace(/\n$/, '')}` : text };
}
