// How to reach a DolphinDB cluster (docs/domain.md §4.2): every Service of the cluster with its type,
// cluster IP and ports, in-cluster DNS name, NodePort addresses on each node's InternalIP and
// ExternalIP, load-balancer ingress, and which role or instance it serves.
import { arr, field, num, str } from '../explorer/objects';
import { clusterNamePrefix } from '../dolphindb/names';
import type { KubeObject } from '../k8s/resources';
import { english, type Translate } from '../i18n/translate';

export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: string | number;
  readonly nodePort?: number;
  readonly protocol: string;
}

export interface NodeAddress {
  readonly node: string;
  readonly type: 'InternalIP' | 'ExternalIP';
  readonly address: string;
}

export interface ServiceEndpoint {
  readonly service: string;
  readonly type: string;
  readonly clusterIP?: string;
  /** What the Service serves: `ctr` (always the leader), `ctr-inner`, `dn`, `cn`, an instance `dn-1`, or `other`. */
  readonly serves: string;
  readonly perInstance: boolean;
  readonly dns: string;
  readonly ports: readonly EndpointPort[];
  /** `address:nodePort` reachable from outside, one per node address and NodePort. */
  readonly external: readonly string[];
  /** The same addresses, each with the Service port it reaches (which of DolphinDB's ports it is). */
  readonly outside: readonly OutsideAddress[];
}

/** An address reachable from outside the cluster and the Service port behind it. */
export interface OutsideAddress {
  readonly address: string;
  /** The Service port's name as the operator wrote it (e.g. the DolphinDB port or the subscription port). */
  readonly portName?: string;
  readonly port: number;
}

/** "port 32210 (ddb)": which Service port an outside address leads to. */
export function outsidePortText(o: OutsideAddress, t: Translate = english): string {
  return o.portName ? t('port {0} ({1})', o.port, o.portName) : t('port {0}', o.port);
}

export function nodeAddresses(nodes: readonly KubeObject[]): NodeAddress[] {
  const out: NodeAddress[] = [];
  for (const n of nodes) {
    for (const a of arr(n, 'status', 'addresses')) {
      const type = str(a, 'type');
      const address = str(a, 'address');
      if ((type === 'InternalIP' || type === 'ExternalIP') && address) out.push({ node: n.metadata.name, type, address });
    }
  }
  // ExternalIPs first: those are the ones reachable from a laptop.
  return out.sort((a, b) => (a.type === b.type ? a.node.localeCompare(b.node) : a.type === 'ExternalIP' ? -1 : 1));
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function clusterEndpoints(
  cluster: string,
  namespace: string,
  services: readonly KubeObject[],
  nodes: readonly KubeObject[] = [],
  domainSuffix = 'svc.cluster.local',
): ServiceEndpoint[] {
  const addrs = nodeAddresses(nodes);
  const order = (s: string): number => ['ctr', 'ctr-inner', 'dn', 'cn'].indexOf(s) + 1 || 10;
  return services
    .map((svc): ServiceEndpoint => {
      const name = svc.metadata.name;
      const prefix = clusterNamePrefix(cluster);
      const rest = name.startsWith(prefix) ? name.slice(prefix.length) : '';
      const inst = /^(ctr|dn|cn)-(\d+)$/.exec(rest);
      const serves = inst ? rest : ['ctr', 'ctr-inner', 'dn', 'cn'].includes(rest) ? rest : 'other';
      const type = str(svc, 'spec', 'type') ?? 'ClusterIP';
      const ports: EndpointPort[] = arr(svc, 'spec', 'ports').map((p) => ({
        name: str(p, 'name'),
        port: num(p, 'port') ?? 0,
        targetPort: (field(p, 'targetPort') as string | number | undefined) ?? undefined,
        nodePort: num(p, 'nodePort'),
        protocol: str(p, 'protocol') ?? 'TCP',
      }));
      const outside: OutsideAddress[] = [];
      const add = (address: string, p: EndpointPort): void => {
        if (!outside.some((o) => o.address === address))
          outside.push({ address, port: p.port, ...(p.name ? { portName: p.name } : {}) });
      };
      if (type === 'NodePort' || type === 'LoadBalancer')
        for (const p of ports) if (p.nodePort) for (const a of addrs) add(hostPort(a.address, p.nodePort), p);
      for (const i of arr(svc, 'status', 'loadBalancer', 'ingress')) {
        const host = str(i, 'ip') ?? str(i, 'hostname');
        if (host) for (const p of ports) add(hostPort(host, p.port), p);
      }
      for (const ip of arr(svc, 'spec', 'externalIPs')) for (const p of ports) add(hostPort(String(ip), p.port), p);
      const clusterIP = str(svc, 'spec', 'clusterIP');
      return {
        service: name,
        type,
        clusterIP: clusterIP === 'None' ? undefined : clusterIP,
        serves,
        perInstance: inst !== null,
        dns: `${name}.${namespace}.${domainSuffix}`,
        ports,
        external: outside.map((o) => o.address),
        outside,
      };
    })
    .sort(
      (a, b) =>
        Number(a.perInstance) - Number(b.perInstance) || order(a.serves) - order(b.serves) || a.service.localeCompare(b.service),
    );
}

function servesText(e: ServiceEndpoint, t: Translate): string {
  switch (e.serves) {
    case 'ctr':
      return t('controller (leader)');
    case 'ctr-inner':
      return t('controllers, in-cluster traffic');
    case 'dn':
      return t('datanodes (load-balanced)');
    case 'cn':
      return t('compute nodes (load-balanced)');
    case 'other':
      return '';
    default:
      return t('instance {0}', e.serves);
  }
}

/** Markdown table of the endpoints (the "Connection info" view). */
export function endpointsMarkdown(endpoints: readonly ServiceEndpoint[], t: Translate = english, maxExternal = 4): string {
  if (endpoints.length === 0) return t('No Services.') + '\n';
  const rows = [
    `| ${t('Service')} | ${t('Serves')} | ${t('Type')} | ${t('Cluster IP : port')} | ${t('In-cluster DNS')} | ${t('From outside')} |`,
    '|---|---|---|---|---|---|',
  ];
  for (const e of endpoints) {
    const inner = e.ports
      .map((p) => `${e.clusterIP ? hostPort(e.clusterIP, p.port) : p.port}${p.name ? ` (${p.name})` : ''}`)
      .join('<br>');
    // Each outside address says which Service port it reaches: a NodePort number alone does not.
    const ext = e.outside.slice(0, maxExternal).map((o) => `\`${o.address}\` → ${outsidePortText(o, t)}`);
    if (e.outside.length > maxExternal) ext.push(t('+{0} more', e.outside.length - maxExternal));
    rows.push(
      `| \`${e.service}\` | ${servesText(e, t)} | ${e.type} | ${inner || '—'} | \`${e.dns}\` | ${ext.length > 0 ? ext.join('<br>') : '—'} |`,
    );
  }
  return rows.join('\n') + '\n';
}
