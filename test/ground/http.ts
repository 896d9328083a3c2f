// Minimal HTTPS client for health probes and API calls against the ground (no kubectl startup cost).
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';

export interface TlsClient {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface HttpResult {
  status: number;
  body: string;
}

export function request(
  url: string,
  tls: TlsClient,
  opts: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const options: https.RequestOptions = {
      method: opts.method ?? 'GET',
      ca: tls.ca ? fs.readFileSync(tls.ca) : undefined,
      cert: tls.cert ? fs.readFileSync(tls.cert) : undefined,
      key: tls.key ? fs.readFileSync(tls.key) : undefined,
      rejectUnauthorized: !!tls.ca,
      headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
      timeout: opts.timeoutMs ?? 5000,
      agent: false,
    };
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const req = url.startsWith('http:') ? http.request(url, options, onResponse) : https.request(url, options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** GET that never throws: status 0 on connection errors. */
export async function probe(url: string, tls: TlsClient, timeoutMs = 2000): Promise<HttpResult> {
  try {
    return await request(url, tls, { timeoutMs });
  } catch (e) {
    return { status: 0, body: String(e) };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls check() until it returns true; throws with the last detail after timeoutMs, or at once if check() throws. */
export async function waitFor(
  what: string,
  check: () => Promise<true | string>,
  timeoutMs: number,
  everyMs = 150,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const r = await check();
    if (r === true) return;
    last = r;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${last.slice(0, 500)}`);
    await sleep(everyMs);
  }
}
