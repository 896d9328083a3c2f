// Keep-alive agents for the list/watch client, one per (pool, TLS identity, proxy).
//
// Two pools: a watch holds its socket for minutes, so watches sharing the small request pool
// would starve ordinary requests into timeouts once a few namespaces are open (about seven
// watches each). Watches get their own, practically unbounded pool.
//
// The identity is keyed by a hash of the TLS material's content, not its length: a rotated
// client certificate of the same length must not keep using connections made with the old one.
//
// The kubeconfig's proxy-url is honoured the way client-node does it for logs, exec and
// port-forward (HTTP CONNECT through hpagent, SOCKS through socks-proxy-agent).
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { SocksProxyAgent } from 'socks-proxy-agent';

export type PoolKind = 'request' | 'watch';

/** Sockets per identity for ordinary requests (lists, gets, writes). */
export const REQUEST_SOCKETS = 16;
/** Sockets per identity for watches; each open watch needs one for as long as it runs. */
export const WATCH_SOCKETS = 512;

/** The request options that decide which connection a request may share. */
type TlsOptions = Pick<
  https.RequestOptions,
  'hostname' | 'port' | 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername'
>;

export function identityKey(pool: PoolKind, o: TlsOptions, proxyUrl: string | undefined): string {
  const h = createHash('sha256');
  const part = (v: unknown): void => {
    // Length-prefixed, so two fields can never run into each other.
    const b =
      v === undefined || v === null
        ? Buffer.alloc(0)
        : Buffer.isBuffer(v)
          ? v
          : Buffer.from(Array.isArray(v) ? v.map(String).join('\n') : String(v));
    h.update(`${b.length}:`);
    h.update(b);
  };
  for (const v of [o.hostname, o.port, o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername, proxyUrl])
    part(v);
  return `${pool}|${h.digest('hex')}`;
}

export function createAgent(pool: PoolKind, o: TlsOptions, server: string, proxyUrl: string | undefined): http.Agent {
  const sockets = pool === 'watch' ? WATCH_SOCKETS : REQUEST_SOCKETS;
  const plain = server.startsWith('http://');
  const base: http.AgentOptions = { keepAlive: true, maxSockets: sockets };
  const tls: https.AgentOptions = {
    ...base,
    ca: o.ca,
    cert: o.cert,
    key: o.key,
    pfx: o.pfx,
    passphrase: o.passphrase,
    rejectUnauthorized: o.rejectUnauthorized,
    servername: o.servername,
  };
  if (proxyUrl) {
    if (proxyUrl.startsWith('socks')) return new SocksProxyAgent(proxyUrl, plain ? base : tls);
    return plain ? new HttpProxyAgent({ ...base, proxy: proxyUrl }) : new HttpsProxyAgent({ ...tls, proxy: proxyUrl });
  }
  return plain ? new http.Agent(base) : new https.Agent(tls);
}

/**
 * The agents of one client. When an identity is replaced (a rotated certificate), the old
 * agents are retired: requests and watches already on them finish (a watch ends by its
 * timeoutSeconds), then their sockets are closed; new requests only use the new identity.
 */
export class AgentPool {
  private readonly live = new Map<string, http.Agent>();
  private readonly current = new Map<PoolKind, string>();
  private readonly retired = new Set<http.Agent>();

  agentFor(pool: PoolKind, o: TlsOptions, server: string, proxyUrl: string | undefined): http.Agent {
    this.sweep();
    const key = identityKey(pool, o, proxyUrl);
    let agent = this.live.get(key);
    if (!agent) {
      agent = createAgent(pool, o, server, proxyUrl);
      this.live.set(key, agent);
    }
    const before = this.current.get(pool);
    if (before !== undefined && before !== key) {
      const old = this.live.get(before);
      this.live.delete(before);
      if (old) this.retired.add(old);
    }
    this.current.set(pool, key);
    return agent;
  }

  /** Number of agents still open, retired ones included (tests watch retirement with it). */
  get size(): number {
    return this.live.size + this.retired.size;
  }

  dispose(): void {
    for (const a of this.live.values()) a.destroy();
    for (const a of this.retired) a.destroy();
    this.live.clear();
    this.retired.clear();
    this.current.clear();
  }

  private sweep(): void {
    for (const a of this.retired) {
      if (busy(a)) continue;
      a.destroy();
      this.retired.delete(a);
    }
  }
}

function busy(a: http.Agent): boolean {
  const some = (m: NodeJS.ReadOnlyDict<unknown[]>): boolean => Object.values(m).some((l) => (l?.length ?? 0) > 0);
  return some(a.sockets) || some(a.requests);
}
