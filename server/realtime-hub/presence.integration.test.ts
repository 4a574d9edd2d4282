// Presence across three clients: enter/update/leave, SYNC on a late attach, and LEAVE after an abrupt drop
// (RTP2, RTP18, RTP19; protocol doc §3.8–3.10).
import type * as Ably from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDropProxy } from './test-support/drop-proxy.ts';
import { clientPool, hubClientOptions, hubTarget, sleep, targets, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

const ids = (members: Ably.PresenceMessage[]) => members.map((m) => m.clientId).sort();

for (const target of targets()) {
  describe.skipIf(target.skip)(`presence (${target.name})`, () => {
    let session: TargetSession;
    const pool = clientPool(() => session);
    beforeAll(async () => {
      session = await target.start();
    });
    afterEach(() => pool.closeAll());
    afterAll(() => session.teardown());

    it('three clients see each other enter, update and leave; a late attach gets the set by SYNC', async () => {
      const name = uniqueChannel('agents-');
      const [a, b, c] = ['ann', 'ben', 'cat'].map((clientId) => pool.realtime({ clientId }));
      if (!a || !b || !c) throw new Error('clients');
      const chA = a.channels.get(name);
      const chB = b.channels.get(name);
      await chA.presence.enter({ status: 'present' });
      await chB.presence.enter({ status: 'present' });

      // cat attaches after both entered: the SYNC must deliver them (presence.get waits for it, RTP11).
      const chC = c.channels.get(name);
      const eventsAtC: Ably.PresenceMessage[] = [];
      await chC.presence.subscribe((m) => void eventsAtC.push(m));
      expect(ids(await chC.presence.get())).toEqual(['ann', 'ben']);

      const eventsAtA: Ably.PresenceMessage[] = [];
      await chA.presence.subscribe((m) => void eventsAtA.push(m));
      await chC.presence.enter({ status: 'away' });
      await waitFor(() => eventsAtA.some((m) => m.clientId === 'cat' && m.action === 'enter'), 5000, 'cat enter at ann');

      await chB.presence.update({ status: 'away' });
      await waitFor(() => eventsAtC.some((m) => m.clientId === 'ben' && m.action === 'update'), 5000, 'ben update at cat');
      const ben = (await chC.presence.get({ clientId: 'ben' }))[0];
      expect(ben?.data).toEqual({ status: 'away' });
      expect(ben?.connectionId).toBe(b.connection.id);

      await chA.presence.leave();
      await waitFor(() => eventsAtC.some((m) => m.clientId === 'ann' && m.action === 'leave'), 5000, 'ann leave at cat');
      expect(ids(await chC.presence.get())).toEqual(['ben', 'cat']);
      expect(ids(await chB.presence.get())).toEqual(['ben', 'cat']);
    });

    it('removes members at once when their client closes', async () => {
      const name = uniqueChannel('agents-close-');
      const stay = pool.realtime({ clientId: 'stay' });
      const go = pool.realtime({ clientId: 'go' });
      const chStay = stay.channels.get(name);
      await chStay.presence.subscribe(() => {});
      await go.channels.get(name).presence.enter();
      await expect.poll(async () => ids(await chStay.presence.get()), { timeout: 5000 }).toEqual(['go']);
      go.close();
      await expect.poll(async () => ids(await chStay.presence.get()), { timeout: 5000 }).toEqual([]);
    });
  });
}

describe('presence after an abrupt drop (hub)', () => {
  let session: TargetSession;
  const pool = clientPool(() => session);
  beforeAll(async () => {
    session = await hubTarget.start({ presenceLeaveDelayMs: 600 });
  });
  afterEach(() => pool.closeAll());
  afterAll(() => session.teardown());

  it('keeps a dropped member present for remainPresentFor, then sends LEAVE', async () => {
    const hub = session.hub;
    if (!hub) throw new Error('hub');
    const proxy = await startDropProxy(hub.port);
    try {
      const name = uniqueChannel('agents-drop-');
      const watcher = pool.realtime({ clientId: 'watcher' });
      const flaky = pool.realtime({ ...hubClientOptions(proxy.port), clientId: 'flaky' });
      const chW = watcher.channels.get(name);
      const events: Ably.PresenceMessage[] = [];
      await chW.presence.subscribe((m) => void events.push(m));
      await flaky.channels.get(name).presence.enter({ status: 'present' });
      await waitFor(() => events.some((m) => m.action === 'enter'), 5000, 'enter');

      proxy.setRefusing(true);
      proxy.cutAll();
      const cutAt = Date.now();
      await sleep(300);
      expect(ids(await chW.presence.get())).toEqual(['flaky']); // still within the 600 ms window
      await waitFor(() => events.some((m) => m.action === 'leave'), 5000, 'leave after drop');
      expect(Date.now() - cutAt).toBeGreaterThanOrEqual(550);
      expect(ids(await chW.presence.get())).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a client that resumes within the window never appears to leave', async () => {
    const hub = session.hub;
    if (!hub) throw new Error('hub');
    const proxy = await startDropProxy(hub.port);
    try {
      const name = uniqueChannel('agents-blip-');
      const watcher = pool.realtime({ clientId: 'watcher' });
      const blip = pool.realtime({ ...hubClientOptions(proxy.port), clientId: 'blip' });
      const chW = watcher.channels.get(name);
      const events: Ably.PresenceMessage[] = [];
      await chW.presence.subscribe((m) => void events.push(m));
      await blip.channels.get(name).presence.enter();
      await waitFor(() => events.length === 1, 5000, 'enter');
      const idBefore = blip.connection.id;
      proxy.cutAll();
      await blip.connection.whenState('connected');
      expect(blip.connection.id).toBe(idBefore);
      await sleep(900);
      expect(events.filter((m) => m.action === 'leave')).toEqual([]);
      expect(ids(await chW.presence.get())).toEqual(['blip']);
    } finally {
      await proxy.close();
    }
  });
});
