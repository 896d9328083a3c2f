// Kubeconfigs for the connectivity tests, built in memory from the ground's state: the ground's
// CA and server (or another address for it), and the admin client certificate unless a test
// gives its own user.
import * as path from 'node:path';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { readState } from '../../ground/ground';
import { loadGroundConfig } from '../lib';

export function groundDir(): string {
  const dir = process.env.DDB_GROUND_DIR;
  if (!dir) throw new Error('DDB_GROUND_DIR must point at the test ground');
  return dir;
}

export function groundServer(): URL {
  return new URL(readState(groundDir()).server);
}

export function adminUser(): User {
  const u = loadGroundConfig().getCurrentUser();
  if (!u) throw new Error('the ground kubeconfig has no user');
  return { ...u, name: 'net-user' };
}

export function configFor(cluster: Partial<Cluster>, user: User = adminUser()): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'net-ground',
        server: groundServer().origin,
        caFile: path.join(groundDir(), 'pki', 'ca.crt'),
        skipTLSVerify: false,
        ...cluster,
      },
    ],
    users: [{ ...user, name: 'net-user' }],
    contexts: [{ name: 'net', cluster: 'net-ground', user: 'net-user' }],
    currentContext: 'net',
  });
  return kc;
}
