import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

test.describe('cancel and manager take-over through the background sessions', () => {
  let alice: BatonBackground;
  let bob: BatonBackground;
  let mia: BatonBackground;

  test.beforeEach(async () => {
    [alice, bob, mia] = await Promise.all([launchAgent('alice'), launchAgent('bob'), launchAgent('mia')]);
  });

  test.afterEach(async () => {
    await Promise.all([alice.context.close(), bob.context.close(), mia.context.close()]);
  });

  test('A cancels the transfer before B answers: the offer is gone everywhere', async () => {
    const visitor = await startScriptedVisitor('Ada', 'Returns');
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Returns' });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
      await expect.poll(() => bob.badge()).toBe('1');
      const transferId = (await chatOf(alice, visitor.chatId))!.pendingOffer!.transferId;

      expect(await alice.command({ type: 'cancel-transfer', chatId: visitor.chatId, transferId })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond ?? false).toBe(false);
      await expect.poll(() => bob.badge()).toBe('');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.lastOffer?.status).toBe('cancelled');
      expect((await chatOf(alice, visitor.chatId))?.myRole).toBe('owner');
      // Too late to accept: the background refuses, with the reason.
      const late = await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId });
      expect(late.ok).toBe(false);
    } finally {
      visitor.close();
    }
  });

  test('a manager takes over; the former owner listens; an agent may not take over', async () => {
    const visitor = await startScriptedVisitor('Grace', 'Contract');
    try {
      await pickUp(alice, visitor.chatId);
      const refused = await bob.command({ type: 'take-over', chatId: visitor.chatId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });

      expect(await mia.command({ type: 'take-over', chatId: visitor.chatId })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(mia, visitor.chatId))?.myRole).toBe('owner');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('listening');
      await expect.poll(() => visitor.view().owner).toBe('mia');
    } finally {
      visitor.close();
    }
  });

  test('a manager transfers someone else’s chat to another agent', async () => {
    const visitor = await startScriptedVisitor('Hedy', 'Upgrade');
    try {
      await pickUp(alice, visitor.chatId);
      await expect.poll(async () => (await mia.snapshot())?.agents.some((agent) => agent.clientId === 'bob')).toBe(true);
      await mia.command({ type: 'take-over', chatId: visitor.chatId });
      await expect.poll(async () => (await chatOf(mia, visitor.chatId))?.canTransfer).toBe(true);
      expect(await mia.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'VIP' })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
      const transferId = (await chatOf(bob, visitor.chatId))!.pendingOffer!.transferId;
      await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId });
      await expect.poll(() => visitor.view().owner).toBe('bob');
    } finally {
      visitor.close();
    }
  });
});
