// Gathers what the live cluster knows for the language server's cluster-aware checks: the
// suite's versions, StorageClasses, PVCs and DolphinDB names of a namespace, namespaces, node
// capacity. One-shot reads with a short cache: a refused or failed read leaves that fact out, so
// the server skips only the check that needed it.
import { parseEnvConfigMap } from '../dolphindb/versions';
import type { KubeHttp } from '../k8s/http';
import { KINDS, collectionPath, type KubeObject } from '../k8s/resources';
import type { NodeCapacity } from '../validation/types';
import type { VersionInfo } from '../dolphindb/versions';

/**
 * What the live cluster knows that a text-only check cannot. Every field is optional: a provider
 * fills what it could read (RBAC may forbid some lists) and the server only runs the checks whose
 * facts are present. This is also the wire type of `dolphindb/clusterFacts` (src/protocol re-exports
 * it), so it stays plain JSON.
 */
export interface ClusterFacts {
  /** The installed suite's versions (ConfigMap `dolphindb-env-config`). */
  readonly supportedVersions?: readonly VersionInfo[];
  /** StorageClass names of the cluster. */
  readonly storageClasses?: readonly string[];
  /** PVC names in the requested namespace. */
  readonly pvcNames?: readonly string[];
  /** Namespace names of the cluster (completion of `metadata.namespace`). */
  readonly namespaces?: readonly string[];
  /** Whether the requested namespace exists. */
  readonly namespaceExists?: boolean;
  /** Names of the DolphinDB CRs already in the requested namespace. */
  readonly existingClusters?: readonly string[];
  /** Allocatable capacity of each schedulable node. */
  readonly nodeCapacity?: readonly NodeCapacity[];
}

export class FactsGatherer {
  private readonly cache = new Map<string, { at: number; value: Promise<KubeObject[] | undefined> }>();

  constructor(
    private readonly http: KubeHttp,
    private readonly ttlMs = 30000,
  ) {}

  private list(path: string, query: Record<string, string> = {}): Promise<KubeObject[] | undefined> {
    const key = `${path}?${new URLSearchParams(query).toString()}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.http
      .request<{ items: KubeObject[] }>(path, { query, timeoutMs: 5000 })
      .then((r) => (r.ok ? r.value.items : undefined));
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  async gather(namespace: string | undefined): Promise<ClusterFacts> {
    const [envCfgs, scs, nss, nodes, pvcs, ddbs] = await Promise.all([
      this.list(collectionPath(KINDS.configmap), { labelSelector: 'dolphindb.io/component.config=config' }),
      this.list(collectionPath(KINDS.storageclass)),
      this.list(collectionPath(KINDS.namespace)),
      this.list(collectionPath(KINDS.node)),
      namespace ? this.list(collectionPath(KINDS.pvc, namespace)) : Promise.resolve(undefined),
      namespace ? this.list(collectionPath(KINDS.dolphindb, namespace)) : Promise.resolve(undefined),
    ]);
    // Filled field by field as the reads come back; the caller gets it read-only.
    const facts: { -readonly [K in keyof ClusterFacts]: ClusterFacts[K] } = {};
    const env = envCfgs?.[0] ? parseEnvConfigMap(envCfgs[0]) : undefined;
    if (env?.ok && env.value.versions.length > 0) facts.supportedVersions = env.value.versions;
    if (scs) facts.storageClasses = scs.map((s) => s.metadata.name);
    if (nss) {
      facts.namespaces = nss.map((n) => n.metadata.name);
      if (namespace) facts.namespaceExists = facts.namespaces.includes(namespace);
    }
    if (pvcs) facts.pvcNames = pvcs.map((p) => p.metadata.name);
    if (ddbs) facts.existingClusters = ddbs.map((d) => d.metadata.name);
    if (nodes) {
      facts.nodeCapacity = nodes
        .filter((n) => (n.spec as { unschedulable?: boolean } | undefined)?.unschedulable !== true)
        .map((n) => {
          const alloc = ((n.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<
            string,
            string
          >;
          return { cpu: alloc.cpu ?? '0', memory: alloc.memory ?? '0' };
        });
    }
    return facts;
  }

  clear(): void {
    this.cache.clear();
  }
}
