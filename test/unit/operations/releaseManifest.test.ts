// What uninstall lists: the objects of a Helm release Secret's manifest (base64 of base64 of
// gzipped JSON, as Helm stores it), with `helm.sh/resource-policy: keep` marked as kept.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { manifestObjects, releaseManifestOf } from '../../../src/core/operations/releaseManifest';

const MANIFEST = [
  '---',
  '# Source: dolphindb-mgr/templates/cm.yaml',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: dolphindb-license',
  '---',
  '# Source: dolphindb-mgr/charts/prometheus/templates/server/pvc.yaml',
  'apiVersion: v1',
  'kind: PersistentVolumeClaim',
  'metadata:',
  '  name: prometheus-server',
  '  annotations:',
  '    helm.sh/resource-policy: keep',
  '---',
  '# an empty document, as templates that render nothing leave',
  '---',
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata:',
  '  name: dolphindb-operator',
  '',
].join('\n');

describe('release manifest', () => {
  it('lists kind and name of each object, keep-annotated ones marked, empty documents skipped', () => {
    assert.deepEqual(manifestObjects(MANIFEST), [
      { kind: 'ConfigMap', name: 'dolphindb-license', kept: false },
      { kind: 'PersistentVolumeClaim', name: 'prometheus-server', kept: true },
      { kind: 'StatefulSet', name: 'dolphindb-operator', kept: false },
    ]);
  });

  it('decodes the release field of a Helm Secret', () => {
    const inner = gzipSync(Buffer.from(JSON.stringify({ name: 'dolphindb-mgr', version: 2, manifest: MANIFEST })));
    const field = Buffer.from(inner.toString('base64')).toString('base64');
    const secret = { metadata: { name: 'sh.helm.release.v1.dolphindb-mgr.v2' }, data: { release: field } };
    assert.equal(releaseManifestOf(secret), MANIFEST);
    assert.equal(releaseManifestOf({ metadata: { name: 'x' }, data: { release: 'not base64 json' } }), undefined);
  });
});
