// Hover over a key or value of a DolphinDB document: the field's description from the schema in
// the user's language (zh-cn → Chinese, anything else → English; the same rule as diagnostics),
// its type, allowed values and default.
import type { Locale } from '../validation';
import type { YamlFile } from './documents';
import { uiText } from './messages';
import { describe, formatScalar, listedValues, schemaForPath, typeLabel } from './schemaInfo';
import type { HoverInfo, Position } from './types';
import { pathAt, type Segment } from './yamlPath';

export function hover(file: YamlFile, pos: Position, locale: Locale): HoverInfo | undefined {
  const offset = file.lines.offsetAt(pos);
  const doc = file.documentAt(offset);
  if (!doc?.isDolphinDB) return undefined;
  const at = pathAt(doc.doc, offset - doc.base);
  if (!at) return undefined;
  const schema = schemaForPath(at.path);
  if (!schema) return undefined;
  const lines: string[] = [`**${markdownEscape(String(lastKey(at.path)))}** \`${formatPath(at.path)}\``];
  const description = describe(schema, locale);
  if (description) lines.push('', description);
  const schemaNotes: string[] = [];
  const type = typeLabel(schema);
  if (type) schemaNotes.push(`${uiText('hover.type', locale)}: \`${type}\``);
  const values = listedValues(schema);
  if (values.length > 0 && values.length <= 12)
    schemaNotes.push(`${uiText('hover.allowed', locale)}: ${values.map((v) => `\`${formatScalar(v, schema)}\``).join(', ')}`);
  const d = schema.default;
  if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean')
    schemaNotes.push(`${uiText('hover.default', locale)}: \`${formatScalar(d, schema)}\``);
  // Two trailing spaces: a markdown line break, so each note gets its own line.
  if (schemaNotes.length > 0) lines.push('', schemaNotes.join('  \n'));
  return { contents: lines.join('\n'), range: file.lines.range(doc.base + at.start, doc.base + at.end) };
}

const lastKey = (path: readonly Segment[]): Segment => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i];
  return path[path.length - 1] ?? '';
};

function formatPath(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const markdownEscape = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
