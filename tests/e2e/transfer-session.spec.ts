import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent } from './support/agents.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

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

      expect(await bob.command({ type: 'reject-transfer', chatId: visitor.chatId, transferId, reason: 'Busy' })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.highlight).toEqual({ kind: 'none' });
      const aliceChat = (await chatOf(alice, visitor.chatId))!;
      expect(aliceChat.myRole).toBe('owner');
      expect(aliceChat.lastOffer).toMatchObject({ status: 'rejected', to: 'bob' });
      await expect.poll(() => bob.badge()).toBe('');

      // Rejected: Alice creates a request in the CRM that carries the transcript.
      await visitor.send('Where is my parcel?');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length).toBe(1);
      const created = await alice.command({ type: 'create-request', chatId: visitor.chatId, title: 'Parcel not delivered' });
      expect(created).toMatchObject({ ok: true, data: { number: expect.stringMatching(/^#\d+$/) } });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.requests.length).toBe(1);
      const { id } = created.data as { id: string };
      const stored = (await (await fetch(`http://127.0.0.1:${E2E_PORT}/crm/api/requests/${id}`)).json()) as { request: { title: string; transcript: Array<{ text: string; author: string }> } };
      expect(stored.request.title).toBe('Parcel not delivered');
      expect(stored.request.transcript).toEqual([expect.objectContaining({ text: 'Where is my parcel?', author: 'Grace Hopper' })]);
    } finally {
      visitor.close();
    }
  });
});
