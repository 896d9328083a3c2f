// Parsing a manifest for Apply File: apply order (Namespace, then ConfigMap/Secret/PVC/Service,
// then DolphinDB; the file's order within a rank), the default namespace, and refusals.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english } from '../../../src/core/i18n/translate';
import { parseManifest } from '../../../src/core/operations/applyFile';

const text = `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata: {name: c1}
spec: {mode: standalone}
---
apiVersion: v1
kind: Service
metadata: {name: s1, namespace: other}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
`;

describe('parseManifest', () => {
  it('orders by dependency, keeps the file order within a rank and fills in the default namespace', () => {
    const p = parseManifest(text, 'ns1', english);
    assert.ok(p.ok, !p.ok ? p.reason : '');
    assert.deepEqual(
      p.objects.map((o) => `${o.object.kind} ${o.object.metadata.namespace ?? '-'}/${o.object.metadata.name}`),
      ['Namespace -/other', 'Service other/s1', 'Secret ns1/sec', 'DolphinDB ns1/c1'],
    );
  });

  it('refuses unknown kinds, wrong apiVersions, nameless documents, YAML errors and empty files', () => {
    const bad = (t: string): string => {
      const p = parseManifest(t, 'ns', english);
      assert.equal(p.ok, false, t);
      return !p.ok ? p.reason : '';
    };
    assert.match(bad('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n'), /Role \(document 1\)/);
    assert.match(bad('apiVersion: v1\nkind: DolphinDB\nmetadata: {name: x}\n'), /v1\/DolphinDB/);
    assert.match(bad('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n'), /no metadata\.name/);
    assert.match(bad('a: [\n'), /YAML errors/);
    assert.match(bad('---\n'), /no Kubernetes object/);
  });
});
