// Test data shared by the cluster operation tests: a small DolphinDB CR, a suite env-config, and
// synthetic license text (same shape as test/fixtures; never a real license).
import * as fs from 'node:fs';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { licenseFile as licensePath } from '../../fixtures/paths';

export { licensesDir as licenseDir, licenseFile as licensePath } from '../../fixtures/paths';

export interface CrOptions {
  readonly version?: string;
  readonly controllers?: number;
  readonly datanodes?: number;
  readonly computenodes?: number;
  readonly clusterType?: 'singlecontroller' | 'multicontroller';
}

/** A cluster-mode CR with small sizes on the ground's `standard` class. */
export function clusterCr(name: string, namespace: string, o: CrOptions = {}): KubeObject {
  const role = (replicas: number, port: number): Record<string, unknown> => ({
    replicas,
    port,
    dataSize: '1Gi',
    logSize: '1Gi',
    resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
  });
  return {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name, namespace },
    spec: {
      mode: 'cluster',
      clusterType: o.clusterType ?? 'singlecontroller',
      version: o.version ?? 'v2.00.14',
      storageClassName: 'standard',
      logMode: 0,
      logCleanLimit: '0.9',
      licenseServerAddress: 'None',
      controller: { ...role(o.controllers ?? 1, 31210), clusterConfig: { maxMemSize: '1' } },
      datanode: { ...role(o.datanodes ?? 2, 32210), config: {} },
      ...(o.computenodes !== undefined ? { computenode: role(o.computenodes, 32210) } : {}),
    },
  };
}

export const ENV_CONFIG = [
  'global:',
  '  storageClass: standard',
  'dolphindb:',
  '  coreDumpDir: /data/ddb/core',
  '  versions:',
  '  - version: v2.00.16',
  '    isSupportLicenseServer: true',
  '  - version: v2.00.14',
  '    isSupportLicenseServer: true',
  '  - version: v2.00.10',
  '    isSupportLicenseServer: true',
  '  - version: v2.00.8',
  '',
].join('\n');

/** A synthetic license with another expiry year; the signature lines are random-looking base64. */
export function syntheticLicense(year: number, seed: string): string {
  const line = (i: number): string => Buffer.from(`${seed}-${i}-`.repeat(8)).toString('base64').slice(0, 64);
  return [`${year}.01.01,8,2,3,Synthetic Test User ${seed},0,-1,,1`, line(1), line(2), line(3), line(4), ''].join('\n');
}

export function readLicense(name: string): string {
  return fs.readFileSync(licensePath(name), 'utf8');
}
