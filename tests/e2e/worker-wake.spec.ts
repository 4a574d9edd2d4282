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

/** An offer to Bob, once its notice is on his screen. */
async function offerWithNotice(alice: BatonBackground, bob: BatonBackground, chatId: string) {
  const transferId = await offerTo(alice, bob, chatId);
  const id = `offer|${chatId}|${transferId}`;
  await expect.poll(() => bob.notifications()).toContain(id);
  return { id, transferId };
}

test.describe('a stopped worker woken by an event', () => {
  const agents = useAgents(['alice', 'bob']);

  test('a notification’s Accept and the Accept shortcut each wake it and complete the transfer', async () => {
    test.setTimeout(90_000);
    const { alice, bob } = agents;
    const first = await startScriptedVisitor('Ada Lovelace', 'Invoice');
    const second = await startScriptedVisitor('Grace Hopper', 'Delivery');
    try {
      const { id } = await offerWithNotice(alice, bob, first.chatId);
      await bob.stopWorker();
      expect(await bob.workerRunning()).toBe(false);
      await bob.wakeWith(() => bob.clickNotice(id, 'accept'));
      await expect.poll(() => first.view().owner, { timeout: 20_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(bob, first.chatId))?.myRole).toBe('owner');

      await offerTo(alice, bob, second.chatId);
      await bob.stopWorker();
      expect(await bob.workerRunning()).toBe(false);
      await bob.wakeWith(() => bob.dispatch('commands.onCommand', ['accept-newest-transfer']));
      await expect.poll(() => second.view().owner, { timeout: 20_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(alice, second.chatId))?.lastOffer?.status).toBe('completed');
    } finally {
      first.close();
      second.close();
    }
  });
});

test.describe('an offer that ends while the receiver’s worker is stopped', () => {
  const agents = useAgents(['alice', 'bob']);

  test('its notification, which waits for a click, goes once the worker is back', async () => {
    test.setTimeout(90_000);
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Ada Lovelace', 'Invoice');
    try {
      const { id, transferId } = await offerWithNotice(alice, bob, visitor.chatId);
      await bob.stopWorker();
      expect(await alice.command({ type: 'cancel-transfer', chatId: visitor.chatId, transferId })).toEqual({ ok: true });
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.lastOffer?.status).toBe('cancelled');
      expect(await bob.workerRunning()).toBe(false);
      // Bob opens a Baton view: the worker starts, its session reads the chat, and the cancelled offer's notice goes.
      await expect.poll(async () => (await bob.snapshot())?.connection.phase, { timeout: 20_000 }).toBe('connected');
      await expect.poll(() => bob.notifications(), { timeout: 20_000 }).not.toContain(id);
      expect((await chatOf(bob, visitor.chatId))?.canRespond).not.toBe(true);
    } finally {
      visitor.close();
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
