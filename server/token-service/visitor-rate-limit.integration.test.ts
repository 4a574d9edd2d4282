// The per-IP visitor limit over real HTTP: a 429 that ably-js and the widget treat as an error, with Retry-After,
// while a visitor who already has a chat can still renew its token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalAuthenticator } from './agent-identity.ts';
import { createTokenService } from './token-service.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const service = createTokenService({
    key: { keyName: 'test.limit', secret: 'limitsecret' },
    mode: 'local',
    authenticateAgent: createLocalAuthenticator([]),
    // Every request counted as one outside address, as a proxy-aware deployment would see it.
    visitorRateLimit: { newChatsPerMinute: 2, requestsPerMinute: 10, clientAddress: () => '203.0.113.50' },
  });
  server = createServer((req, res) => {
    if (!service.handleRequest(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('refuses a third new chat a minute from one address with 429, and still renews an existing chat', async () => {
  const first = await fetch(`${base}/auth/visitor`);
  expect(first.status).toBe(200);
  const token = await first.text();
  expect((await fetch(`${base}/auth/visitor`)).status).toBe(200);
  const refused = await fetch(`${base}/auth/visitor`, { headers: { origin: 'https://shop.example' } });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(refused.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(42910);
  const renewed = await fetch(`${base}/auth/visitor`, { headers: { authorization: `Bearer ${token}` } });
  expect(renewed.status).toBe(200);
  expect(renewed.headers.get('x-baton-chat-id')).toBe(first.headers.get('x-baton-chat-id'));
});
