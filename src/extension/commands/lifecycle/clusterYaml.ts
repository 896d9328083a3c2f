// Builds the DolphinDB document the create flow opens for review, from the flow's answers.
// Plain data in, YAML text out; the language server validates the result in the editor.
import { stringify } from 'yaml';

export type Mode = 'standalone' | 'cluster';
export type ClusterType = 'singlecontroller' | 'multicontroller';

export interface NewCluster {
  readonly name: string;
  readonly namespace: string;
  readonly mode: Mode;
  readonly clusterType: ClusterType;
  readonly version: string;
  readonly controllers: number;
  readonly datanodes: number;
  readonly computenodes: number;
  readonly cpu: string;
  readonly memory: string;
  readonly storageClass: string;
  readonly dataSize: string;
  readonly logSize: string;
}

// Ports of the documented samples (docs/domain.md §2.4): controllers 31210, data/compute nodes 32210.
const CONTROLLER_PORT = 31210;
const NODE_PORT = 32210;

function role(c: NewCluster, replicas: number, port: number, dataSize: string): Record<string, unknown> {
  // Requests equal limits: DolphinDB sizes its memory from the limit, and a lower request lets
  // the scheduler overcommit a node that DolphinDB then fills.
  const res = { cpu: c.cpu, memory: c.memory };
  return { replicas, port, dataSize, logSize: c.logSize, resources: { limits: res, requests: res } };
}

export function clusterDocument(c: NewCluster): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    mode: c.mode,
    ...(c.mode === 'cluster' ? { clusterType: c.clusterType } : {}),
    version: c.version,
    storageClassName: c.storageClass,
    logMode: 0,
    logCleanLimit: '0.9',
    licenseServerAddress: 'None',
  };
  if (c.mode === 'standalone') {
    spec.datanode = role(c, 1, NODE_PORT, c.dataSize);
  } else {
    spec.controller = role(c, c.controllers, CONTROLLER_PORT, '1Gi');
    spec.datanode = role(c, c.datanodes, NODE_PORT, c.dataSize);
    if (c.computenodes > 0) spec.computenode = role(c, c.computenodes, NODE_PORT, '1Gi');
  }
  return { apiVersion: 'dolphindb.dolphindb.io/v1', kind: 'DolphinDB', metadata: { name: c.name, namespace: c.namespace }, spec };
}

export function clusterYaml(c: NewCluster): string {
  return stringify(clusterDocument(c), { lineWidth: 0 });
}
