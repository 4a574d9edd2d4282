// History: untilAttach meets the live stream exactly (RTL10b), direction, limit and pagination links.
import type * as Ably from 'ably';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientPool, targets, uniqueChannel, waitFor } from './test-support/targets.ts';
import type { TargetSession } from './test-support/targets.ts';

const nums = (items: Ably.InboundMessage[]) => items.map((m) => (m.data as { n: number }).n);

for (const target of targets()) {
  describe.skipIf(target.skip)(`history (${target.name})`, () => {
    let session: TargetSession;
    const pool = clientPool(() => session);
    beforeAll(async () => {
      session = await target.start();
    });
    afterEach(() => pool.closeAll());
    afterAll(() => session.teardown());

    it('history({untilAttach}) plus the live subscription give every message exactly once', async () => {
      const name = uniqueChannel('chat:until-');
      const writer = pool.realtime({ clientId: 'writer' });
      const out = writer.channels.get(name);
      for (let n = 0; n < 7; n++) await out.publish('m', { n });

      const reader = pool.realtime({ clientId: 'reader' });
      const channel = reader.channels.get(name);
      const live: Ably.InboundMessage[] = [];
      await channel.subscribe((m) => void live.push(m));
      // Publishing continues while the reader fetches history.
      const more = (async () => {
        for (let n = 7; n < 12; n++) await out.publish('m', { n });
      })();
      const past: Ably.InboundMessage[] = [];
      let page = await channel.history({ untilAttach: true, limit: 3 });
      for (;;) {
        past.push(...page.items);
        if (!page.hasNext()) break;
        const next = await page.next();
        if (!next) break;
        page = next;
      }
      await more;
      await waitFor(() => live.length === 5, 5000, 'live messages');
      expect(nums(past)).toEqual([6, 5, 4, 3, 2, 1, 0]); // backwards by default
      expect(nums(live)).toEqual([7, 8, 9, 10, 11]);
    });

    it('supports direction forwards and limit over REST', async () => {
      const name = uniqueChannel('chat:rest-');
      const rest = pool.rest({ clientId: 'rest-writer' });
      const channel = rest.channels.get(name);
      await channel.publish([0, 1, 2, 3].map((n) => ({ name: 'm', data: { n } })));
      const page = await channel.history({ direction: 'forwards', limit: 2 });
      expect(nums(page.items)).toEqual([0, 1]);
      expect(page.hasNext()).toBe(true);
      const next = await page.next();
      expect(nums(next?.items ?? [])).toEqual([2, 3]);
      expect(page.items[0]?.clientId).toBe('rest-writer');
    });

    it('REST presence get lists realtime members', async () => {
      const name = uniqueChannel('agents-rest-');
      const member = pool.realtime({ clientId: 'present-one' });
      await member.channels.get(name).presence.enter({ status: 'present' });
      const rest = pool.rest();
      await expect.poll(async () => (await rest.channels.get(name).presence.get()).items.map((m) => m.clientId), { timeout: 5000 }).toEqual(['present-one']);
    });
  });
}
