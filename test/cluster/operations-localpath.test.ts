// The local-path provisioner install against the real API server: every object of the manifest
// is applied and read back (StorageClass local-path with WaitForFirstConsumer, the Deployment,
// the RBAC, the ConfigMap); an existing StorageClass local-path is left alone; a namespace-scoped
// user is refused before anything is written. KWOK runs no containers, so the provisioner pod
// never provisions a volume here: what is proven is what the API server stores, not provisioning.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { collectionPath, KINDS, objectPath, type KubeObject, type ResourceKind } from '../../src/core/k8s/resources';
import { installLocalPath, planInstallLocalPath } from '../../src/core/operations/localPath';
import { LOCAL_PATH_KINDS, LOCAL_PATH_NAMESPACE, localPathManifest } from '../../src/core/operations/localPathManifest';
import { writeUserKubeconfig } from '../ground/ground';
import { adminHttp, remove, waitFor } from './lib';
import { testContext } from '../unit/operations/ctx';

const http = adminHttp();
/** The ground's own StorageClass local-path, put back afterwards for the other tests. */
let groundClass: KubeObject | undefined;

async function read(kind: ResourceKind, name: string, ns?: string): Promise<KubeObject | undefined> {
  const r = await http.request<KubeObject>(objectPath(kind, name, ns));
  if (!r.ok && r.error.kind !== 'notFound') throw new Error(r.error.reason);
  return r.ok ? r.value : undefined;
}

async function restoreGroundClass(): Promise<void> {
  await remove(http, KINDS.storageclass, 'local-path');
  await waitFor('StorageClass local-path gone', async () => ((await read(KINDS.storageclass, 'local-path')) ? undefined : true));
  if (!groundClass) return;
  const { name, annotations, labels } = groundClass.metadata;
  const body = { ...groundClass, metadata: { name, annotations, labels } };
  const r = await http.request(collectionPath(KINDS.storageclass), {
    method: 'POST',
    body,
  });
  if (!r.ok) throw new Error(r.error.reason);
}

describe('local-path provisioner install (real API server)', () => {
  before(async () => {
    groundClass = await read(KINDS.storageclass, 'local-path');
  });
  after(async () => {
    await restoreGroundClass();
    for (const m of localPathManifest()
      .filter((x) => x.kind.key !== 'storageclass')
      .reverse())
      await remove(http, m.kind, m.object.metadata.name, m.object.metadata.namespace);
  });

  it('leaves an existing StorageClass local-path alone and says so', async () => {
    assert.ok(groundClass, 'the ground has StorageClass local-path');
    const p = await planInstallLocalPath(testContext(), http);
    assert.ok(p.ok, JSON.stringify(p));
    assert.equal(p.value.storageClassKept, true);
    assert.ok(!p.value.objects.some((o) => o.startsWith('StorageClass')), p.value.objects.join());
    assert.match(p.value.warnings.join('\n'), /StorageClass local-path exists already \(provisioner ddb-ground\/no-op\)/);
  });

  it('refuses a namespace-scoped user before writing anything', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(writeUserKubeconfig(process.env.DDB_GROUND_DIR ?? '', 'ns-user', 'dolphindb'));
    const r = await installLocalPath(testContext(), new KubeHttp(kc, 15000));
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, 'forbidden');
    assert.equal(r.error.changed, false);
    assert.match(r.error.reason, /Namespace local-path-storage/);
    assert.match(r.error.reason, /ClusterRole local-path-provisioner-role/);
    assert.equal(await read(KINDS.namespace, LOCAL_PATH_NAMESPACE), undefined, 'nothing was written');
  });

  it('without a StorageClass local-path: applies every object and reads them back', async () => {
    await remove(http, KINDS.storageclass, 'local-path');
    await waitFor('StorageClass local-path gone', async () =>
      (await read(KINDS.storageclass, 'local-path')) ? undefined : true,
    );
    const ctx = testContext();
    const plan = await planInstallLocalPath(ctx, http);
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(plan.value.objects, [
      'Namespace local-path-storage',
      'ServiceAccount local-path-storage/local-path-provisioner-service-account',
      'ClusterRole local-path-provisioner-role',
      'ClusterRoleBinding local-path-provisioner-bind',
      'ConfigMap local-path-storage/local-path-config',
      'Deployment local-path-storage/local-path-provisioner',
      'StorageClass local-path',
    ]);
    const r = await installLocalPath(ctx, http);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.applied, plan.value.objects);

    const sc = await read(KINDS.storageclass, 'local-path');
    assert.equal((sc as { provisioner?: string } | undefined)?.provisioner, 'rancher.io/local-path');
    assert.equal((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode, 'WaitForFirstConsumer');
    const dep = await read(KINDS.deployment, 'local-path-provisioner', LOCAL_PATH_NAMESPACE);
    const pod = (dep?.spec as { template: { spec: { serviceAccountName: string; containers: { image: string }[] } } }).template
      .spec;
    assert.equal(pod.serviceAccountName, 'local-path-provisioner-service-account');
    assert.match(pod.containers[0]?.image ?? '', /^rancher\/local-path-provisioner:v\d+\.\d+\.\d+$/);
    const cm = await read(KINDS.configmap, 'local-path-config', LOCAL_PATH_NAMESPACE);
    assert.deepEqual(Object.keys(cm?.data ?? {}).sort(), ['config.json', 'helperPod.yaml', 'setup', 'teardown']);
    assert.ok(await read(LOCAL_PATH_KINDS.serviceaccount, 'local-path-provisioner-service-account', LOCAL_PATH_NAMESPACE));
    const binding = await read(LOCAL_PATH_KINDS.clusterrolebinding, 'local-path-provisioner-bind');
    assert.equal((binding as { roleRef?: { name?: string } } | undefined)?.roleRef?.name, 'local-path-provisioner-role');
    assert.ok(await read(LOCAL_PATH_KINDS.clusterrole, 'local-path-provisioner-role'));

    // Applying again changes nothing and fails nothing (same field manager, same content).
    const again = await installLocalPath(testContext(), http);
    assert.ok(again.ok, JSON.stringify(again));
  });
});
