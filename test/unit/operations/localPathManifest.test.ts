// The local-path provisioner manifest: as YAML it parses back to the same objects, its embedded
// config.json and helper pod parse, every object the guide's provisioner needs is there, and the
// confirmation lists exactly those objects by kind and name.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { apiVersionOf } from '../../../src/core/k8s/resources';
import {
  LOCAL_PATH_PROVISIONER_IMAGE,
  localPathManifest,
  manifestObjectName,
} from '../../../src/core/operations/localPathManifest';

describe('local-path provisioner manifest', () => {
  const manifest = localPathManifest();
  const byKind = (kind: string): Record<string, unknown> => {
    const m = manifest.find((x) => x.kind.kind === kind);
    assert.ok(m, kind);
    return m.object as unknown as Record<string, unknown>;
  };

  it('parses back from YAML, one document per object, each with the apiVersion of its kind', () => {
    const text = manifest.map((m) => stringify(m.object)).join('---\n');
    const docs = parseAllDocuments(text);
    assert.equal(docs.length, manifest.length);
    docs.forEach((d, i) => {
      assert.deepEqual(d.errors, []);
      const m = manifest[i];
      assert.ok(m);
      assert.deepEqual(d.toJS(), m.object);
      assert.equal(m.object.kind, m.kind.kind);
      assert.equal(m.object.apiVersion, apiVersionOf(m.kind));
      assert.equal(m.kind.namespaced, m.object.metadata.namespace !== undefined, manifestObjectName(m));
    });
  });

  it('names, in apply order, what the confirmation lists', () => {
    assert.deepEqual(manifest.map(manifestObjectName), [
      'Namespace local-path-storage',
      'ServiceAccount local-path-storage/local-path-provisioner-service-account',
      'ClusterRole local-path-provisioner-role',
      'ClusterRoleBinding local-path-provisioner-bind',
      'ConfigMap local-path-storage/local-path-config',
      'Deployment local-path-storage/local-path-provisioner',
      'StorageClass local-path',
    ]);
  });

  it('StorageClass local-path waits for the first consumer', () => {
    const sc = byKind('StorageClass');
    assert.equal(sc.provisioner, 'rancher.io/local-path');
    assert.equal(sc.volumeBindingMode, 'WaitForFirstConsumer');
  });

  it('the ConfigMap holds config.json, setup, teardown and a helper pod that parse', () => {
    const data = byKind('ConfigMap').data as Record<string, string>;
    const config = JSON.parse(data['config.json'] ?? '') as { nodePathMap: { node: string; paths: string[] }[] };
    assert.equal(config.nodePathMap[0]?.node, 'DEFAULT_PATH_FOR_NON_LISTED_NODES');
    assert.match(data.setup ?? '', /^#!\/bin\/sh\n[\s\S]*mkdir -m 0777 -p "\$VOL_DIR"/);
    assert.match(data.teardown ?? '', /rm -rf "\$VOL_DIR"/);
    const pod = parse(data['helperPod.yaml'] ?? '') as { kind: string; spec: { containers: { image: string }[] } };
    assert.equal(pod.kind, 'Pod');
    assert.ok(pod.spec.containers[0]?.image);
  });

  it('the Deployment runs the provisioner image (the constant, or the one given) with that ConfigMap', () => {
    const image = (o: Record<string, unknown>): string | undefined =>
      (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;
    assert.equal(image(byKind('Deployment')), LOCAL_PATH_PROVISIONER_IMAGE);
    const other = localPathManifest({ image: 'registry.local/lpp:v9' }).find((m) => m.kind.kind === 'Deployment');
    assert.equal(image(other?.object as unknown as Record<string, unknown>), 'registry.local/lpp:v9');
    const spec = (byKind('Deployment').spec as { template: { spec: { volumes: { configMap?: { name: string } }[] } } }).template
      .spec;
    assert.equal(spec.volumes[0]?.configMap?.name, 'local-path-config');
  });
});
