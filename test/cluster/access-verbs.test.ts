// The permission cache against the ground's real RBAC: the read-only user is refused every write
// permission, the namespace user (full rights in `dolphindb` only) gets them there and not in
// another namespace, and the admin gets them everywhere. Answers are cached per context +
// namespace: asking again sends no second review.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { PermissionCache } from '../../src/core/k8s/accessCache';
import type { Permission } from '../../src/core/k8s/accessVerbs';
import { KubeHttp } from '../../src/core/k8s/http';
import { writeUserKubeconfig } from '../ground/ground';
import { adminHttp } from './lib';

const groundDir = process.env.DDB_GROUND_DIR as string;
const ALL: Permission[] = [
  'edit',
  'delete',
  'restart',
  'services',
  'volumes',
  'license',
  'createCluster',
  'suiteInstall',
  'suiteUninstall',
  'coreDumps',
];

function httpFor(user: 'readonly-user' | 'ns-user'): KubeHttp {
  const kc = new KubeConfig();
  kc.loadFromFile(writeUserKubeconfig(groundDir, user, 'dolphindb'));
  return new KubeHttp(kc, 15000);
}

/** Every permission's answer once the reviews are in; counts the reviews sent. */
async function answers(http: KubeHttp, namespace: string): Promise<{ granted: Permission[]; reviews: number }> {
  let reviews = 0;
  const counted = new Proxy(http, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'request' || typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (String(args[0]).includes('selfsubjectaccessreviews')) reviews++;
        return (v as (...x: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const cache = new PermissionCache(
    () => counted,
    () => undefined,
  );
  for (const p of ALL) cache.allowed('ctx', namespace, p);
  await cache.settled();
  const before = reviews;
  // Rendering again asks nothing new: the answers are cached per context + namespace.
  const granted = ALL.filter((p) => cache.allowed('ctx', namespace, p));
  await cache.settled();
  assert.equal(reviews, before, 'cached: no review asked twice');
  return { granted, reviews };
}

describe('permission cache on real RBAC', () => {
  const https: KubeHttp[] = [];
  after(() => https.forEach((h) => h.dispose()));

  it('the read-only user may do none of the write actions', async () => {
    const http = httpFor('readonly-user');
    https.push(http);
    const r = await answers(http, 'dolphindb');
    assert.deepEqual(r.granted, []);
    assert.ok(r.reviews > 0, 'the API server was asked');
  });

  it('the namespace user may do them in its namespace only', async () => {
    const http = httpFor('ns-user');
    https.push(http);
    assert.deepEqual((await answers(http, 'dolphindb')).granted, ALL);
    assert.deepEqual((await answers(http, 'kube-system')).granted, []);
  });

  it('the admin may do them anywhere', async () => {
    const http = adminHttp();
    https.push(http);
    assert.deepEqual((await answers(http, 'kube-system')).granted, ALL);
  });
});
