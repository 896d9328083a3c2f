// A loopback TCP relay between a client and the API server, to test dead connections. While
// forwarding it copies bytes both ways. `freeze()` makes every open connection a black hole:
// the sockets stay open, nothing is forwarded or closed, like a NAT entry or a proxy that died
// silently. Connections opened while frozen are held the same way. `thaw()` lets new
// connections through again; the frozen ones stay dead (their path is gone for good).
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpRelay {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Frozen connections the client has given up on (closed its end). */
  readonly abandoned: number;
  /** When the relay last passed bytes to a client (ms since the epoch): a silence starts there. */
  readonly lastDeliveredAt: number;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  let frozen = false;
  let accepted = 0;
  let abandoned = 0;
  let lastDeliveredAt = 0;
  const live = new Set<{ client: net.Socket; upstream?: net.Socket; dead: boolean }>();
  const server = net.createServer((client) => {
    accepted++;
    const c: { client: net.Socket; upstream?: net.Socket; dead: boolean } = { client, dead: frozen };
    live.add(c);
    client.on('error', () => undefined);
    client.on('close', () => {
      if (c.dead) abandoned++;
      c.upstream?.destroy();
      live.delete(c);
    });
    // Bytes that reach a dead connection are swallowed, never answered.
    client.on('data', (b) => {
      if (!c.dead) c.upstream?.write(b);
    });
    if (c.dead) return;
    const upstream = net.connect(target);
    c.upstream = upstream;
    upstream.on('data', (b) => {
      if (c.dead) return;
      lastDeliveredAt = Date.now();
      client.write(b);
    });
    upstream.on('error', () => undefined);
    // A dead path does not pass the server's close on either.
    upstream.on('close', () => {
      if (!c.dead) client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return accepted;
    },
    get abandoned() {
      return abandoned;
    },
    get lastDeliveredAt() {
      return lastDeliveredAt;
    },
    freeze: () => {
      frozen = true;
      for (const c of live) c.dead = true;
    },
    thaw: () => {
      frozen = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of live) {
          c.client.destroy();
          c.upstream?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
