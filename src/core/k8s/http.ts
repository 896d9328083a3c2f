// A thin HTTP client over node:https using the kubeconfig's TLS and auth (client-node's
// applyToHTTPSOptions, which also runs exec-credential plugins). It returns raw JSON: the cache
// stores API objects exactly as the server sends them, and skips client-node's per-object
// deserialisation, which dominates list time at thousands of pods.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { fail, ok, type Result } from '../result';
import { CredentialCache } from './credentials';
import { failureFromError, failureFromStatus } from './errors';

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Human description used in failures, e.g. "list pods in dolphindb". */
  readonly operation?: string;
}

export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

export interface WatchHandle {
  abort(): void;
}

export class KubeHttp {
  private readonly agentCache = new Map<string, http.Agent>();
  private readonly credentials: CredentialCache;

  constructor(
    readonly config: KubeConfig,
    private readonly defaultTimeoutMs = 15000,
  ) {
    this.credentials = new CredentialCache(config);
  }

  get server(): string {
    return this.config.getCurrentCluster()?.server ?? '';
  }

  async request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<Result<T>> {
    const operation = opts.operation ?? `${opts.method ?? 'GET'} ${path}`;
    const r = await this.raw(path, opts);
    if (!r.ok) return r;
    const { status, text } = r.value;
    if (status < 200 || status >= 300) return fail(failureFromStatus(operation, status, text));
    if (text.length === 0) return ok(undefined as T);
    try {
      return ok(JSON.parse(text) as T);
    } catch {
      return fail({ kind: 'internal', operation, reason: 'the server answered with something that is not JSON' });
    }
  }

  /** One request, whole body as text; failures only for transport problems. */
  async raw(path: string, opts: RequestOptions = {}): Promise<Result<{ status: number; text: string }>> {
    const operation = opts.operation ?? `${opts.method ?? 'GET'} ${path}`;
    let reqOpts: https.RequestOptions;
    try {
      reqOpts = await this.prepare(path, opts);
    } catch (e) {
      return fail(failureFromError(operation, e));
    }
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    // A body always goes with its length: without it a DELETE's body is dropped and the next
    // request on the kept-alive connection is misread by the server.
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (payload !== undefined) (reqOpts.headers as Record<string, string | number>)['Content-Length'] = Buffer.byteLength(payload);
    return new Promise((resolve) => {
      let settled = false;
      const done = (r: Result<{ status: number; text: string }>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const req = this.transport().request(reqOpts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        if (res.statusCode === 401) this.credentials.invalidate();
        res.on('end', () => done(ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
        res.on('error', (e) => done(fail(failureFromError(operation, e))));
      });
      const timer = setTimeout(() => {
        req.destroy();
        done(fail({ kind: 'timeout', operation, reason: `the API server did not answer within ${Math.round(timeoutMs / 1000)} s` }));
      }, timeoutMs);
      const onAbort = (): void => {
        req.destroy();
        done(fail({ kind: 'cancelled', operation, reason: 'cancelled' }));
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => done(fail(failureFromError(operation, e))));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /**
   * Starts a watch; events arrive one by one as the stream is read. `onDone` runs once, with a
   * Failure when the stream broke or the server refused, or undefined on a normal close.
   * `connectTimeoutMs` bounds the wait for response headers only.
   */
  watch<T>(path: string, query: Record<string, string | number | boolean | undefined>, onEvent: (e: WatchEvent<T>) => void, onDone: (err?: { status?: number; failure: ReturnType<typeof failureFromError> }) => void, connectTimeoutMs = this.defaultTimeoutMs): WatchHandle {
    const operation = `watch ${path}`;
    let req: http.ClientRequest | undefined;
    let finished = false;
    let aborted = false;
    const finish = (err?: { status?: number; failure: ReturnType<typeof failureFromError> }): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (!aborted) onDone(err);
    };
    const timer = setTimeout(() => {
      req?.destroy();
      finish({ failure: { kind: 'timeout', operation, reason: `the API server did not answer within ${Math.round(connectTimeoutMs / 1000)} s` } });
    }, connectTimeoutMs);
    this.prepare(path, { query: { ...query, watch: true, allowWatchBookmarks: true } })
      .then((reqOpts) => {
        if (aborted) return;
        req = this.transport().request(reqOpts, (res) => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            if (status === 401) this.credentials.invalidate();
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => finish({ status, failure: failureFromStatus(operation, status, Buffer.concat(chunks).toString('utf8')) }));
            return;
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              if (line.trim().length === 0) continue;
              let ev: WatchEvent<T>;
              try {
                ev = JSON.parse(line) as WatchEvent<T>;
              } catch {
                continue;
              }
              onEvent(ev);
            }
          });
          res.on('end', () => finish());
          res.on('error', (e) => finish({ failure: failureFromError(operation, e) }));
          res.on('aborted', () => finish({ failure: { kind: 'unreachable', operation, reason: 'the watch connection was closed by the server' } }));
        });
        req.on('error', (e) => finish({ failure: failureFromError(operation, e) }));
        req.end();
      })
      .catch((e: unknown) => finish({ failure: failureFromError(operation, e) }));
    return {
      abort: () => {
        aborted = true;
        clearTimeout(timer);
        req?.destroy();
      },
    };
  }

  private transport(): typeof https | typeof http {
    return this.server.startsWith('http://') ? http : https;
  }

  private async prepare(path: string, opts: RequestOptions): Promise<https.RequestOptions> {
    const base = new URL(this.server);
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const o: https.RequestOptions = {
      method: opts.method ?? 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      headers: { Accept: 'application/json', 'User-Agent': 'vscode-dolphindb-kubernetes' },
    };
    if (opts.body !== undefined) (o.headers as Record<string, string>)['Content-Type'] = opts.contentType ?? 'application/json';
    await this.credentials.apply(o);
    o.agent = this.agentFor(o);
    return o;
  }

  private agentFor(o: https.RequestOptions): http.Agent {
    // One keep-alive agent per TLS identity, so repeated requests reuse connections.
    const key = [o.hostname, o.port, String(o.ca ?? '').length, String(o.cert ?? '').length, o.rejectUnauthorized].join('|');
    let agent = this.agentCache.get(key);
    if (!agent) {
      agent = this.server.startsWith('http://')
        ? new http.Agent({ keepAlive: true, maxSockets: 16 })
        : new https.Agent({ keepAlive: true, maxSockets: 16, ca: o.ca, cert: o.cert, key: o.key, pfx: o.pfx, passphrase: o.passphrase, rejectUnauthorized: o.rejectUnauthorized, servername: o.servername });
      this.agentCache.set(key, agent);
    }
    return agent;
  }

  dispose(): void {
    for (const a of this.agentCache.values()) a.destroy();
    this.agentCache.clear();
  }
}
