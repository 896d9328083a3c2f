// The explorer's node ids, built and parsed in one place. An id is a path of `/`-separated
// segments under its context, e.g. `ctx:prod/ddb:dolphindb/ha/role:dn`. Values are escaped
// (`%` → %25, `/` → %2F) so a kube context named like an EKS ARN (`…:cluster/prod`) still parses;
// names without those characters give the same ids as before the escaping existed.

export type RoleAbbrevId = 'ctr' | 'dn' | 'cn';

/** Under a DolphinDB cluster: the group nodes, addressed by the cluster's coordinates. */
export type ClusterGroup = 'services' | 'pvcs' | 'configmap' | 'events' | 'backups';

export type NodeId =
  | { readonly kind: 'context'; readonly context: string }
  | { readonly kind: 'namespace'; readonly context: string; readonly namespace: string }
  | { readonly kind: 'suite'; readonly context: string; readonly namespace: string }
  | { readonly kind: 'suiteComponent'; readonly context: string; readonly namespace: string; readonly component: string }
  | { readonly kind: 'cluster'; readonly context: string; readonly namespace: string; readonly name: string }
  | {
      readonly kind: 'role';
      readonly context: string;
      readonly namespace: string;
      readonly name: string;
      readonly role: RoleAbbrevId;
    }
  | {
      readonly kind: 'instance';
      readonly context: string;
      readonly namespace: string;
      readonly name: string;
      readonly instance: string;
    }
  | { readonly kind: ClusterGroup; readonly context: string; readonly namespace: string; readonly name: string }
  | { readonly kind: 'pod'; readonly context: string; readonly namespace: string; readonly pod: string }
  | {
      readonly kind: 'container';
      readonly context: string;
      readonly namespace: string;
      readonly pod: string;
      readonly container: string;
    }
  | {
      readonly kind: 'service' | 'pvc' | 'event' | 'backup' | 'restore';
      readonly context: string;
      readonly namespace: string;
      readonly name: string;
    }
  /** A message under a context or a suite, e.g. `connecting`, `forbidden:list:pods:ns`. */
  | { readonly kind: 'message'; readonly parent: MessageParent; readonly message: string }
  /** The "nothing here" line under an events group or a missing pod. */
  | { readonly kind: 'none'; readonly parent: NoneParent };

type Of<K extends NodeId['kind']> = NodeId & { readonly kind: K };
export type MessageParent = Of<'context'> | Of<'suite'>;
export type NoneParent = Of<'events'> | Of<'pod'>;

/** Tags of the object segments: `svc:<ns>/<name>`. */
const OBJECT_TAG = { service: 'svc', pvc: 'pvc', event: 'ev', pod: 'pod', cluster: 'ddb', backup: 'bk', restore: 'rs' } as const;
/** The last segment of a cluster's group node. */
const GROUP_SEGMENT: Record<ClusterGroup, string> = {
  services: 'services',
  pvcs: 'pvcs',
  configmap: 'cm',
  events: 'events',
  backups: 'backups',
};

export function escapeSegment(v: string): string {
  return v.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function unescape(v: string): string {
  return v.replace(/%2F/gi, '/').replace(/%25/g, '%');
}

export function nodeId(id: NodeId): string {
  const e = escapeSegment;
  switch (id.kind) {
    case 'context':
      return `ctx:${e(id.context)}`;
    case 'namespace':
      return `${nodeId({ kind: 'context', context: id.context })}/ns:${e(id.namespace)}`;
    case 'suite':
      return `${nodeId({ kind: 'context', context: id.context })}/suite:${e(id.namespace)}`;
    case 'suiteComponent':
      return `${nodeId({ kind: 'suite', context: id.context, namespace: id.namespace })}/${e(id.component)}`;
    case 'cluster':
    case 'service':
    case 'pvc':
    case 'event':
    case 'backup':
    case 'restore':
      return `${nodeId({ kind: 'context', context: id.context })}/${OBJECT_TAG[id.kind]}:${e(id.namespace)}/${e(id.name)}`;
    case 'pod':
      return `${nodeId({ kind: 'context', context: id.context })}/pod:${e(id.namespace)}/${e(id.pod)}`;
    case 'role':
      return `${clusterId(id)}/role:${id.role}`;
    case 'instance':
      return `${clusterId(id)}/inst:${e(id.instance)}`;
    case 'services':
    case 'pvcs':
    case 'configmap':
    case 'events':
    case 'backups':
      return `${clusterId(id)}/${GROUP_SEGMENT[id.kind]}`;
    case 'container':
      return `${nodeId({ kind: 'pod', context: id.context, namespace: id.namespace, pod: id.pod })}/c:${e(id.container)}`;
    case 'message':
      return `${nodeId(id.parent)}/msg:${e(id.message)}`;
    case 'none':
      return `${nodeId(id.parent)}/none`;
  }
}

function clusterId(id: { context: string; namespace: string; name: string }): string {
  return nodeId({ kind: 'cluster', context: id.context, namespace: id.namespace, name: id.name });
}

/** The id of a DolphinDB cluster's node (what the model reports when that cluster changed). */
export function clusterNodeId(context: string, namespace: string, name: string): string {
  return nodeId({ kind: 'cluster', context, namespace, name });
}

export function contextNodeId(context: string): string {
  return nodeId({ kind: 'context', context });
}

/** `tag:value` → [tag, value]; a segment without a colon has tag '' and is all value. */
function split(seg: string): [string, string] {
  const i = seg.indexOf(':');
  return i < 0 ? ['', seg] : [seg.slice(0, i), seg.slice(i + 1)];
}

const ROLE_IDS: readonly string[] = ['ctr', 'dn', 'cn'];

const TAG_KIND = { svc: 'service', pvc: 'pvc', ev: 'event', bk: 'backup', rs: 'restore' } as const;

/** The inverse of nodeId; undefined for anything it did not build. */
export function parseNodeId(text: string): NodeId | undefined {
  const segs = text.split('/');
  const [tag0, ctxRaw] = split(segs[0] ?? '');
  if (tag0 !== 'ctx' || !segs[0]?.includes(':')) return undefined;
  const context = unescape(ctxRaw);
  const ctx: Of<'context'> = { kind: 'context', context };
  if (segs.length === 1) return ctx;
  const [tag1, v1raw] = split(segs[1]);
  const v1 = unescape(v1raw);
  const rest = segs.slice(2);
  switch (tag1) {
    case 'msg':
      return rest.length === 0 ? { kind: 'message', parent: ctx, message: v1 } : undefined;
    case 'ns':
      return rest.length === 0 ? { kind: 'namespace', context, namespace: v1 } : undefined;
    case 'suite':
      return parseSuite({ kind: 'suite', context, namespace: v1 }, rest);
    case 'ddb':
      return rest.length >= 1
        ? parseCluster({ kind: 'cluster', context, namespace: v1, name: unescape(rest[0]) }, rest.slice(1))
        : undefined;
    case 'pod':
      return rest.length >= 1
        ? parsePod({ kind: 'pod', context, namespace: v1, pod: unescape(rest[0]) }, rest.slice(1))
        : undefined;
    case 'svc':
    case 'pvc':
    case 'ev':
    case 'bk':
    case 'rs': {
      if (rest.length !== 1) return undefined;
      const kind = TAG_KIND[tag1];
      return { kind, context, namespace: v1, name: unescape(rest[0]) };
    }
    default:
      return undefined;
  }
}

function parseSuite(suite: Of<'suite'>, rest: string[]): NodeId | undefined {
  if (rest.length === 0) return suite;
  if (rest.length !== 1) return undefined;
  const [tag, v] = split(rest[0]);
  if (tag === 'msg') return { kind: 'message', parent: suite, message: unescape(v) };
  return { kind: 'suiteComponent', context: suite.context, namespace: suite.namespace, component: unescape(rest[0]) };
}

function parseCluster(c: Of<'cluster'>, rest: string[]): NodeId | undefined {
  if (rest.length === 0) return c;
  const [tag, v] = split(rest[0]);
  const at = { context: c.context, namespace: c.namespace, name: c.name };
  if (rest.length === 2 && rest[0] === 'events' && rest[1] === 'none') return { kind: 'none', parent: { kind: 'events', ...at } };
  if (rest.length !== 1) return undefined;
  if (tag === 'role') return ROLE_IDS.includes(v) ? { kind: 'role', ...at, role: v as RoleAbbrevId } : undefined;
  if (tag === 'inst') return { kind: 'instance', ...at, instance: unescape(v) };
  const group = (Object.keys(GROUP_SEGMENT) as ClusterGroup[]).find((g) => GROUP_SEGMENT[g] === rest[0]);
  return group ? { kind: group, ...at } : undefined;
}

function parsePod(p: Of<'pod'>, rest: string[]): NodeId | undefined {
  if (rest.length === 0) return p;
  if (rest.length !== 1) return undefined;
  if (rest[0] === 'none') return { kind: 'none', parent: p };
  const [tag, v] = split(rest[0]);
  return tag === 'c'
    ? { kind: 'container', context: p.context, namespace: p.namespace, pod: p.pod, container: unescape(v) }
    : undefined;
}
