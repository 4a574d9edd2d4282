// A TCP proxy that can cut every connection at once (as a NAT box or a flaky Wi-Fi would) and refuse new ones,
// to prove resume (RTN15) and the presence drop timer against a real ably-js client.
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DropProxy {
  port: number;
  /** Destroys every proxied connection in both directions. */
  cutAll(): void;
  /** While refusing, new connections are closed at once. */
  setRefusing(refusing: boolean): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startDropProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<DropProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  const server: Server = createServer((downstream) => {
    if (refusing) return void downstream.destroy();
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [downstream, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    cutAll() {
      for (const [down, up] of pairs) {
        down.resetAndDestroy();
        up.resetAndDestroy();
      }
      pairs.clear();
    },
    setRefusing(value) {
      refusing = value;
    },
    connections: () => pairs.size,
    close() {
      for (const [down, up] of pairs) {
        down.destroy();
        up.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
