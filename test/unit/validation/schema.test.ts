// The schema file: conventions, completeness, and that its generated part is up to date.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QUANTITY_PATTERN } from '../../../src/core/dolphindb/quantity';
import { VERSION_PATTERN } from '../../../src/core/dolphindb/versions';
import { DNS1123_LABEL_PATTERN } from '../../../src/core/dolphindb/names';
import { schemaAt } from '../../../src/core/validation';
import { repoRoot } from './helpers';

type Raw = Record<string, unknown>;
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'dolphindb.schema.json'), 'utf8')) as Raw & {
  definitions: Record<string, Raw>;
};
const defs = schema.definitions;

function resolve(s: Raw): Raw {
  return typeof s.$ref === 'string' ? { ...resolve(defs[s.$ref.replace('#/definitions/', '')]), ...s } : s;
}

describe('schemas/dolphindb.schema.json', () => {
  it('is draft-07 and states its conventions', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(String(schema.$comment), /x-description-zh/);
    assert.match(String(schema.$comment), /@kubernetes\/client-node/);
    assert.match(String(schema['x-generated-from']), /client-node [\d.]+ models \(Kubernetes OpenAPI v1\.\d+/);
  });
  it('every $ref resolves', () => {
    const text = JSON.stringify(schema);
    for (const m of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) assert.ok(defs[m[1]], m[1]);
  });
  it('every DolphinDB field has an English and a Chinese description', () => {
    const missing: string[] = [];
    for (const [name, def] of Object.entries(defs)) {
      if (!name.startsWith('ddb.')) continue;
      for (const [prop, raw] of Object.entries((def.properties ?? {}) as Record<string, Raw>)) {
        const s = resolve(raw);
        if (typeof s.description !== 'string' || typeof s['x-description-zh'] !== 'string') missing.push(`${name}.${prop}`);
        else assert.match(String(s['x-description-zh']), /[\u4e00-\u9fff]/, `${name}.${prop}`);
      }
    }
    assert.deepEqual(missing, []);
  });
  it('closes the DolphinDB objects so typos are caught', () => {
    for (const d of [
      'ddb.Spec',
      'ddb.ControllerSpec',
      'ddb.DataNodeSpec',
      'ddb.ComputeNodeSpec',
      'ddb.InstanceMeta',
      'ddb.CustomMeta',
      'ddb.TimeMeta',
    ]) {
      assert.equal(defs[d].additionalProperties, false, d);
    }
    assert.equal(schema.additionalProperties, false);
  });
  it('lists every spec field of docs/domain.md §2.3', () => {
    const spec = Object.keys(defs['ddb.Spec'].properties as Raw).sort();
    assert.deepEqual(spec, [
      'clusterType',
      'computenode',
      'controller',
      'customMeta',
      'datanode',
      'disableCoreDump',
      'disableExporter',
      'disablePromtail',
      'licenseServerAddress',
      'logCleanLimit',
      'logMode',
      'minPersistentVolumeSize',
      'mode',
      'nodeAffinity',
      'storageClassName',
      'timeMeta',
      'version',
    ]);
    assert.deepEqual(Object.keys(defs['ddb.InstanceMeta'].properties as Raw).sort(), [
      'paused',
      'service',
      'volumeMounts',
      'volumes',
    ]);
    assert.deepEqual(Object.keys(defs['ddb.CustomMeta'].properties as Raw).sort(), [
      'annotations',
      'domainSuffix',
      'labels',
      'podAnnotations',
      'podLabels',
      'pvcAnnotations',
      'pvcLabels',
      'serviceAnnotations',
      'serviceLabels',
    ]);
  });
  it('carries the embedded Kubernetes types with their required fields', () => {
    for (const t of [
      'Volume',
      'VolumeMount',
      'ServiceSpec',
      'NodeAffinity',
      'ResourceRequirements',
      'HostPathVolumeSource',
      'PersistentVolumeClaimVolumeSource',
    ]) {
      assert.ok(defs[`io.k8s.api.core.v1.${t}`], t);
    }
    assert.deepEqual(defs['io.k8s.api.core.v1.VolumeMount'].required, ['mountPath', 'name']);
    assert.deepEqual(defs['io.k8s.api.core.v1.Volume'].required, ['name']);
    const type = (defs['io.k8s.api.core.v1.ServiceSpec'].properties as Record<string, Raw>).type;
    assert.deepEqual(type.enum, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
  });
  it('uses the same patterns as the code', () => {
    const spec = defs['ddb.Spec'].properties as Record<string, Raw>;
    assert.equal(spec.version.pattern, VERSION_PATTERN);
    assert.equal(defs['ddb.VolumeSize'].pattern, QUANTITY_PATTERN);
    assert.equal(defs['io.k8s.apimachinery.pkg.api.resource.Quantity'].pattern, QUANTITY_PATTERN);
    assert.equal((defs['ddb.Metadata'].properties as Record<string, Raw>).name.pattern, DNS1123_LABEL_PATTERN);
  });
  it('instances keys: ^[0-9]+$', () => {
    assert.deepEqual((defs['ddb.Instances'].propertyNames as Raw).pattern, '^[0-9]+$');
  });
  it('schemaAt finds nodes for hover and completion, with both descriptions', () => {
    const r = schemaAt(['spec', 'controller', 'replicas']);
    assert.equal(r?.code, 'DDB-E021');
    assert.equal(r?.minimum, 1);
    assert.match(r?.descriptionZh ?? '', /控制节点/);
    assert.equal(schemaAt(['spec', 'datanode', 'port'])?.default, 32210);
    assert.ok(schemaAt(['spec', 'datanode', 'instances', '0', 'service', 'ports', 0, 'port']));
    assert.equal(schemaAt(['spec', 'nope']), undefined);
  });
  it('the generated Kubernetes definitions are up to date (scripts/gen-schema.mjs --check)', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'gen-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
