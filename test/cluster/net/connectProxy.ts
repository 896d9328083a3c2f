// A small HTTP CONNECT proxy on loopback for the connectivity tests. It forwards for real: each
// CONNECT opens a TCP connection to the target and copies bytes both ways. It counts the tunnels
// it opened and records their targets, so a test can tell that a request went through it.
// `routes` maps a host name only the proxy knows to a real address, so a client that bypassed the
// proxy could not even resolve the server.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  readonly url: string;
  /** host:port of every tunnel opened, in order. */
  readonly targets: readonly string[];
  /** Tunnels currently open. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startConnectProxy(routes: Record<string, string> = {}): Promise<ConnectProxy> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  let open = 0;
  const server = http.createServer((_req, res) => {
    // Only tunnels: a plain proxied request would mean the client did not use CONNECT.
    res.writeHead(405).end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    targets.push(target);
    const sep = target.lastIndexOf(':');
    const host = target.slice(0, sep);
    const port = Number(target.slice(sep + 1));
    const upstream = net.connect({ host: routes[host] ?? host, port });
    sockets.add(client);
    sockets.add(upstream);
    open++;
    let counted = true;
    const end = (): void => {
      if (counted) open--;
      counted = false;
      client.destroy();
      upstream.destroy();
    };
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    upstream.on('error', () => {
      if (!client.destroyed && client.writable && upstream.connecting) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      end();
    });
    client.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    get open() {
      return open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
