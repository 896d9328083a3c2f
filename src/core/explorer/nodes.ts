// Node descriptors of the explorer tree: plain data, rendered by the VS Code adapter. Icons,
// tones and actions are semantic names; src/extension/views/nodeLook.ts maps them to codicons,
// theme colours and command ids (the core knows none of those).
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
  | 'event'
  | 'backups'
  | 'backup'
  | 'restore';

export interface ObjectRef {
  readonly context: string;
  readonly kind: KindKey;
  readonly name: string;
  readonly namespace?: string;
  /** The served API version when it is discovered, not fixed (Backups and Restores). */
  readonly version?: string;
}

/** What an item lets the user do; becomes part of the contextValue as `;cap;` tokens. */
export type Capability =
  | 'refresh'
  | 'copyName'
  | 'showYaml'
  | 'edit'
  | 'delete'
  | 'logs'
  | 'retry'
  | 'switchContext'
  | 'filterNamespaces'
  | 'revealOwner'
  | 'revealChildren'
  | 'cluster'
  | 'installSuite'
  | 'createCluster'
  | 'stale'
  /** An instance whose pod exists: its pod's YAML and name are offered from the instance's menu. */
  | 'podYaml'
  | 'copyPodName'
  /** A container with an image to copy. */
  | 'copyImage'
  /** Where a Backup can be created from a template (the backup API is served). */
  | 'createBackup';

/**
 * What an item is now, for menus that offer only what applies: `;paused;` or `;running;` (the
 * spec's `paused` switch), `;hasService;` or `;noService;` (the spec's per-instance Service).
 * Read from the spec, as the commands that change them are, so the menu and the command agree.
 */
export type NodeState = 'paused' | 'running' | 'hasService' | 'noService';

/** What the icon shows; the adapter picks the glyph. */
export type NodeIcon =
  | 'context'
  | 'currentContext'
  | 'disconnected'
  | 'loading'
  | 'error'
  | 'warning'
  | 'info'
  | 'forbidden'
  | 'missing'
  | 'namespace'
  | 'healthy'
  | 'cluster'
  | 'role'
  | 'instance'
  | 'leader'
  | 'paused'
  | 'progress'
  | 'unknownPhase'
  | 'noPhase'
  | 'pod'
  | 'container'
  | 'initContainer'
  | 'services'
  | 'volume'
  | 'config'
  | 'history'
  | 'backup'
  | 'restore'
  /** A warning whose object is healthy again. */
  | 'resolved';

/** The icon's colour, by meaning. */
export type NodeTone = 'ok' | 'progress' | 'warning' | 'error' | 'muted';

/** What clicking a message node does. */
export type NodeAction = 'retry' | 'installSuite' | 'createCluster';

export interface ExplorerNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip?: string;
  readonly icon?: NodeIcon;
  readonly tone?: NodeTone;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly ref?: ObjectRef;
  readonly caps: readonly Capability[];
  /** State tokens, also part of the contextValue (see NodeState). */
  readonly states?: readonly NodeState[];
  /** For an instance: the pod it holds (folded into the instance's row). */
  readonly podRef?: ObjectRef;
  /** For a container: its image (Copy image). */
  readonly image?: string;
  /** For message nodes: what a click runs, with its title and arguments. */
  readonly action?: { readonly name: NodeAction; readonly title: string; readonly args?: readonly unknown[] };
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
  | { t: 'backups'; context: string; namespace: string; name: string }
  | { t: 'leaf' };
