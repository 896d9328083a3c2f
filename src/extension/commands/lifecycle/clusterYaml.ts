// Builds the DolphinDB document the create flow opens for review, from the flow's answers.
// Plain data in, YAML text out; the language server validates the result in the editor.
// The text is what a person would write: no anchors or aliases (editing `limits` must not silently
// change `requests`) and no keys that only restate a default.
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
  // the scheduler overcommit a node that DolphinDB then fills. Two objects, so no YAML alias.
  return {
    replicas,
    port,
    dataSize,
    logSize: c.logSize,
    resources: { limits: { cpu: c.cpu, memory: c.memory }, requests: { cpu: c.cpu, memory: c.memory } },
  };
}

export function clusterDocument(c: NewCluster): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    mode: c.mode,
    ...(c.mode === 'cluster' ? { clusterType: c.clusterType } : {}),
    version: c.version,
    ...(c.storageClass ? { storageClassName: c.storageClass } : {}),
    // Written although the operator's default is undocumented: file logs are what Loki collects
    // (docs/domain.md §2.3). logCleanLimit "0.9" is the chart's default and licenseServerAddress
    // absent means "no license server", so neither is written.
    logMode: 0,
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
  // aliasDuplicateObjects: false also guards against a shared object slipping in later.
  return stringify(clusterDocument(c), { lineWidth: 0, aliasDuplicateObjects: false });
}
