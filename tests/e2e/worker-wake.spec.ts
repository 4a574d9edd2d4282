import { chatOf, pickUp } from './support/agents.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

// Chrome stops an idle service worker; a click on a notification, a shortcut or an alarm
// starts it again and is delivered before the session is back. Each must wait for the
// session (lib/background/readiness.ts) and then do its job, not fail "not signed in".
async function offerTo(alice: BatonBackground, bob: BatonBackground, chatId: string) {
  await pickUp(alice, chatId, ['bob']);
  expect(await alice.command({ type: 'transfer', chatId, to: 'bob', note: 'Please take this' })).toEqual({ ok: true });
  await expect.poll(async () => (await chatOf(bob, chatId))?.canRespond).toBe(true);
  return (await chatOf(bob, chatId))!.pendingOffer!.transferId;
}

test.describe('a stopped worker woken by an event', () => {
  const agents = useAgents(['alice', 'bob']);

  test('a notification’s Accept and the Accept shortcut each wake it and complete the transfer', async () => {
    test.setTimeout(90_000);
    const { alice, bob } = agents;
    const first = await startScriptedVisitor('Ada Lovelace', 'Invoice');
    const second = await startScriptedVisitor('Grace Hopper', 'Delivery');
    try {
      const transferId = await offerTo(alice, bob, first.chatId);
      await bob.stopWorker();
      expect(await bob.workerRunning()).toBe(false);
      await bob.wakeWith('notifications.onButtonClicked', [`offer|${first.chatId}|${transferId}`, 0]);
      await expect.poll(() => first.view().owner, { timeout: 20_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(bob, first.chatId))?.myRole).toBe('owner');

      await offerTo(alice, bob, second.chatId);
      await bob.stopWorker();
      expect(await bob.workerRunning()).toBe(false);
      await bob.wakeWith('commands.onCommand', ['accept-newest-transfer']);
      await expect.poll(() => second.view().owner, { timeout: 20_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(alice, second.chatId))?.lastOffer?.status).toBe('completed');
    } finally {
      first.close();
      second.close();
    }
  });
});

test.describe('an expiry alarm while the workers sleep', () => {
  const agents = useAgents(['alice', 'bob'], { policy: { offerTimeoutSeconds: 15 } });

  test('the alarm wakes a worker, the offer expires, and the sender keeps the chat', async () => {
    test.setTimeout(90_000);
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Ada', 'Billing');
    try {
      const transferId = await offerTo(alice, bob, visitor.chatId);
      // Neither the sender nor the receiver has anything running: only their alarms are left.
      await Promise.all([alice.stopWorker(), bob.stopWorker()]);
      const offerOf = () => visitor.state().register.offers.find((offer) => offer.transferId === transferId);
      expect(offerOf()?.status).toBe('pending');
      await expect.poll(() => offerOf()?.status, { timeout: 40_000 }).toBe('expired');
      expect((await alice.workerRunning()) || (await bob.workerRunning())).toBe(true);
      expect(visitor.view().owner).toBe('alice');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.lastOffer?.status, { timeout: 15_000 }).toBe('expired');
      expect((await chatOf(alice, visitor.chatId))?.myRole).toBe('owner');
    } finally {
      visitor.close();
    }
  });
});
