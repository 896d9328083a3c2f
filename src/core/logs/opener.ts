// Opens one container log request through @kubernetes/client-node's Log and reports how the
// response ended. Log pipes the response body into our Writable, which ends it on a clean end
// but not when the connection breaks (pipe ignores source errors); the Writable's 'pipe' event
// hands us the body, so its 'error'/'close' are watched too and a broken stream never goes
// unnoticed.
import { Writable } from 'node:stream';
import { Log, type KubeConfig } from '@kubernetes/client-node';

export interface LogRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly follow: boolean;
  readonly timestamps: boolean;
  readonly previous?: boolean;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly sinceTime?: string;
}

export interface LogHandlers {
  /** Called per chunk, in order, synchronously with the stream. */
  readonly data: (chunk: Buffer) => void;
  /** Called once: `broken` is set when the connection failed rather than ended. */
  readonly end: (broken?: Error) => void;
}

export interface OpenedLog {
  abort(): void;
}

/** Thrown (rejected) when the API server refused the request; `status` is its HTTP code. */
export class LogRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type LogOpener = (req: LogRequest, handlers: LogHandlers) => Promise<OpenedLog>;

/** Bytes handled per event-loop turn before yielding (≈ 1,000 DolphinDB log lines). */
const YIELD_BYTES = 128 * 1024;

export function clientNodeLogOpener(config: KubeConfig): LogOpener {
  const log = new Log(config);
  return async (req, handlers) => {
    let done = false;
    const finish = (broken?: Error): void => {
      if (done) return;
      done = true;
      handlers.end(broken);
    };
    // The response is piped through node-fetch's streams into this Writable synchronously: after
    // a stall, everything the socket buffered would be parsed in one event-loop turn. Completing
    // a write only on the next turn once `YIELD_BYTES` were handled makes later chunks wait in
    // the Writable's buffer (up to its highWaterMark, then the pipe pauses the socket), so each
    // turn handles a bounded slice and the editor's other work runs in between.
    let sinceYield = 0;
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _enc, cb) {
        if (!done) handlers.data(chunk);
        sinceYield += chunk.length;
        if (sinceYield < YIELD_BYTES) return cb();
        sinceYield = 0;
        setImmediate(cb);
      },
    });
    sink.on('pipe', (src: NodeJS.ReadableStream) => {
      let srcEnded = false;
      src.once('end', () => (srcEnded = true));
      src.once('error', (e: Error) => finish(e));
      src.once('close', () => {
        if (!srcEnded) finish(new Error('the log connection closed before the end of the stream'));
      });
    });
    sink.once('finish', () => finish());
    let controller: AbortController;
    try {
      controller = await log.log(req.namespace, req.pod, req.container, sink, {
        follow: req.follow,
        timestamps: req.timestamps,
        previous: req.previous,
        tailLines: req.tailLines,
        sinceSeconds: req.sinceSeconds,
        sinceTime: req.sinceTime,
      });
    } catch (e) {
      done = true;
      const err = e as { code?: unknown; message?: string };
      throw new LogRequestError(typeof err.code === 'number' ? err.code : 500, err.message ?? String(e));
    }
    return {
      abort: () => {
        done = true;
        controller.abort();
      },
    };
  };
}
