// Checks one document against the compiled schema by walking the YAML nodes themselves, so
// every problem points at the exact key or value. Violations at a node that carries `x-ddb-code`
// are reported under that rule code (DDB-E003, E011, …); elsewhere under the generic schema codes
// (W100 unknown key, E100 type, E101 value, E102 required).
import { isScalar } from 'yaml';
import { DOCUMENT_ROOT, type MessageKey } from './messages';
import type { Reporter } from './report';
import type { CompiledSchema, MessageOverrides, SchemaType } from './schema';
import { nearest } from './suggest';
import { displayValue, formatPath, kindOf, scalarValue, type JsonKind, type Located, type Tree } from './tree';

export const MAX_DEPTH = 64;
export const MAX_VISITS = 20_000;

type Violation = keyof Omit<MessageOverrides, 'all'>;

interface WalkState {
  visits: number;
  limitReported: boolean;
}

const matchesType = (types: ReadonlySet<SchemaType>, kind: JsonKind): boolean =>
  types.has(kind as SchemaType) || (kind === 'integer' && types.has('number'));

const typeText = (types: ReadonlySet<SchemaType>): string => [...types].join(' | ');

function messageFor(schema: CompiledSchema, violation: Violation, fallback: MessageKey): MessageKey {
  return schema.messages?.[violation] ?? schema.messages?.all ?? fallback;
}

export class SchemaWalk {
  private readonly state: WalkState = { visits: 0, limitReported: false };

  constructor(
    private readonly tree: Tree,
    private readonly reporter: Reporter,
  ) {}

  run(root: Located, schema: CompiledSchema): void {
    this.walk(root, schema, 0);
  }

  private limit(loc: Located, key: 'doc.tooDeep' | 'doc.visitLimit'): void {
    if (this.state.limitReported) return;
    this.state.limitReported = true;
    const args: Record<string, number> = key === 'doc.tooDeep' ? { depth: MAX_DEPTH } : { count: MAX_VISITS };
    this.reporter.at(loc, 'DDB-I002', key, args, { target: 'key' });
  }

  private walk(loc: Located, schema: CompiledSchema, depth: number): void {
    if (++this.state.visits > MAX_VISITS) return this.limit(loc, 'doc.visitLimit');
    if (depth > MAX_DEPTH) return this.limit(loc, 'doc.tooDeep');
    if (schema.ruleOnly || !loc.node) return;
    const kind = kindOf(loc.node);
    // `key:` with no value decodes to null, which the operator treats as unset.
    if (kind === 'null') return;
    const path = formatPath(loc.path);
    const value = displayValue(loc.node);

    if (schema.types && !matchesType(schema.types, kind)) {
      const messageKey = messageFor(schema, 'type', 'schema.type');
      // A bare number or boolean where a string is wanted: quoting it is the fix.
      const quote = schema.types.has('string') && (kind === 'integer' || kind === 'number' || kind === 'boolean');
      this.reporter.at(
        loc,
        schema.code ?? 'DDB-E100',
        messageKey,
        { path, expected: typeText(schema.types), actual: kind, value },
        quote ? { data: { suggestion: JSON.stringify(value) } } : {},
      );
      return;
    }
    if (schema.enum && !schema.enum.includes(scalarValue(loc))) {
      this.enumViolation(loc, schema, path, value);
      return;
    }
    if (kind === 'string') this.checkString(loc, schema, path, scalarValue(loc) as string);
    if (kind === 'integer' || kind === 'number') this.checkNumber(loc, schema, path, scalarValue(loc) as number);
    if (kind === 'object') this.walkObject(loc, schema, depth);
    if (kind === 'array' && schema.items) for (const item of this.tree.items(loc)) this.walk(item, schema.items, depth + 1);
  }

  private enumViolation(loc: Located, schema: CompiledSchema, path: string, value: string): void {
    const allowed = (schema.enum ?? []).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    const raw = scalarValue(loc);
    const strings = allowed.filter((v): v is string => typeof v === 'string');
    const caseFix = typeof raw === 'string' ? strings.find((a) => a.toLowerCase() === raw.toLowerCase()) : undefined;
    const suggestion = caseFix ?? (typeof raw === 'string' ? nearest(raw, strings) : undefined);
    const messageKey = caseFix ? 'schema.enumCase' : messageFor(schema, 'enum', 'schema.enum');
    this.reporter.at(
      loc,
      schema.code ?? 'DDB-E101',
      messageKey,
      {
        path,
        value,
        allowed: allowed.map((a) => (a === '' ? '""' : String(a))).join(', '),
        ...(suggestion ? { suggestion } : {}),
      },
      { data: { allowed, ...(suggestion ? { suggestion } : {}) } },
    );
  }

  private checkString(loc: Located, schema: CompiledSchema, path: string, s: string): void {
    const code = schema.code ?? 'DDB-E101';
    if (schema.pattern && !schema.pattern.test(s)) {
      this.reporter.at(loc, code, messageFor(schema, 'pattern', 'schema.pattern'), { path, value: displayValue(loc.node) });
    } else if (schema.maxLength !== undefined && s.length > schema.maxLength) {
      this.reporter.at(loc, code, messageFor(schema, 'range', 'schema.maxLength'), {
        path,
        limit: schema.maxLength,
        value: displayValue(loc.node),
      });
    } else if (schema.minLength !== undefined && s.length < schema.minLength) {
      this.reporter.at(loc, code, messageFor(schema, 'range', 'schema.minLength'), {
        path,
        limit: schema.minLength,
        value: displayValue(loc.node),
      });
    }
  }

  private checkNumber(loc: Located, schema: CompiledSchema, path: string, n: number): void {
    const code = schema.code ?? 'DDB-E101';
    if (schema.minimum !== undefined && n < schema.minimum) {
      this.reporter.at(loc, code, messageFor(schema, 'range', 'schema.minimum'), {
        path,
        limit: schema.minimum,
        value: displayValue(loc.node),
      });
    } else if (schema.maximum !== undefined && n > schema.maximum) {
      this.reporter.at(loc, code, messageFor(schema, 'range', 'schema.maximum'), {
        path,
        limit: schema.maximum,
        value: displayValue(loc.node),
      });
    }
  }

  private walkObject(loc: Located, schema: CompiledSchema, depth: number): void {
    const parent = formatPath(loc.path) || DOCUMENT_ROOT;
    const seen = new Set<string>();
    for (const entry of this.tree.entries(loc)) {
      const key = String(entry.path[entry.path.length - 1]);
      seen.add(key);
      if (schema.propertyNames) this.checkKey(entry, key, schema.propertyNames);
      const prop = schema.properties?.get(key);
      if (prop?.misplaced) {
        this.reporter.at(entry, 'DDB-W100', prop.misplaced, { key, parent }, { target: 'key' });
      } else if (prop) {
        this.walk(entry, prop, depth + 1);
      } else if (schema.additional === false) {
        this.unknownKey(entry, key, parent, schema);
      } else if (schema.additional) {
        this.walk(entry, schema.additional, depth + 1);
      }
    }
    for (const field of schema.required ?? []) {
      if (!seen.has(field)) {
        this.reporter.at(loc, schema.code ?? 'DDB-E102', 'schema.required', { path: parent, field }, { target: 'key' });
      }
    }
  }

  private checkKey(entry: Located, key: string, names: CompiledSchema): void {
    const bad = (names.pattern && !names.pattern.test(key)) || (names.maxLength !== undefined && key.length > names.maxLength);
    if (bad) {
      this.reporter.at(
        entry,
        names.code ?? 'DDB-E101',
        messageFor(names, 'pattern', 'schema.pattern'),
        {
          key,
          path: formatPath(entry.path),
          value: key,
        },
        { target: 'key' },
      );
    }
  }

  private unknownKey(entry: Located, key: string, parent: string, schema: CompiledSchema): void {
    const candidates = [...(schema.properties ?? new Map<string, CompiledSchema>()).entries()]
      .filter(([, s]) => !s.misplaced)
      .map(([k]) => k);
    const suggestion = nearest(key, candidates);
    // Keys that are not plain scalars (e.g. `? [a]`) cannot be typos of a field name.
    if (!entry.key || !isScalar(entry.key)) return;
    this.reporter.at(
      entry,
      'DDB-W100',
      suggestion ? 'schema.unknownKeySuggest' : 'schema.unknownKey',
      { key, parent, ...(suggestion ? { suggestion } : {}) },
      { target: 'key', ...(suggestion ? { data: { suggestion } } : {}) },
    );
  }
}
