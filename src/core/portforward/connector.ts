// One tunnelled TCP connection: a local socket joined to a pod port through the API server
// (client-node's PortForward, one WebSocket per connection, as kubectl does with streams).
import type * as net from 'node:net';
import { Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';

export interface Tunnel {
  close(): void;
}

export type TunnelOpener = (
  req: { namespace: string; pod: string; port: number },
  socket: net.Socket,
  handlers: { error: (message: string) => void; closed: () => void },
) => Promise<Tunnel>;

export function clientNodeTunnelOpener(config: KubeConfig): TunnelOpener {
  // disconnectOnErr: an error on the port's error stream (e.g. connection refused in the pod)
  // closes the WebSocket, which closes the local socket: the client sees the failure.
  const pf = new PortForward(config, true);
  return async (req, socket, h) => {
    const errors = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const text = chunk.toString('utf8').trim();
        if (text) h.error(text);
        cb();
      },
    });
    const ws = await pf.portForward(req.namespace, req.pod, [req.port], socket, errors, socket);
    if (typeof ws === 'function') throw new Error('unexpected restartable port-forward handle');
    ws.on('close', () => h.closed());
    ws.on('error', (e: Error) => h.error(e.message));
    return { close: () => ws.close() };
  };
}
