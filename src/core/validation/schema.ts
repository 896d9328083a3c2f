// Compiles schemas/dolphindb.schema.json once into a tree the walk can use directly: refs
// resolved, patterns as RegExps, properties as Maps. Only the keywords the schema uses are
// supported (type, properties, additionalProperties, propertyNames, items, enum, pattern,
// minimum/maximum, minLength/maxLength, required, $ref) plus the x-ddb-* keywords described in
// the schema's $comment.
import schemaJson from '../../../schemas/dolphindb.schema.json';
import { MESSAGES, type MessageKey } from './messages';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** Message override per violation kind (`all` applies to every kind not named). */
export interface MessageOverrides {
  readonly all?: MessageKey;
  readonly type?: MessageKey;
  readonly pattern?: MessageKey;
  readonly enum?: MessageKey;
  readonly range?: MessageKey;
}

export interface CompiledSchema {
  types?: ReadonlySet<SchemaType>;
  properties?: ReadonlyMap<string, CompiledSchema>;
  /** undefined: any extra key allowed; false: extra keys reported; schema: extra values checked. */
  additional?: CompiledSchema | false;
  propertyNames?: CompiledSchema;
  items?: CompiledSchema;
  enum?: readonly unknown[];
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  required?: readonly string[];
  /** x-ddb-code */
  code?: string;
  messages?: MessageOverrides;
  /** x-ddb-misplaced: key known elsewhere; reported with this message. */
  misplaced?: MessageKey;
  /** x-ddb-rule-only */
  ruleOnly?: boolean;
  description?: string;
  descriptionZh?: string;
  default?: unknown;
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMessageKey = (v: unknown): v is MessageKey => typeof v === 'string' && v in MESSAGES;

class Compiler {
  private readonly cache = new Map<string, CompiledSchema>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly root: Raw) {}

  ref(ref: string): CompiledSchema {
    const cached = this.cache.get(ref);
    if (cached) return cached;
    // A cycle would need lazy nodes; the schema has none, so a cycle compiles as "anything".
    if (this.inProgress.has(ref)) return {};
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const defs = this.root.definitions;
    const target = m && isRaw(defs) ? defs[m[1]] : undefined;
    if (!isRaw(target)) throw new Error(`schema: unresolved $ref ${ref}`);
    this.inProgress.add(ref);
    const compiled = this.compile(target);
    this.inProgress.delete(ref);
    this.cache.set(ref, compiled);
    return compiled;
  }

  compile(raw: Raw): CompiledSchema {
    // `$ref` with siblings: the siblings (descriptions, defaults, codes) refine the target.
    const base: CompiledSchema = typeof raw.$ref === 'string' ? { ...this.ref(raw.$ref) } : {};
    const s = base;
    if (typeof raw.type === 'string') s.types = new Set([raw.type as SchemaType]);
    else if (Array.isArray(raw.type)) s.types = new Set(raw.type as SchemaType[]);
    if (isRaw(raw.properties)) {
      const props = new Map<string, CompiledSchema>();
      for (const [k, v] of Object.entries(raw.properties)) if (isRaw(v)) props.set(k, this.compile(v));
      s.properties = props;
    }
    if (raw.additionalProperties === false) s.additional = false;
    else if (isRaw(raw.additionalProperties)) s.additional = this.compile(raw.additionalProperties);
    if (isRaw(raw.propertyNames)) s.propertyNames = this.compile(raw.propertyNames);
    if (isRaw(raw.items)) s.items = this.compile(raw.items);
    if (Array.isArray(raw.enum)) s.enum = raw.enum;
    if (typeof raw.pattern === 'string') s.pattern = new RegExp(raw.pattern, 'u');
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength'] as const)
      if (typeof raw[k] === 'number') s[k] = raw[k] as number;
    if (Array.isArray(raw.required)) s.required = raw.required.filter((r): r is string => typeof r === 'string');
    if (typeof raw['x-ddb-code'] === 'string') s.code = raw['x-ddb-code'];
    const msg = raw['x-ddb-message'];
    if (isMessageKey(msg)) s.messages = { all: msg };
    else if (isRaw(msg)) {
      const o: Record<string, MessageKey> = {};
      for (const [k, v] of Object.entries(msg)) if (isMessageKey(v)) o[k] = v;
      s.messages = o;
    }
    if (isMessageKey(raw['x-ddb-misplaced'])) s.misplaced = raw['x-ddb-misplaced'];
    if (raw['x-ddb-rule-only'] === true) s.ruleOnly = true;
    if (typeof raw.description === 'string') s.description = raw.description;
    if (typeof raw['x-description-zh'] === 'string') s.descriptionZh = raw['x-description-zh'];
    if ('default' in raw) s.default = raw.default;
    return s;
  }
}

let compiled: CompiledSchema | undefined;

/** The compiled CR schema (compiled on first use, then shared). */
export function crSchema(): CompiledSchema {
  if (!compiled) compiled = new Compiler(schemaJson as unknown as Raw).compile(schemaJson as unknown as Raw);
  return compiled;
}

/** The schema node for a path (`['spec','controller','replicas']`), for hover and completion. */
export function schemaAt(path: readonly (string | number)[]): CompiledSchema | undefined {
  let cur: CompiledSchema | undefined = crSchema();
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = cur.items;
    else cur = cur.properties?.get(seg) ?? (cur.additional === false ? undefined : cur.additional);
  }
  return cur;
}
