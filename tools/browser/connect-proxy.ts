/**
 * An HTTP proxy that hands every CONNECT tunnel to the fixture HTTPS server, whatever host and port
 * it names: how Firefox, which has no --host-resolver-rules, reaches the fixture web under real
 * host names (network.proxy.ssl points at it).
 */
import {createServer, type Server} from 'node:http';
import type {Server as HttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';

export interface ConnectProxy {
  port: number;
  close(): Promise<void>;
}

export async function startConnectProxy(https: HttpsServer): Promise<ConnectProxy> {
  const proxy: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  proxy.on('connect', (_req, socket, head) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    // The TLS handshake and the request then reach the fixture server as if dialled directly.
    https.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      proxy.closeAllConnections();
      proxy.close(() => resolve());
    }),
  };
}
