// A thin HTTP client over node:https using the kubeconfig's TLS and auth (client-node's
// applyToHTTPSOptions, which also runs exec-credential plugins). It returns raw JSON: the cache
// stores API objects exactly as the server sends them, and skips client-node's per-object
// deserialisation, which dominates list time at thousands of pods. Connections come from
// agents.ts: watches and requests in separate pools, the kubeconfig's proxy-url honoured.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { because, type Text } from '../i18n/text';
import { msg, verbatim } from '../i18n/translate';
import { fail, ok, type Failure, type Result } from '../result';
import { AgentPool, type PoolKind } from './agents';
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
  /** `operation` still to translate (spread `doing(msg('…'), …)` to set both). */
  readonly operationText?: Text;
}

export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T;
}

export interface WatchHandle {
  abort(): void;
}

export interface WatchOptions {
  /** Bounds the wait for response headers only. */
  readonly connectTimeoutMs?: number;
  /**
   * A watch that receives no byte for this long is taken for dead (a path that went silent
   * without a close, e.g. a NAT or proxy that dropped it) and ends with `silent: true`.
   */
  readonly silenceMs?: number;
  /** Runs when the server accepted the watch (response headers with status 200). */
  readonly onOpen?: () => void;
}

export interface WatchEnd {
  readonly status?: number;
  /** The connection went silent for `silenceMs`; the stream was abandoned, not closed by the server. */
  readonly silent?: boolean;
  readonly failure: ReturnType<typeof failureFromError>;
}

/** Default silence limit: the API server sends a bookmark at least every minute (and ListWatch asks for shorter watches). */
export const DEFAULT_WATCH_SILENCE_MS = 60_000;

/** A failure made here, with the caller's `operationText` so the edge can translate the operation. */
const tagged = (f: Failure, opts: RequestOptions): Failure =>
  opts.operationText ? { ...f, operationText: opts.operationText } : f;

export class KubeHttp {
  private readonly agents = new AgentPool();
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
    if (status < 200 || status >= 300) return fail(tagged(failureFromStatus(operation, status, text), opts));
    if (text.length === 0) return ok(undefined as T);
    try {
      return ok(JSON.parse(text) as T);
    } catch {
      return fail(
        tagged({ kind: 'internal', operation, ...because(msg('the server answered with something that is not JSON')) }, opts),
      );
    }
  }

  /** One request, whole body as text; failures only for transport problems. */
  async raw(path: string, opts: RequestOptions = {}): Promise<Result<{ status: number; text: string }>> {
    const operation = opts.operation ?? `${opts.method ?? 'GET'} ${path}`;
    let reqOpts: https.RequestOptions;
    try {
      reqOpts = await this.prepare(path, opts);
    } catch (e) {
      return fail(tagged(failureFromError(operation, e), opts));
    }
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    // A body always goes with its length: without it a DELETE's body is dropped and the next
    // request on the kept-alive connection is misread by the server.
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (payload !== undefined)
      (reqOpts.headers as Record<string, string | number>)['Content-Length'] = Buffer.byteLength(payload);
    return new Promise((resolve) => {
      let settled = false;
      const done = (r: Result<{ status: number; text: string }>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(r.ok ? r : fail(tagged(r.error, opts)));
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
        done(
          fail({
            kind: 'timeout',
            operation,
            ...because(msg('the API server did not answer within {0} s'), Math.round(timeoutMs / 1000)),
          }),
        );
      }, timeoutMs);
      const onAbort = (): void => {
        req.destroy();
        done(fail({ kind: 'cancelled', operation, ...because(msg('cancelled')) }));
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
   * WatchEnd when the stream broke, went silent or the server refused, or undefined on a normal close.
   * Bookmarks are always asked for, so a quiet but healthy watch still sees bytes.
   */
  watch<T>(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (e: WatchEvent<T>) => void,
    onDone: (err?: WatchEnd) => void,
    opts: WatchOptions = {},
  ): WatchHandle {
    const operation = verbatim(`watch ${path}`);
    const connectTimeoutMs = opts.connectTimeoutMs ?? this.defaultTimeoutMs;
    const silenceMs = opts.silenceMs ?? DEFAULT_WATCH_SILENCE_MS;
    let req: http.ClientRequest | undefined;
    let finished = false;
    let aborted = false;
    let silence: NodeJS.Timeout | undefined;
    const finish = (err?: WatchEnd): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(silence);
      if (!aborted) onDone(err);
    };
    const timer = setTimeout(() => {
      req?.destroy();
      finish({
        failure: {
          kind: 'timeout',
          operation,
          ...because(msg('the API server did not answer within {0} s'), Math.round(connectTimeoutMs / 1000)),
        },
      });
    }, connectTimeoutMs);
    const onSilence = (): void => {
      req?.destroy();
      finish({
        silent: true,
        failure: {
          kind: 'unreachable',
          operation,
          ...because(msg('the watch connection went silent for {0} s'), Math.round(silenceMs / 1000)),
        },
      });
    };
    this.prepare(path, { query: { ...query, watch: true, allowWatchBookmarks: true } }, 'watch')
      .then((reqOpts) => {
        if (aborted) return;
        req = this.transport().request(reqOpts, (res) => {
          clearTimeout(timer);
          // Refreshed on every chunk: only a stream that stopped moving altogether trips it.
          silence = setTimeout(onSilence, silenceMs);
          res.on('data', () => silence?.refresh());
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            if (status === 401) this.credentials.invalidate();
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              finish({ status, failure: failureFromStatus(operation, status, Buffer.concat(chunks).toString('utf8')) }),
            );
            return;
          }
          opts.onOpen?.();
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
          res.on('aborted', () =>
            finish({
              failure: { kind: 'unreachable', operation, ...because(msg('the watch connection was closed by the server')) },
            }),
          );
        });
        req.on('error', (e) => finish({ failure: failureFromError(operation, e) }));
        req.end();
      })
      .catch((e: unknown) => finish({ failure: failureFromError(operation, e) }));
    return {
      abort: () => {
        aborted = true;
        clearTimeout(timer);
        clearTimeout(silence);
        req?.destroy();
      },
    };
  }

  private transport(): typeof https | typeof http {
    return this.server.startsWith('http://') ? http : https;
  }

  private async prepare(path: string, opts: RequestOptions, pool: PoolKind = 'request'): Promise<https.RequestOptions> {
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
    // Replaces the agent client-node may have set: ours keeps connections alive and pooled.
    o.agent = this.agents.agentFor(pool, o, this.server, this.config.getCurrentCluster()?.proxyUrl || undefined);
    return o;
  }

  dispose(): void {
    this.agents.dispose();
  }
}
