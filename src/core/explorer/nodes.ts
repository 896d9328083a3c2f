// Node descriptors of the explorer tree: plain data, rendered by the VS Code adapter.
import type { KindKey } from '../k8s/resources';

export type NodeKind =
  | 'context'
  | 'message'
  | 'suite'
  | 'suiteComponent'
  | 'namespace'
  | 'cluster'
  | 'role'
  | 'instance'
  | 'pod'
  | 'container'
  | 'services'
  | 'service'
  | 'pvcs'
  | 'pvc'
  | 'configmap'
  | 'events'
  | 'event';

export interface ObjectRef {
  readonly context: string;
  readonly kind: KindKey;
  readonly name: string;
  readonly namespace?: string;
}

/** What an item lets the user do; becomes part of the contextValue as `;cap;` tokens. */
export type Capability = 'refresh' | 'copyName' | 'showYaml' | 'edit' | 'delete' | 'logs' | 'retry' | 'switchContext' | 'filterNamespaces' | 'revealOwner' | 'revealChildren' | 'cluster' | 'installSuite' | 'createCluster' | 'stale';

export interface ExplorerNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly ref?: ObjectRef;
  readonly caps: readonly Capability[];
  /** For message nodes: the command to run on click. */
  readonly command?: { readonly id: string; readonly title: string; readonly args?: readonly unknown[] };
  /** Internal: what the model needs to compute children. */
  readonly key: NodeKey;
}

export type NodeKey =
  | { t: 'context'; context: string }
  | { t: 'suite'; context: string; namespace: string }
  | { t: 'namespace'; context: string; namespace: string }
  | { t: 'cluster'; context: string; namespace: string; name: string }
  | { t: 'role'; context: string; namespace: string; name: string; role: 'ctr' | 'dn' | 'cn' }
  | { t: 'instance'; context: string; namespace: string; name: string; instance: string }
  | { t: 'pod'; context: string; namespace: string; pod: string }
  | { t: 'services'; context: string; namespace: string; name: string }
  | { t: 'pvcs'; context: string; namespace: string; name: string }
  | { t: 'events'; context: string; namespace: string; name: string }
  | { t: 'leaf' };

export function clusterNodeId(context: string, namespace: string, name: string): string {
  return `ctx:${context}/ddb:${namespace}/${name}`;
}
