// Findings from trying the hub as an attacker (issue 14): each test here failed before its fix. Hub only: raw
// sockets and timing no SDK would produce.
import type * as Ably from 'ably';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signAblyJwt } from '../token-service/sign-token.ts';
import { silentLogger } from '../lib/log.ts';
import { createHub } from './hub.ts';
import { clientPool, hubTarget, sleep, TEST_KEY, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

interface Frame {
  action?: number;
  msgSerial?: number;
  error?: { code?: number };
  messages?: { id?: string; data?: unknown }[];
}

/** A raw socket that records frames and resolves once CONNECTED arrives. */
async function rawSocket(port: number, query: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?${query}&format=json&v=6`);
  const frames: Frame[] = [];
  ws.on('message', (data) => void frames.push(JSON.parse(data.toString()) as Frame));
  ws.on('error', () => {});
  await waitFor(() => frames.some((f) => f.action === 4), 5000, 'CONNECTED');
  return { ws, frames };
}

describe('hub abuse findings', () => {
  let session: TargetSession;
  const pool = clientPool(() => session);
  beforeAll(async () => {
    session = await hubTarget.start();
  });
  afterEach(() => pool.closeAll());
  afterAll(() => session.teardown());

  it('does not let one publisher silence another by publishing its hub-assigned ids first', async () => {
    const name = uniqueChannel('chat:silence-');
    const agent = pool.realtime({ clientId: 'agent' });
    const reader = pool.realtime({ clientId: 'reader' });
    const got: Ably.InboundMessage[] = [];
    await reader.channels.get(name).subscribe((m) => void got.push(m));
    const channel = agent.channels.get(name);
    await channel.publish('m', 'first');
    await waitFor(() => got.length === 1, 5000, 'first message');
    // The attacker reads the agent's id (`<connectionId>:<msgSerial>:0`) and claims the next few serials.
    const [connectionId, serial] = (got[0]?.id ?? '').split(':');
    const attacker = pool.realtime({ clientId: 'attacker' });
    const stolen = [1, 2, 3].map((n) => ({ name: 'x', data: 'squatted', id: `${connectionId}:${Number(serial) + n}:0` }));
    await attacker.channels.get(name).publish(stolen);
    await channel.publish('m', 'second');
    await channel.publish('m', 'third');
    await waitFor(() => got.filter((m) => m.data === 'third').length === 1, 5000, 'the agent’s later messages');
    expect(got.filter((m) => m.clientId === 'agent').map((m) => m.data)).toEqual(['first', 'second', 'third']);
  });

  it('still treats client-supplied ids as idempotency keys', async () => {
    const name = uniqueChannel('chat:idem-');
    const rest = pool.rest();
    await rest.channels.get(name).publish({ id: 'client-chosen:0', name: 'm', data: 'one' });
    await rest.channels.get(name).publish({ id: 'client-chosen:0', name: 'm', data: 'two' });
    const page = await rest.channels.get(name).history();
    expect(page.items.map((m) => m.data)).toEqual(['one']);
  });

  it('handles no frame from a connection whose token expired, even while it stalls the closing handshake', async () => {
    const port = session.hub?.port ?? 0;
    const name = uniqueChannel('chat:expired-');
    // Issued 9 s ago for 10 s: expires about a second from now.
    const signed = await signAblyJwt(session.key, { clientId: 'late', capability: { '*': ['*'] }, ttlSeconds: 10 }, Date.now() - 9000);
    const { ws, frames } = await rawSocket(port, `access_token=${encodeURIComponent(signed.token)}`);
    ws.send(JSON.stringify({ action: 10, channel: name }));
    await waitFor(() => frames.some((f) => f.action === 11), 5000, 'ATTACHED');
    // The client stops reading, so it never answers the close; it keeps writing.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await sleep(Math.max(0, signed.expires - Date.now()) + 300);
    ws.send(JSON.stringify({ action: 15, channel: name, msgSerial: 0, messages: [{ name: 'm', data: 'after expiry' }] }));
    await sleep(300);
    const history = await pool.rest().channels.get(name).history();
    expect(history.items).toEqual([]);
    ws.terminate();
  });

  it('leaks no session when the socket closes while its token is being verified', async () => {
    const hub = createHub({ keys: [TEST_KEY], logger: silentLogger });
    const server = createServer();
    server.on('upgrade', (req, socket, head) => {
      hub.handleUpgrade(req, socket, head);
      // The upgrade completed synchronously and the hub now awaits the token check: drop the socket right here.
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const signed = await signAblyJwt({ keyName: 'test.hub', secret: 'testsecret' }, { clientId: 'gone', capability: { '*': ['*'] }, ttlSeconds: 60 });
    for (let i = 0; i < 5; i++) {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/?access_token=${encodeURIComponent(signed.token)}&format=json`);
      ws.on('error', () => {});
      await new Promise<void>((resolve) => ws.on('close', () => resolve()));
    }
    await sleep(200);
    expect(hub.stats().sessions).toBe(0);
    await hub.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
