// Starts a hub on its own http.Server (port 0 = any free port): for tests, the bench and embedding.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { closeServer, listenOn } from '../lib/listen.ts';
import { createHub } from './hub.ts';
import type { Hub, HubOptions } from './hub.ts';

export interface RunningHub {
  hub: Hub;
  server: Server;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function listenHub(options: HubOptions & { port?: number; host?: string }): Promise<RunningHub> {
  const hub = createHub(options);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    if (!hub.handleRequest(req, res)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const port = await listenOn(server, options.port ?? 0, host);
  return {
    hub,
    server,
    port,
    host,
    async close() {
      await hub.close();
      await closeServer(server);
    },
  };
}
