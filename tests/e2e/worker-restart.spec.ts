import { chatOf, pickUp } from './support/agents.ts';
import { useAgents } from './support/use-agents.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// Chrome stops an extension's service worker whenever it likes. Baton must come back
// from that with presence, the pending offer and its deadline, and every message once.
test.describe('the background survives being killed', () => {
  const agents = useAgents(['alice', 'bob']);

  test('killed during a pending offer and during a burst of messages: nothing is lost or doubled', async () => {
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Ada', 'Invoice');
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      for (let i = 1; i <= 5; i += 1) await visitor.send(`before ${i}`);
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length).toBe(5);
      await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Please take this' });
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
      const offer = (await chatOf(bob, visitor.chatId))!.pendingOffer!;

      // The receiver's worker dies with the offer pending.
      await bob.killWorker();
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.pendingOffer?.transferId, { timeout: 10_000 }).toBe(offer.transferId);
      const restored = (await chatOf(bob, visitor.chatId))!;
      expect(restored.canRespond).toBe(true);
      expect(restored.pendingOffer?.expiresAt).toBe(offer.expiresAt);
      expect(restored.transcript.map((entry) => entry.text)).toEqual(['before 1', 'before 2', 'before 3', 'before 4', 'before 5']);
      await expect.poll(() => bob.badge()).toBe('1');
      await expect.poll(async () => (await alice.snapshot())?.agents.find((agent) => agent.clientId === 'bob')?.status).toBe('present');

      // The owner's worker dies in the middle of a burst from the visitor.
      const burst = Array.from({ length: 30 }, (_, i) => visitor.send(`burst ${i + 1}`));
      await alice.killWorker();
      await Promise.all(burst);
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length, { timeout: 10_000 }).toBe(35);
      const texts = (await chatOf(alice, visitor.chatId))!.transcript.map((entry) => entry.text);
      expect(new Set(texts).size).toBe(35);
      expect(texts.filter((text) => text.startsWith('burst'))).toEqual(Array.from({ length: 30 }, (_, i) => `burst ${i + 1}`));

      // The transfer still completes after both restarts, exactly once.
      expect(await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId: offer.transferId })).toEqual({ ok: true });
      await expect.poll(() => visitor.view().owner, { timeout: 10_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('listening');
      expect(visitor.state().register.ownership.filter((change) => change.via === 'completed')).toHaveLength(1);
    } finally {
      visitor.close();
    }
  });
});
