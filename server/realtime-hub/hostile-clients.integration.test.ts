// Garbage frames, forged identity and oversized frames hurt only the client that sends them. Hub only: these
// are raw WebSocket frames no SDK would send.
import type * as Ably from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signAblyJwt } from '../token-service/sign-token.ts';
import { visitorCapability, visitorClientId } from '../token-service/capabilities.ts';
import { clientPool, hubTarget, TEST_KEY, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

interface RawResult {
  frames: { action?: number; error?: { code?: number } }[];
  closed: boolean;
}

/** Opens a raw socket, sends `payloads` after CONNECTED, and collects what comes back until it closes. */
async function rawClient(port: number, payloads: (string | Buffer)[], query = `key=${encodeURIComponent(TEST_KEY)}&format=json&v=6`): Promise<RawResult> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?${query}`);
  const result: RawResult = { frames: [], closed: false };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 2000);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { action?: number };
      result.frames.push(frame);
      if (frame.action === 4) for (const p of payloads) ws.send(p);
    });
    ws.on('close', () => {
      result.closed = true;
      clearTimeout(timer);
      resolve();
    });
    ws.on('error', () => {});
  });
  return result;
}

describe('hostile clients (hub)', () => {
  let session: TargetSession;
  const pool = clientPool(() => session);
  beforeAll(async () => {
    session = await hubTarget.start({ maxFrameSize: 200_000 });
  });
  afterEach(() => pool.closeAll());
  afterAll(() => session.teardown());

  it('answers garbage with ERROR and closes only that socket while a chat goes on', async () => {
    const port = session.hub?.port ?? 0;
    const name = uniqueChannel('chat:calm-');
    const a = pool.realtime({ clientId: 'a' });
    const b = pool.realtime({ clientId: 'b' });
    const got: Ably.InboundMessage[] = [];
    await b.channels.get(name).subscribe((m) => void got.push(m));

    const garbage = ['not json', '{"action":"15"}', '[1,2,3]', '{"action":15,"messages":"nope","msgSerial":0}', '{"action":10,"channel":{"x":1}}', Buffer.from([1, 2, 3])];
    const results = await Promise.all(garbage.map((g) => rawClient(port, [g])));
    for (const r of results) {
      expect(r.closed).toBe(true);
      expect(r.frames.at(-1)).toMatchObject({ action: 9, error: { code: 40000 } });
    }
    const oversized = await rawClient(port, ['x'.repeat(300_000)]);
    expect(oversized.closed).toBe(true);
    const badFormat = await rawClient(port, [], `key=${encodeURIComponent(TEST_KEY)}&format=msgpack`);
    expect(badFormat.frames[0]).toMatchObject({ action: 9, error: { code: 40000 } });
    const badKey = await rawClient(port, [], 'key=test.hub:wrong&format=json');
    expect(badKey.frames[0]).toMatchObject({ action: 9, error: { code: 40101 } });

    for (let n = 0; n < 5; n++) await a.channels.get(name).publish('m', { n });
    await waitFor(() => got.length === 5, 5000, 'the chat to go on');
    expect(a.connection.state).toBe('connected');
    expect(b.connection.state).toBe('connected');
  });

  it('replaces a forged extras.userClaim with the token claim, and refuses a forged clientId', async () => {
    const name = `chat:${uniqueChannel('forge')}`;
    const chatId = name.slice('chat:'.length);
    const key = session.key;
    const visitor = pool.realtime({
      authCallback: (_p, cb) => {
        signAblyJwt(key, { clientId: visitorClientId(chatId), capability: visitorCapability(chatId), channelClaims: { '*': 'visitor' }, ttlSeconds: 600 }).then(
          (s) => cb(null, s.token),
          (e: unknown) => cb(String(e), null),
        );
      },
    });
    const agent = pool.realtime({ clientId: 'agent' });
    const got: Ably.InboundMessage[] = [];
    await agent.channels.get(name).subscribe((m) => void got.push(m));
    await visitor.channels.get(name).publish({ name: 'takeover', data: {}, extras: { userClaim: 'manager', headers: { a: 'b' } } });
    await waitFor(() => got.length === 1, 5000, 'message');
    expect(got[0]?.extras).toEqual({ userClaim: 'visitor', headers: { a: 'b' } });
    await expect(visitor.channels.get(name).publish({ name: 'x', data: 'x', clientId: 'agent' })).rejects.toMatchObject({ code: 40012 });
  });
});
