// Read-only questions the editor features ask the CR schema: what lives at a path, how to call
// its type, which values it allows, and its description in the user's language. The compiled
// schema itself belongs to the validator, so hover, completion and diagnostics never disagree.
import { stringify } from 'yaml';
import { schemaAt, type CompiledSchema, type Locale } from '../validation';
import type { Segment } from './yamlPath';

export type { CompiledSchema };

export function schemaForPath(path: readonly Segment[]): CompiledSchema | undefined {
  return schemaAt(path);
}

/**
 * The description for the locale. zh-cn falls back to English where the schema has no Chinese text
 * (the generated Kubernetes definitions are English only).
 */
export function describe(schema: CompiledSchema, locale: Locale): string | undefined {
  return locale === 'zh-cn' ? (schema.descriptionZh ?? schema.description) : schema.description;
}

export type Shape = 'object' | 'array' | 'scalar' | 'unknown';

export function shapeOf(schema: CompiledSchema): Shape {
  if (schema.properties || schema.additional || schema.types?.has('object')) return 'object';
  if (schema.items || schema.types?.has('array')) return 'array';
  if (schema.types || schema.enum) return 'scalar';
  return 'unknown';
}

export function typeLabel(schema: CompiledSchema): string | undefined {
  if (schema.types && schema.types.size > 0) {
    const t = [...schema.types];
    if (t.length === 1 && t[0] === 'object' && !schema.properties && schema.additional) return 'map';
    return t.join(' | ');
  }
  if (schema.properties) return 'object';
  return undefined;
}

/** Values a scalar accepts when they can be listed: enum members, or true/false. */
export function listedValues(schema: CompiledSchema): (string | number | boolean)[] {
  if (schema.enum)
    return schema.enum.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
  if (schema.types?.size === 1 && schema.types.has('boolean')) return [true, false];
  return [];
}

export const isStringSchema = (schema: CompiledSchema): boolean => !schema.types || schema.types.has('string');

/** YAML text of a value: strings the decoder would read as something else are quoted. */
export function formatScalar(value: string | number | boolean, schema?: CompiledSchema): string {
  if (typeof value === 'string' && schema?.types && !schema.types.has('string') && /^-?\d+(\.\d+)?$/.test(value)) return value;
  return stringify(value, { version: '1.1' }).trimEnd();
}
