import { chatOf, pickUp } from './support/agents.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

// The admin's offer timeout, from a real managed policy file (15 s, the shortest allowed).
test.describe('an unanswered offer expires', () => {
  const agents = useAgents(['alice', 'bob'], { policy: { offerTimeoutSeconds: 15 } });

  test('after the timeout the sender is told and keeps the chat; the receiver can no longer accept', async () => {
    test.setTimeout(60_000);
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Ada', 'Billing');
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      expect((await alice.snapshot())?.offerTimeoutMs).toBe(15_000);
      await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: '' });
      await expect.poll(() => bob.badge()).toBe('1');
      const offer = (await chatOf(alice, visitor.chatId))!.pendingOffer!;
      await expect.poll(() => bob.notifications()).toEqual([`offer|${visitor.chatId}|${offer.transferId}`]);
      // expiresAt is the sender's clock + 15 s; offeredAt is the realtime service's stamp.
      expect(offer.expiresAt - offer.offeredAt).toBeGreaterThan(14_000);
      expect(offer.expiresAt - offer.offeredAt).toBeLessThanOrEqual(16_000);

      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.lastOffer?.status, { timeout: 25_000 }).toBe('expired');
      expect((await chatOf(alice, visitor.chatId))?.myRole).toBe('owner');
      expect((await chatOf(alice, visitor.chatId))?.highlight).toEqual({ kind: 'none' });
      await expect.poll(() => bob.badge()).toBe('');
      // Expired: Bob's notification, with its Accept button, goes as the offer does.
      await expect.poll(() => bob.notifications()).toEqual([]);
      await expect.poll(() => alice.notifications()).toContainEqual(expect.stringContaining(`outcome|${visitor.chatId}|`));
    } finally {
      visitor.close();
    }
  });
});
