import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { readTicket, readTicketMessages } from './support/superoffice-readback.ts';

// Two agents, each in their own Chromium profile with Baton, and a scripted visitor,
// on the local hub: the background sessions carry the transfer.

test.describe('transfer through the background sessions', () => {
  let alice: BatonBackground;
  let bob: BatonBackground;

  test.beforeEach(async () => {
    [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
    await expect.poll(async () => (await alice.snapshot())?.connection.phase).toBe('connected');
    await expect.poll(async () => (await bob.snapshot())?.connection.phase).toBe('connected');
  });

  test.afterEach(async () => {
    await Promise.all([alice.context.close(), bob.context.close()]);
  });

  test('A offers, B is told (badge, notification), B accepts, A listens; one owner everywhere', async () => {
    const visitor = await startScriptedVisitor('Ada Lovelace', 'Invoice');
    try {
      await expect.poll(async () => (await alice.snapshot())?.lobby.map((entry) => entry.chatId)).toContain(visitor.chatId);
      expect(await alice.command({ type: 'pick-up', chatId: visitor.chatId })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('owner');
      await visitor.send('My invoice is wrong');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length).toBe(1);

      await expect.poll(async () => (await alice.snapshot())?.agents.find((agent) => agent.clientId === 'bob')?.status).toBe('present');
      await bob.worker().evaluate(() => chrome.storage.local.set({ sound: true }));
      expect(await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Billing' })).toEqual({ ok: true });

      await expect.poll(() => bob.badge()).toBe('1');
      await expect.poll(() => bob.notifications()).toEqual([expect.stringContaining(`offer|${visitor.chatId}|`)]);
      // Bob chose a sound: Chrome plays it from an offscreen document.
      await expect
        .poll(() => bob.worker().evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length))
        .toBe(1);
      const offered = (await chatOf(bob, visitor.chatId))!;
      expect(offered.highlight).toEqual({ kind: 'transferred-to-you', from: 'alice' });
      expect(offered.transcript.map((entry) => entry.text)).toEqual(['My invoice is wrong']);
      expect((await chatOf(alice, visitor.chatId))?.highlight).toEqual({ kind: 'waiting-for', to: 'bob' });

      expect(await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId: offered.pendingOffer!.transferId })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.myRole).toBe('owner');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('listening');
      await expect.poll(() => bob.badge()).toBe('');
      // Answered in the page: the offer's notification, which waits for a click, leaves the screen with it.
      await expect.poll(() => bob.notifications()).toEqual([]);
      await expect.poll(() => visitor.view().owner).toBe('bob');
      expect((await chatOf(alice, visitor.chatId))?.owner).toBe('bob');
      expect((await chatOf(alice, visitor.chatId))?.canWrite).toBe(false);
      await expect.poll(() => alice.notifications()).toContainEqual(expect.stringContaining(`outcome|${visitor.chatId}|`));
    } finally {
      visitor.close();
    }
  });

  test('B rejects: the highlight goes and A still owns the chat', async () => {
    const visitor = await startScriptedVisitor('Grace Hopper', 'Delivery');
    try {
      await expect.poll(async () => (await alice.snapshot())?.lobby.map((entry) => entry.chatId)).toContain(visitor.chatId);
      await alice.command({ type: 'pick-up', chatId: visitor.chatId });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('owner');
      await expect.poll(async () => (await alice.snapshot())?.agents.some((agent) => agent.clientId === 'bob')).toBe(true);
      await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: '' });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
      const transferId = (await chatOf(bob, visitor.chatId))!.pendingOffer!.transferId;
      await expect.poll(() => bob.notifications()).toEqual([`offer|${visitor.chatId}|${transferId}`]);

      expect(await bob.command({ type: 'reject-transfer', chatId: visitor.chatId, transferId, reason: 'Busy' })).toEqual({ ok: true });
      await expect.poll(() => bob.notifications()).toEqual([]);
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.highlight).toEqual({ kind: 'none' });
      const aliceChat = (await chatOf(alice, visitor.chatId))!;
      expect(aliceChat.myRole).toBe('owner');
      expect(aliceChat.lastOffer).toMatchObject({ status: 'rejected', to: 'bob' });
      await expect.poll(() => bob.badge()).toBe('');

      // Rejected: Alice creates a request in the CRM that carries the transcript.
      await visitor.send('Where is my parcel?');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length).toBe(1);
      // The default CRM is SuperOffice in `session` mode (its stand-in here): the call runs in Alice's CRM tab.
      await new CrmPage(await alice.context.newPage()).open();
      const created = await alice.command({ type: 'create-request', chatId: visitor.chatId, title: 'Parcel not delivered' });
      expect(created).toMatchObject({ ok: true, data: { number: expect.stringMatching(/^#\d+$/) } });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.requests.length).toBe(1);
      const { id } = created.data as { id: string };
      expect(await readTicket(alice.context, id)).toMatchObject({ Title: 'Parcel not delivered' });
      const messages = await readTicketMessages(alice.context, id);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.Body).toMatch(/^\[\d\d:\d\d:\d\d\] Grace Hopper: Where is my parcel\?$/);
    } finally {
      visitor.close();
    }
  });
});
