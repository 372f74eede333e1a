/** Loopback HTTPS server answering for every host name the browser maps to it (sites and CDNs). */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface Route {
  type: string;
  body: Buffer | string;
}

/** A throwaway self-signed certificate (Debian's openssl); Chromium runs with --ignore-certificate-errors. */
function selfSigned(): {key: Buffer; cert: Buffer} {
  const dir = mkdtempSync(join(tmpdir(), 'cliche-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=cliche-e2e',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {stdio: 'ignore'});
  return {key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))};
}

export interface FixtureServer {
  port: number;
  /** Every request as "host/path", in order: tests assert which image variant was fetched. */
  requests: string[];
  /** The node server itself, for front ends such as the CONNECT proxy Firefox goes through. */
  server: Server;
  close(): Promise<void>;
}

/** routes: "host/path" -> response. */
export async function startServer(routes: Map<string, Route>): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer(selfSigned(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const key = `${host}${(req.url ?? '/').split('?')[0]}`;
    requests.push(key);
    const route = routes.get(key);
    if (!route) {
      res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
      return;
    }
    res.writeHead(200, {'content-type': route.type, 'cache-control': 'no-store'}).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    server,
    close: () => new Promise((resolve) => {
      server.closeAllConnections(); // keep-alive tunnels would otherwise hold close() open
      server.close(() => resolve());
    }),
  };
}
