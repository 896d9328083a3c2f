#!/usr/bin/env node
// Refreshes the Kubernetes definitions (`io.k8s.*`) inside schemas/dolphindb.schema.json.
//
// Source: the model classes of the npm package @kubernetes/client-node (a runtime dependency, so
// it is always installed; its models are generated from the Kubernetes OpenAPI spec, v1.34.0 in
// client-node 1.4.0). Each class has `attributeTypeMap` (names, types, formats); its .d.ts carries
// the descriptions and which properties are optional. The OpenAPI enums and Quantity references
// do not survive into those classes, so ENUMS and QUANTITY_FIELDS below restore the ones that
// matter for DolphinDB CRs (values from the Kubernetes API reference).
//
// The DolphinDB definitions (`ddb.*`) in the schema file are hand-written and left untouched.
// Usage: node scripts/gen-schema.mjs [--check]   (--check: exit 1 if the file is out of date)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaFile = path.join(root, 'schemas', 'dolphindb.schema.json');
const require = createRequire(import.meta.url);
const clientEntry = require.resolve('@kubernetes/client-node');
const modelsDir = path.join(path.dirname(clientEntry), 'gen', 'models');
const clientVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(clientEntry), '..', 'package.json'), 'utf8')).version;

/** The Kubernetes types a DolphinDB CR embeds; everything they reference is pulled in too. */
const ROOTS = ['V1Volume', 'V1VolumeMount', 'V1ServiceSpec', 'V1NodeAffinity', 'V1ResourceRequirements'];

/** client-node class → upstream definition name (meta/v1 types live in apimachinery). */
const META = new Set([
  'V1ObjectMeta',
  'V1LabelSelector',
  'V1LabelSelectorRequirement',
  'V1ManagedFieldsEntry',
  'V1OwnerReference',
]);
function defName(cls) {
  if (cls === 'CoreV1ResourceClaim') return 'io.k8s.api.core.v1.ResourceClaim';
  const m = /^V1(\w+)$/.exec(cls);
  if (!m) throw new Error(`unexpected class ${cls}`);
  return META.has(cls) ? `io.k8s.apimachinery.pkg.apis.meta.v1.${m[1]}` : `io.k8s.api.core.v1.${m[1]}`;
}

const ENUMS = {
  'V1ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'V1ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'V1ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'V1ServiceSpec.ipFamilies[]': ['IPv4', 'IPv6'],
  'V1ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'V1NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'V1LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'V1VolumeMount.mountPropagation': ['None', 'HostToContainer', 'Bidirectional'],
  'V1VolumeMount.recursiveReadOnly': ['Disabled', 'IfPossible', 'Enabled'],
  'V1HostPathVolumeSource.type': [
    '',
    'DirectoryOrCreate',
    'Directory',
    'FileOrCreate',
    'File',
    'Socket',
    'CharDevice',
    'BlockDevice',
  ],
  'V1PersistentVolumeClaimSpec.accessModes[]': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'V1PersistentVolumeClaimSpec.volumeMode': ['Filesystem', 'Block'],
  'V1ImageVolumeSource.pullPolicy': ['Always', 'Never', 'IfNotPresent'],
};
const RANGES = {
  'V1ServicePort.port': [1, 65535],
  'V1ServicePort.nodePort': [0, 65535],
  'V1PreferredSchedulingTerm.weight': [1, 100],
};
/** Fields typed resource.Quantity upstream (client-node flattens them to string). */
const QUANTITY_FIELDS = new Set([
  'V1ResourceRequirements.limits',
  'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits',
  'V1VolumeResourceRequirements.requests',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1ResourceFieldSelector.divisor',
]);
const QUANTITY_REF = { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' };

/** Reads `/** … *\/ 'prop'?: type;` pairs from a model's .d.ts: descriptions and optionality. */
function readDeclarations(cls) {
  const text = fs.readFileSync(path.join(modelsDir, `${cls}.d.ts`), 'utf8');
  const comments = [...text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(export declare class|'([^']+)'(\??):)/g)];
  const classDoc = comments.find((m) => m[2] === 'export declare class')?.[1];
  const props = new Map();
  for (const m of comments) if (m[3]) props.set(m[3], { description: clean(m[1]), optional: m[4] === '?' });
  // Properties without a doc comment still tell whether they are optional.
  for (const m of text.matchAll(/^\s*'([^']+)'(\??):/gm)) if (!props.has(m[1])) props.set(m[1], { optional: m[2] === '?' });
  return { description: classDoc ? clean(classDoc) : undefined, props };
}
/** Doc-comment body → one line of plain text. */
const clean = (s) =>
  s
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\\(['"])/g, '$1');

const isModel = (name) => typeof k8s[name] === 'function' && Array.isArray(k8s[name].attributeTypeMap);

function typeSchema(type, format, key, pending) {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return { type: 'array', items: typeSchema(arr[1], format, `${key}[]`, pending) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1], format, `${key}{}`, pending) };
  let s;
  switch (type) {
    case 'string':
      s = { type: 'string' };
      break;
    case 'boolean':
      s = { type: 'boolean' };
      break;
    case 'number':
      s = { type: format === 'int32' || format === 'int64' ? 'integer' : 'number' };
      break;
    case 'Date':
      s = { type: 'string', format: 'date-time' };
      break;
    case 'IntOrString':
      s = { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true };
      break;
    case 'any':
      s = {};
      break;
    default:
      if (!isModel(type)) throw new Error(`unknown type ${type} at ${key}`);
      pending.push(type);
      return { $ref: `#/definitions/${defName(type)}` };
  }
  if (ENUMS[key]) s.enum = ENUMS[key];
  if (RANGES[key]) [s.minimum, s.maximum] = RANGES[key];
  return s;
}

function generate() {
  const defs = {};
  const pending = [...ROOTS];
  const done = new Set();
  while (pending.length) {
    const cls = pending.shift();
    if (done.has(cls)) continue;
    done.add(cls);
    const decl = readDeclarations(cls);
    const properties = {};
    const required = [];
    for (const attr of k8s[cls].attributeTypeMap) {
      const key = `${cls}.${attr.baseName}`;
      const info = decl.props.get(attr.name) ?? {};
      let s = QUANTITY_FIELDS.has(key)
        ? attr.type.startsWith('{')
          ? { type: 'object', additionalProperties: QUANTITY_REF }
          : { ...QUANTITY_REF }
        : typeSchema(attr.type, attr.format, key, pending);
      if (info.description) s = { ...s, description: info.description };
      properties[attr.baseName] = s;
      if (info.optional === false) required.push(attr.baseName);
    }
    defs[defName(cls)] = {
      type: 'object',
      ...(decl.description ? { description: decl.description } : {}),
      properties,
      ...(required.length ? { required } : {}),
      // Unknown keys are dropped silently by the operator's decoder; reporting them catches typos.
      additionalProperties: false,
    };
  }
  return defs;
}

const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const generated = generate();
const kept = Object.fromEntries(
  Object.entries(schema.definitions).filter(
    ([k]) => !k.startsWith('io.k8s.api.') && !k.startsWith('io.k8s.apimachinery.pkg.apis.'),
  ),
);
schema.definitions = { ...kept, ...Object.fromEntries(Object.entries(generated).sort(([a], [b]) => a.localeCompare(b))) };
const apiVersion =
  /OpenAPI spec version: (\S+)/.exec(fs.readFileSync(path.join(modelsDir, 'V1Volume.d.ts'), 'utf8'))?.[1] ?? 'unknown';
schema['x-generated-from'] = `@kubernetes/client-node ${clientVersion} models (Kubernetes OpenAPI ${apiVersion})`;
const out = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = fs.readFileSync(schemaFile, 'utf8');
  if (current !== out) {
    console.error('schemas/dolphindb.schema.json is out of date: run node scripts/gen-schema.mjs');
    process.exit(1);
  }
  console.log('schema up to date');
} else {
  fs.writeFileSync(schemaFile, out);
  console.log(`wrote ${Object.keys(generated).length} Kubernetes definitions (${(out.length / 1024).toFixed(0)} KiB)`);
}
