// The token service over HTTP: local roster mode, visitor tokens (new and renewed), SSO header mode, CORS —
// and that its JWTs are accepted by the hub with the promised clientId, capability and role claim.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJwt } from '../realtime-hub/credentials.ts';
import { allows } from '../realtime-hub/capability.ts';
import { createLocalAuthenticator, createSsoAuthenticator } from './agent-identity.ts';
import { loadRoster } from './roster.ts';
import { createTokenService } from './token-service.ts';
import type { TokenServiceOptions } from './token-service.ts';

const key = { keyName: 'test.tokens', secret: 'tokensecret' };
const roster = loadRoster(new URL('./demo-roster.json', import.meta.url).pathname);

async function serve(options: Partial<TokenServiceOptions>): Promise<{ url: string; server: Server }> {
  const service = createTokenService({ key, mode: 'local', roster, authenticateAgent: createLocalAuthenticator(roster), ...options });
  const server = createServer((req, res) => {
    if (!service.handleRequest(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('token service, local mode', () => {
  let base: string;
  let server: Server;
  beforeAll(async () => {
    ({ url: base, server } = await serve({}));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('returns a bare JWT an authCallback can hand to ably-js, valid on the hub', async () => {
    const res = await fetch(`${base}/auth/agent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: 'mia' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwt');
    const token = await res.text();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', typ: 'JWT', kid: 'test.tokens' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ 'x-ably-clientId': 'mia', 'ably.channel.*': 'agent,listener,manager' });
    expect(typeof claims['x-ably-capability']).toBe('string');
    const verified = await verifyJwt(token, [key]);
    if (!verified.ok) throw new Error(verified.error.message);
    const cap = verified.principal.capability;
    // A manager reads every chat; writing needs the chat's log (no chat source here: none granted).
    expect(allows(cap, 'chat:42', 'subscribe')).toBe(true);
    expect(allows(cap, 'chat:42', 'publish')).toBe(false);
    expect(allows(cap, 'inbox:mia', 'subscribe')).toBe(true);
    expect(allows(cap, 'inbox:bob', 'subscribe')).toBe(false);
    expect(allows(cap, 'inbox:bob', 'publish')).toBe(true);
    expect(allows(cap, 'lobby', 'presence')).toBe(false);
  });

  it('answers JSON on request, refuses unknown agents with 403, lists the roster', async () => {
    const json = (await (await fetch(`${base}/auth/agent?agentId=lars&format=json`)).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ clientId: 'lars', role: 'can-listen-in' });
    expect(typeof json['token']).toBe('string');
    expect((await fetch(`${base}/auth/agent?agentId=mallory`)).status).toBe(403);
    const agents = (await (await fetch(`${base}/auth/agents`)).json()) as { id: string }[];
    expect(agents.map((a) => a.id)).toContain('alice');
  });

  it('gives a visitor its own chat only, and renews the same chat with the previous token', async () => {
    const first = await fetch(`${base}/auth/visitor?format=json`, { method: 'POST' });
    const body = (await first.json()) as { token: string; chatId: string; clientId: string };
    expect(body.clientId).toBe(`visitor:${body.chatId}`);
    const verified = await verifyJwt(body.token, [key]);
    if (!verified.ok) throw new Error('visitor token');
    const cap = verified.principal.capability;
    expect(allows(cap, `chat:${body.chatId}`, 'history')).toBe(true);
    expect(allows(cap, 'chat:someone-else', 'subscribe')).toBe(false);
    expect(allows(cap, 'lobby', 'presence')).toBe(true);
    expect(allows(cap, 'lobby', 'subscribe')).toBe(false);
    expect(verified.principal.channelClaims.get('*')).toBe('visitor');

    const renewed = await fetch(`${base}/auth/visitor`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(renewed.headers.get('x-baton-chat-id')).toBe(body.chatId);
    const other = await fetch(`${base}/auth/visitor`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(other.headers.get('x-baton-chat-id')).not.toBe(body.chatId);
  });

  it('allows extension origins for agents, any origin for visitors', async () => {
    const ext = await fetch(`${base}/auth/agent`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnop', 'access-control-request-method': 'POST' } });
    expect(ext.status).toBe(204);
    expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    const site = await fetch(`${base}/auth/agent?agentId=alice`, { headers: { origin: 'https://evil.example' } });
    expect(site.headers.get('access-control-allow-origin')).toBeNull();
    const widget = await fetch(`${base}/auth/visitor`, { headers: { origin: 'https://shop.example' } });
    expect(widget.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});

describe('token service, SSO mode', () => {
  let base: string;
  let server: Server;
  beforeAll(async () => {
    ({ url: base, server } = await serve({
      mode: 'sso',
      authenticateAgent: createSsoAuthenticator({ proxySecret: 'from-proxy', roleGroups: { manager: 'support-leads' } }, roster),
    }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('trusts the proxy header only with the proxy secret, and maps groups to roles', async () => {
    const headers = { 'x-forwarded-user': 'erik@example.com', 'x-forwarded-groups': 'staff, support-leads', 'x-baton-proxy-secret': 'from-proxy' };
    const ok = (await (await fetch(`${base}/auth/agent?format=json`, { headers })).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ clientId: 'erik@example.com', role: 'manager' });
    const spoofed = await fetch(`${base}/auth/agent`, { headers: { 'x-forwarded-user': 'erik@example.com' } });
    expect(spoofed.status).toBe(401);
    expect((await fetch(`${base}/auth/agents`)).status).toBe(404);
  });
});
