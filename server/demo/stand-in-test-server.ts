import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoRequestHandler } from './index.ts';

/**
 * For tests: the demo CRM alone on a loopback port, and the cookie its shell page signs a browser in with (the
 * SuperOffice stand-in's XSRF token). `tenant` is the web client's root, `…/crm/`.
 */
export async function startStandIn(): Promise<{ tenant: string; cookie: string; close(): Promise<void> }> {
  const handler = createDemoRequestHandler();
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tenant = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/`;
  const cookie = ((await fetch(`${tenant}default.aspx?person.main?person_id=1`)).headers.get('set-cookie') ?? '').split(';')[0]!;
  return { tenant, cookie, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
