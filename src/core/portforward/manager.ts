// Local port-forwards to pods and Services (`kubectl port-forward` without kubectl). Each forward
// listens on loopback and opens one tunnel per accepted connection to the pod that backs the
// target *now*: the pod (for a Service: its selector's ready pod) is watched, so when it restarts
// or is recreated the open connections are closed (clients reconnect) and new ones reach the new
// pod — kubectl instead dies with the old pod.
import * as net from 'node:net';
import type { InformerHub } from '../k8s/hub';
import type { KubeHttp } from '../k8s/http';
import { ListWatch } from '../k8s/listWatch';
import { KINDS, type KubeObject } from '../k8s/resources';
import { rec } from '../explorer/objects';
import { english, type Translate } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { clientNodeTunnelOpener, type Tunnel, type TunnelOpener } from './connector';
import { resolvePod, resolveService, selectorString, servicePort, type Backend, type Resolution } from './resolve';
import type { ForwardEvent, ForwardInfo, ForwardSpec, ForwardState } from './types';
import { DisposableStore, Emitter, type Disposable } from '../util/disposables';

export interface PortForwardManagerOptions {
  readonly t?: Translate;
  /** Share pod/Service watches with the explorer. */
  readonly hub?: InformerHub;
  /** For tests: how a tunnel is opened (default: client-node's PortForward). */
  readonly opener?: TunnelOpener;
}

interface Conn {
  readonly socket: net.Socket;
  readonly uid: string;
  tunnel?: Tunnel;
}

interface Watched {
  readonly cache: ListWatch;
  readonly release: () => void;
}

class ActiveForward {
  readonly conns = new Set<Conn>();
  state: ForwardState = 'ready';
  backend: Backend | undefined;
  total = 0;
  reestablished = 0;
  lastError: string | undefined;
  failing = false;
  pods: Watched | undefined;
  podSelector = '';
  podSub: Disposable | undefined;
  service: Watched | undefined;
  readonly subs = new DisposableStore();
  server: net.Server | undefined;
  localPort = 0;

  constructor(
    readonly id: string,
    readonly spec: ForwardSpec,
    readonly address: string,
  ) {}

  info(): ForwardInfo {
    const tgt = this.spec.target;
    const label = this.spec.label ?? `${tgt.kind === 'service' ? 'svc/' : ''}${tgt.name}:${tgt.port}`;
    return {
      id: this.id,
      label,
      target: tgt,
      address: this.address,
      localPort: this.localPort,
      url: `http://${this.address.includes(':') ? `[${this.address}]` : this.address}:${this.localPort}${this.spec.urlPath ?? ''}`,
      state: this.state,
      pod: this.backend?.pod,
      podPort: this.backend?.port,
      openConnections: this.conns.size,
      totalConnections: this.total,
      reestablished: this.reestablished,
      lastError: this.lastError,
      failing: this.failing,
    };
  }
}

export class PortForwardManager {
  private readonly forwards = new Map<string, ActiveForward>();
  private readonly listeners = new Emitter<ForwardEvent>();
  private readonly t: Translate;
  private readonly opener: TunnelOpener;
  private seq = 0;

  constructor(
    private readonly http: KubeHttp,
    private readonly opts: PortForwardManagerOptions = {},
  ) {
    this.t = opts.t ?? english;
    this.opener = opts.opener ?? clientNodeTunnelOpener(http.config);
  }

  onEvent(cb: (e: ForwardEvent) => void): Disposable {
    return this.listeners.event(cb);
  }

  list(): ForwardInfo[] {
    return [...this.forwards.values()].map((f) => f.info());
  }

  get(id: string): ForwardInfo | undefined {
    return this.forwards.get(id)?.info();
  }

  /** Resolves the target, listens locally, and returns the forward; Failures say what to change. */
  async start(spec: ForwardSpec): Promise<Result<ForwardInfo>> {
    const tgt = spec.target;
    const address = spec.address ?? '127.0.0.1';
    const operation = this.t(
      'forward a local port to {0}/{1} port {2}',
      tgt.namespace,
      `${tgt.kind === 'service' ? 'svc/' : ''}${tgt.name}`,
      String(tgt.port),
    );
    if (address !== '127.0.0.1' && address !== '::1' && address !== 'localhost') {
      return fail({
        kind: 'invalid',
        operation,
        reason: this.t('only loopback addresses are allowed; forwarding on {0} would expose the cluster to the network', address),
      });
    }
    const f = new ActiveForward(`pf-${++this.seq}`, spec, address);
    const watched = await this.watchTarget(f);
    if (!watched.ok) {
      this.teardown(f);
      return fail({ ...watched.error, operation });
    }
    const r = this.resolve(f);
    if (!r.ok) {
      this.teardown(f);
      return fail({ kind: 'notFound', operation, reason: r.reason });
    }
    f.backend = r.backend;
    const listening = await this.listen(f, spec.localPort ?? 0, operation);
    if (!listening.ok) {
      this.teardown(f);
      return listening;
    }
    this.forwards.set(f.id, f);
    this.emit({ type: 'started', info: f.info() });
    return ok(f.info());
  }

  stop(id: string): boolean {
    const f = this.forwards.get(id);
    if (!f) return false;
    this.forwards.delete(id);
    this.teardown(f);
    this.emit({ type: 'stopped', info: f.info() });
    return true;
  }

  stopAll(): void {
    for (const id of [...this.forwards.keys()]) this.stop(id);
  }

  dispose(): void {
    this.stopAll();
    this.listeners.dispose();
  }

  // ---- watching the target ---------------------------------------------------------------

  private watch(
    kind: typeof KINDS.pod | typeof KINDS.service,
    namespace: string,
    sel: { labelSelector?: string; fieldSelector?: string },
  ): Watched {
    if (this.opts.hub) {
      const lease = this.opts.hub.acquire(kind, { namespace, ...sel });
      return { cache: lease.cache, release: () => lease.release() };
    }
    const lw = new ListWatch(this.http, kind, { namespace, ...sel });
    lw.start();
    return { cache: lw, release: () => lw.stop() };
  }

  private async watchTarget(f: ActiveForward): Promise<Result<void>> {
    const tgt = f.spec.target;
    try {
      if (tgt.kind === 'pod') {
        f.pods = this.watch(KINDS.pod, tgt.namespace, { fieldSelector: `metadata.name=${tgt.name}` });
        await f.pods.cache.waitForSync();
      } else {
        f.service = this.watch(KINDS.service, tgt.namespace, { fieldSelector: `metadata.name=${tgt.name}` });
        await f.service.cache.waitForSync();
        const svc = f.service.cache.get(tgt.name, tgt.namespace);
        if (!svc)
          return fail({
            kind: 'notFound',
            operation: '',
            reason: this.t('Service {0} does not exist in namespace {1}', tgt.name, tgt.namespace),
          });
        const sp = servicePort(svc, tgt.port, this.t);
        if (!sp.ok) return fail({ kind: 'invalid', operation: '', reason: sp.reason });
        await this.watchServicePods(f, svc);
        f.subs.add(f.service.cache.onChange(() => void this.onServiceChange(f)));
      }
    } catch (e) {
      const failure = e as Failure;
      return fail({ kind: failure.kind ?? 'internal', operation: '', reason: failure.reason ?? String(e) });
    }
    f.podSub = (f.pods as Watched).cache.onChange(() => this.onPodsChange(f));
    return ok(undefined);
  }

  /** (Re)watches the pods of the Service's current selector. */
  private async watchServicePods(f: ActiveForward, svc: KubeObject): Promise<void> {
    const selector = selectorString(rec(svc, 'spec', 'selector'));
    if (f.pods && selector === f.podSelector) return;
    const old = f.pods;
    f.podSelector = selector;
    // An empty selector matches nothing here; watch nothing rather than every pod.
    f.pods = this.watch(KINDS.pod, f.spec.target.namespace, { labelSelector: selector || 'ddb.invalid/no-selector=none' });
    await f.pods.cache.waitForSync();
    old?.release();
  }

  private async onServiceChange(f: ActiveForward): Promise<void> {
    const svc = f.service?.cache.get(f.spec.target.name, f.spec.target.namespace);
    if (svc && selectorString(rec(svc, 'spec', 'selector')) !== f.podSelector) {
      // The selector moved (e.g. `ddb-<name>-ctr` follows the new leader): watch the new pods.
      const before = f.pods;
      try {
        await this.watchServicePods(f, svc);
      } catch {
        /* the pod watch retries by itself; the next change resolves again */
      }
      if (f.pods !== before) {
        f.podSub?.dispose();
        f.podSub = (f.pods as Watched).cache.onChange(() => this.onPodsChange(f));
      }
    }
    this.onPodsChange(f);
  }

  private resolve(f: ActiveForward): Resolution {
    const tgt = f.spec.target;
    if (tgt.kind === 'pod') return resolvePod(f.pods?.cache.get(tgt.name, tgt.namespace), tgt.port, tgt.name, this.t);
    return resolveService(
      f.service?.cache.get(tgt.name, tgt.namespace),
      f.pods?.cache.values() ?? [],
      tgt.port,
      tgt.name,
      this.t,
    );
  }

  /** Follows the backing pod: close connections to a pod that went away, report the new one. */
  private onPodsChange(f: ActiveForward): void {
    if (!this.forwards.has(f.id)) return;
    const r = this.resolve(f);
    const next = r.ok ? r.backend : undefined;
    const prev = f.backend;
    if (next && prev && next.uid === prev.uid && next.port === prev.port) return;
    for (const c of f.conns) if (!next || c.uid !== next.uid) this.closeConn(f, c);
    f.backend = next;
    if (!next) {
      if (f.state !== 'waiting') {
        f.state = 'waiting';
        this.emit({ type: 'waiting', info: f.info(), message: r.ok ? '' : r.reason });
      }
      return;
    }
    const wasWaiting = f.state === 'waiting' || (prev !== undefined && prev.uid !== next.uid);
    f.state = 'ready';
    if (wasWaiting) {
      f.reestablished++;
      this.emit({
        type: 'reestablished',
        info: f.info(),
        message: this.t('forwarding to pod {0} port {1}', next.pod, next.port),
      });
    }
  }

  // ---- the local side --------------------------------------------------------------------

  private listen(f: ActiveForward, port: number, operation: string): Promise<Result<ForwardInfo>> {
    return new Promise((resolve) => {
      const server = net.createServer((socket) => this.accept(f, socket));
      const onError = (e: NodeJS.ErrnoException): void => {
        server.close();
        if (e.code === 'EADDRINUSE')
          resolve(
            fail({
              kind: 'conflict',
              operation,
              reason: this.t(
                'local port {0} on {1} is already in use; choose another port or 0 for any free port',
                port,
                f.address,
              ),
            }),
          );
        else if (e.code === 'EACCES')
          resolve(
            fail({
              kind: 'forbidden',
              operation,
              reason: this.t('local port {0} needs administrator rights; choose a port above 1023', port),
            }),
          );
        else resolve(fail({ kind: 'internal', operation, reason: e.message }));
      };
      server.once('error', onError);
      server.listen({ host: f.address, port, exclusive: true }, () => {
        server.off('error', onError);
        server.on('error', (e) => {
          f.lastError = e.message;
          this.emit({ type: 'error', info: f.info(), message: e.message });
        });
        f.server = server;
        const addr = server.address();
        f.localPort = typeof addr === 'object' && addr ? addr.port : port;
        resolve(ok(f.info()));
      });
    });
  }

  private accept(f: ActiveForward, socket: net.Socket): void {
    socket.on('error', () => undefined); // a reset by either side is normal; close handles cleanup
    const backend = f.backend;
    if (!backend || !this.forwards.has(f.id)) {
      socket.destroy();
      return;
    }
    const conn: Conn = { socket, uid: backend.uid };
    f.conns.add(conn);
    f.total++;
    socket.once('close', () => {
      f.conns.delete(conn);
      conn.tunnel?.close();
    });
    const tgt = f.spec.target;
    this.opener({ namespace: tgt.namespace, pod: backend.pod, port: backend.port }, socket, {
      error: (message) => {
        f.lastError = message;
        f.failing = true;
        this.emit({ type: 'error', info: f.info(), message });
      },
      closed: () => socket.end(),
    }).then(
      (tunnel) => {
        if (socket.destroyed) tunnel.close();
        else conn.tunnel = tunnel;
        if (f.failing) {
          f.failing = false;
          this.emit({ type: 'recovered', info: f.info() });
        }
      },
      (e: unknown) => {
        f.lastError = e instanceof Error ? e.message : String(e);
        f.failing = true;
        this.emit({
          type: 'error',
          info: f.info(),
          message: this.t('cannot open the tunnel to pod {0}: {1}', backend.pod, f.lastError),
        });
        socket.destroy();
      },
    );
  }

  private closeConn(f: ActiveForward, c: Conn): void {
    f.conns.delete(c);
    c.tunnel?.close();
    c.socket.destroy();
  }

  private teardown(f: ActiveForward): void {
    f.subs.dispose();
    f.podSub?.dispose();
    for (const c of [...f.conns]) this.closeConn(f, c);
    f.server?.close();
    f.server = undefined;
    f.pods?.release();
    f.service?.release();
  }

  private emit(e: ForwardEvent): void {
    this.listeners.fire(e);
  }
}
