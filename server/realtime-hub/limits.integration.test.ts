// Ably's limits, on by default (limits.ts; docs/realtime-hub.md "Limits"): each refused with Ably's code, over the
// realtime protocol and REST, through ably-js where an SDK would meet it and raw frames where only a raw client can.
import type * as Ably from 'ably';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { clientPool, hubTarget, TEST_KEY, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

interface Frame {
  action?: number;
  msgSerial?: number;
  error?: { code?: number; statusCode?: number; message?: string };
  connectionDetails?: { connectionStateTtl?: number; maxMessageSize?: number };
}

const rawUrl = (port: number, clientId?: string) =>
  `ws://127.0.0.1:${port}/?key=${encodeURIComponent(TEST_KEY)}&format=json&v=6${clientId ? `&clientId=${clientId}` : ''}`;

async function raw(port: number, clientId?: string): Promise<{ ws: WebSocket; frames: Frame[]; closed: () => boolean }> {
  const ws = new WebSocket(rawUrl(port, clientId));
  const frames: Frame[] = [];
  let closed = false;
  ws.on('message', (data) => void frames.push(JSON.parse(data.toString()) as Frame));
  ws.on('close', () => (closed = true));
  ws.on('error', () => {});
  await waitFor(() => frames.some((f) => f.action === 4), 5000, 'CONNECTED');
  return { ws, frames, closed: () => closed };
}

const publishFrame = (channel: string, msgSerial: number, count: number) =>
  JSON.stringify({ action: 15, channel, msgSerial, messages: Array.from({ length: count }, (_, n) => ({ name: 'm', data: `d${n}` })) });

async function restPublish(port: number, channel: string, body: unknown): Promise<{ status: number; code: number | undefined }> {
  const res = await fetch(`http://127.0.0.1:${port}/channels/${encodeURIComponent(channel)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(TEST_KEY).toString('base64')}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code?: number } };
  return { status: res.status, code: json.error?.code };
}

describe("Ably's limits on the hub (default)", () => {
  let session: TargetSession;
  const pool = clientPool(() => session);
  const port = () => session.hub?.port ?? 0;
  beforeAll(async () => {
    session = await hubTarget.start();
  });
  afterEach(() => pool.closeAll());
  afterAll(() => session.teardown());

  it('keeps connection state 2 minutes and advertises the 64 KiB message size', async () => {
    const { ws, frames } = await raw(port());
    expect(frames[0]?.connectionDetails).toMatchObject({ connectionStateTtl: 120_000, maxMessageSize: 65_536 });
    ws.close();
  });

  it('refuses the 201st presence member of a channel with 91003, and still lets members update', async () => {
    const name = uniqueChannel('agents-');
    // Five connections of 40 members each: within each connection's 50 msg/s.
    const clients = Array.from({ length: 5 }, () => pool.realtime());
    await Promise.all(clients.map((c, i) => Promise.all(Array.from({ length: 40 }, (_, j) => c.channels.get(name).presence.enterClient(`m-${i}-${j}`, 'here')))));
    const extra = pool.realtime();
    await expect(extra.channels.get(name).presence.enterClient('one-too-many', 'here')).rejects.toMatchObject({
      code: 91003,
      statusCode: 400,
      message: 'Unable to enter member to presence channel; maximum number of 200 members exceeded',
    });
    await clients[0]?.channels.get(name).presence.updateClient('m-0-0', 'still here');
    expect((await extra.channels.get(name).presence.get()).length).toBe(200);
  });

  it('refuses the 201st channel attached on one connection with 90010; the connection stays', async () => {
    const client = pool.realtime();
    const prefix = uniqueChannel('many-');
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.channels.get(`${prefix}-${i}`).attach()));
    await expect(client.channels.get(`${prefix}-200`).attach()).rejects.toMatchObject({ code: 90010, message: 'Maximum number of channels per connection (200) exceeded' });
    expect(client.connection.state).toBe('connected');
  });

  it('counts messages, not frames: one frame of 51 messages is NACKed with 42911 and the connection stays', async () => {
    const client = pool.realtime();
    const channel = client.channels.get(uniqueChannel('rate-'));
    await expect(channel.publish(Array.from({ length: 51 }, (_, n) => ({ name: 'm', data: `x${n}` })))).rejects.toMatchObject({ code: 42911, statusCode: 429 });
    await channel.publish('m', 'within the rate');
    expect(client.connection.state).toBe('connected');
  });

  it('closes a connection that publishes far above its rate with 42921, and only that one', async () => {
    const bystander = pool.realtime();
    const got: Ably.InboundMessage[] = [];
    const quiet = uniqueChannel('quiet-');
    await bystander.channels.get(quiet).subscribe((m) => void got.push(m));
    const { ws, frames, closed } = await raw(port(), 'flooder');
    const name = uniqueChannel('flood-');
    for (let serial = 0; serial < 3; serial++) ws.send(publishFrame(name, serial, 1000));
    await waitFor(closed, 5000, 'the flooder to be closed');
    expect(frames.filter((f) => f.action === 2).map((f) => f.error?.code)).toContain(42911);
    expect(frames.at(-1)).toMatchObject({ action: 9, error: { code: 42921, statusCode: 429 } });
    await bystander.channels.get(quiet).publish('m', 'unaffected');
    await waitFor(() => got.length === 1, 5000, 'the bystander’s message');
  });

  it('refuses a client it cut for abuse at the door (HTTP 429, 42922) for a while, and nobody else', async () => {
    const { ws, closed } = await raw(port(), 'repeat-flooder');
    for (let serial = 0; serial < 3; serial++) ws.send(publishFrame(uniqueChannel('flood-'), serial, 1000));
    await waitFor(closed, 5000, 'the flooder to be closed');
    const again = new WebSocket(rawUrl(port(), 'repeat-flooder'));
    const refusal = await new Promise<{ status: number | undefined; code: string | string[] | undefined }>((resolve, reject) => {
      again.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode, code: res.headers['x-ably-errorcode'] }));
      again.on('open', () => reject(new Error('the flooder was let straight back in')));
      again.on('error', () => {});
    });
    expect(refusal).toEqual({ status: 429, code: '42922' });
    const neighbour = await raw(port(), 'neighbour');
    expect(neighbour.frames[0]).toMatchObject({ action: 4 });
    neighbour.ws.close();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await raw(port(), 'repeat-flooder');
    expect(later.frames[0]).toMatchObject({ action: 4 });
    later.ws.close();
  });

  it('lives on when a client resets its socket while it waits at the door', async () => {
    // The door check (a flooder refused with 429) is asynchronous; Node has stopped watching a socket it handed to
    // 'upgrade', so a reset in between threw ECONNRESET out of the hub's process (found by `npm run bench`).
    const { ws, closed } = await raw(port(), 'door-resetter');
    for (let serial = 0; serial < 3; serial++) ws.send(publishFrame(uniqueChannel('flood-'), serial, 1000));
    await waitFor(closed, 5000, 'the flooder to be closed');
    const url = new URL(rawUrl(port(), 'door-resetter'));
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = connect(port(), '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const neighbour = await raw(port(), 'door-neighbour');
    expect(neighbour.frames[0]).toMatchObject({ action: 4 });
    neighbour.ws.close();
  });

  it('shares 50 msg/s per channel between publishers (42913), over realtime and REST', async () => {
    const name = uniqueChannel('busy-');
    const [a, b] = [pool.realtime(), pool.realtime()];
    await a.channels.get(name).publish(Array.from({ length: 40 }, (_, n) => ({ name: 'm', data: `a${n}` })));
    await expect(b.channels.get(name).publish(Array.from({ length: 20 }, (_, n) => ({ name: 'm', data: `b${n}` })))).rejects.toMatchObject({ code: 42913, statusCode: 429 });
    const rest = await restPublish(port(), name, Array.from({ length: 20 }, (_, n) => ({ name: 'm', data: `r${n}` })));
    expect(rest).toEqual({ status: 429, code: 42913 });
  });

  it('refuses a publish whose messages together exceed 64 KiB with 40009, over REST and realtime', async () => {
    const half = 'x'.repeat(40_000);
    const rest = await restPublish(port(), uniqueChannel('big-'), [{ name: 'a', data: half }, { name: 'b', data: half }]);
    expect(rest).toEqual({ status: 400, code: 40009 });
    const { ws, frames } = await raw(port());
    ws.send(JSON.stringify({ action: 15, channel: uniqueChannel('big-'), msgSerial: 0, messages: [{ data: half }, { data: half }] }));
    await waitFor(() => frames.some((f) => f.action === 2), 5000, 'NACK');
    expect(frames.find((f) => f.action === 2)?.error).toMatchObject({ code: 40009, message: 'Maximum size of messages that can be published at once exceeded (was 80000 bytes; limit is 65536 bytes)' });
    ws.close();
  });

  it('refuses data nested deeper than the hub can replay (40013), so no stored message can break an attach', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const name = uniqueChannel('deep-');
    expect(await restPublish(port(), name, { name: 'm', data: deep })).toEqual({ status: 400, code: 40013 });
    const reader = pool.realtime();
    const channel = reader.channels.get(name, { params: { rewind: '10' } });
    await channel.attach();
    expect(reader.connection.state).toBe('connected');
  });
});

describe('--limits none', () => {
  let session: TargetSession;
  beforeAll(async () => {
    session = await hubTarget.start({ limits: 'none' });
  });
  afterAll(() => session.teardown());

  it('accepts what the limits refuse, for experiments', async () => {
    const { ws, frames } = await raw(session.hub?.port ?? 0);
    ws.send(publishFrame(uniqueChannel('free-'), 0, 500));
    await waitFor(() => frames.some((f) => f.action === 1 || f.action === 2), 5000, 'ACK');
    expect(frames.find((f) => f.action === 1 || f.action === 2)?.action).toBe(1);
    ws.close();
  });
});
