// "Apply file" against the real API server: a manifest holding a DolphinDB object first and its
// PVC and ConfigMap after it, in a namespace the same file creates, is applied in dependency
// order (Namespace, then ConfigMap/PVC, then DolphinDB); the plan says created/changed/unchanged
// from a server dry run; unknown kinds are refused before anything is written.
// No operator runs here, so nothing else writes the ConfigMap or the DolphinDB object and their
// resourceVersions (etcd revisions) still show the order in which they were created.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { english } from '../../src/core/i18n/translate';
import { applyFileObjects, parseManifest, planApplyFile } from '../../src/core/operations/applyFile';
import { adminHttp, remove } from './lib';
import { testContext } from '../unit/operations/ctx';
import { clusterCr } from '../unit/operations/fixtures';

const NS = `lc-applyfile-${crypto.randomBytes(3).toString('hex')}`;
const http = adminHttp();

const pvc: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'extra-data', namespace: NS },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
};
const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra-cfg', namespace: NS }, data: { a: '1' } };
const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
const ddb = clusterCr('af1', NS, { datanodes: 1 });
// The DolphinDB object first, the Namespace last: the file's order is not the apply order.
const fileText = [ddb, pvc, cm, ns].map((o) => stringify(o)).join('---\n');

async function read(kind: (typeof KINDS)[keyof typeof KINDS], name: string, namespace?: string): Promise<KubeObject> {
  const r = await http.request<KubeObject>(objectPath(kind, name, namespace));
  if (!r.ok) throw new Error(`${kind.plural}/${name}: ${r.error.reason}`);
  return r.value;
}

describe('apply a whole file (real API server)', () => {
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('refuses a file with a kind it does not apply, naming it, and writes nothing', async () => {
    const text = `${fileText}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, namespace: ${NS}}\n`;
    const p = parseManifest(text, 'default', english);
    assert.equal(p.ok, false);
    assert.match(!p.ok ? p.reason : '', /apps\/v1\/Deployment \(document 5\)/);
    const r = await http.request(objectPath(KINDS.namespace, NS));
    assert.equal(!r.ok && r.error.kind, 'notFound', 'the namespace was not created');
  });

  it('plans every object as created, applies them in dependency order, and reads them back', async () => {
    const p = parseManifest(fileText, 'default', english);
    assert.ok(p.ok, !p.ok ? p.reason : '');
    assert.deepEqual(
      p.objects.map((o) => o.object.kind),
      ['Namespace', 'PersistentVolumeClaim', 'ConfigMap', 'DolphinDB'],
    );
    const ctx = testContext();
    const plan = await planApplyFile(ctx, http, p.objects);
    assert.ok(plan.ok, !plan.ok ? plan.error.reason : '');
    assert.deepEqual(
      plan.value.items.map((i) => `${i.action} ${i.label}`),
      [
        `create Namespace ${NS}`,
        `create PersistentVolumeClaim ${NS}/extra-data`,
        `create ConfigMap ${NS}/extra-cfg`,
        `create DolphinDB ${NS}/af1`,
      ],
    );
    assert.equal(plan.value.changes.length, 4, plan.value.changes.join(' | '));

    const r = await applyFileObjects(ctx, http, p.objects);
    assert.ok(r.ok, !r.ok ? r.error.reason : '');
    assert.deepEqual(
      r.value.applied.map((a) => a.created),
      [true, true, true, true],
    );
    const [n, claim, config, cluster] = await Promise.all([
      read(KINDS.namespace, NS),
      read(KINDS.pvc, 'extra-data', NS),
      read(KINDS.configmap, 'extra-cfg', NS),
      read(KINDS.dolphindb, 'af1', NS),
    ]);
    assert.equal(n.metadata.name, NS);
    assert.equal((claim.spec as { storageClassName?: string }).storageClassName, 'standard');
    assert.deepEqual(config.data, { a: '1' });
    assert.equal((cluster.spec as { version?: string }).version, 'v2.00.14');
    // Neither the ConfigMap nor the DolphinDB object is written by anyone else here: their
    // resourceVersions are their creation revisions, and the ConfigMap's comes first.
    assert.ok(
      Number(config.metadata.resourceVersion) < Number(cluster.metadata.resourceVersion),
      `ConfigMap rv ${config.metadata.resourceVersion} before DolphinDB rv ${cluster.metadata.resourceVersion}`,
    );
    assert.ok(
      (claim.metadata.creationTimestamp ?? '') <= (cluster.metadata.creationTimestamp ?? ''),
      'the PVC exists no later than the cluster',
    );
  });

  it('plans a second apply as unchanged except the edited object, which is changed', async () => {
    const edited = stringify({ ...cm, data: { a: '2' } });
    const text = [ddb, pvc, ns].map((o) => stringify(o)).join('---\n') + '---\n' + edited;
    const p = parseManifest(text, 'default', english);
    assert.ok(p.ok);
    const ctx = testContext();
    const plan = await planApplyFile(ctx, http, p.objects);
    assert.ok(plan.ok, !plan.ok ? plan.error.reason : '');
    assert.deepEqual(
      plan.value.items.map((i) => `${i.action} ${i.label}`),
      [
        `unchanged Namespace ${NS}`,
        `unchanged PersistentVolumeClaim ${NS}/extra-data`,
        `change ConfigMap ${NS}/extra-cfg`,
        `unchanged DolphinDB ${NS}/af1`,
      ],
    );
    const r = await applyFileObjects(ctx, http, p.objects);
    assert.ok(r.ok, !r.ok ? r.error.reason : '');
    assert.deepEqual((await read(KINDS.configmap, 'extra-cfg', NS)).data, { a: '2' });
  });
});
