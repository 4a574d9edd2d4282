import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startFailingStoreServer } from './support/failing-store-server.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// Accept is painted before the round trip (the chat core's prediction: I own the chat) and rolled back when the
// hub refuses it. Here the hub's store really fails the acceptance's writes (as a full disk would: its notice to
// Alice's inbox and its copy in the chat's log), so the hub NACKs both publishes: Bob's sidebar shows the offer again
// with the refusal, in words; once the store works, Accept works.
test.describe('my Accept when the hub refuses it', () => {
  let hub: Awaited<ReturnType<typeof startFailingStoreServer>>;
  let alice: BatonBackground;
  let bob: BatonBackground;

  test.beforeEach(async () => {
    // Only the acceptance's write fails, so presence, the offer and the visitor carry on as normal.
    hub = await startFailingStoreServer('transfer.accepted', 'optimistic-accept');
    [alice, bob] = await Promise.all([launchAgent('alice', hub.server.port), launchAgent('bob', hub.server.port)]);
  });

  test.afterEach(async () => {
    await Promise.allSettled([alice?.context.close(), bob?.context.close()]);
    await hub?.close();
  });

  test('the refused Accept rolls back to the offer with the refusal; Accept again makes me the owner', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Ada Parcel', 'Parcel', hub.server.port);
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      const crm = new CrmPage(await bob.context.newPage());
      await crm.page.goto(`http://127.0.0.1:${hub.server.port}/crm/default.aspx?contact_list`);
      const sidebar = await crm.sidebar();
      expect(await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Parcel 77' })).toEqual({ ok: true });
      const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ada Parcel/ });
      await expect(row).toContainText('Transferred to you by Alice Andersen', { timeout: 10_000 });
      await row.click();
      const chat = sidebar.getByRole('region', { name: 'Ada Parcel' });
      const accept = chat.getByRole('button', { name: 'Accept transfer' });

      // What the sidebar showed between the click and the hub's answer (too brief to poll for): recorded as it renders.
      await sidebar.evaluate(() => {
        const seen: string[] = [];
        (window as { seenStatus?: string[] }).seenStatus = seen;
        new MutationObserver(() => {
          for (const status of document.querySelectorAll('[role="status"]')) if (status.textContent) seen.push(status.textContent);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      hub.store.fails = true;
      await accept.click();
      // The hub's NACK withdraws the prediction: the offer is back, with the refusal in words, and Bob is not the owner.
      await expect(chat.getByRole('alert')).toHaveText('That did not work. Try again.', { timeout: 15_000 });
      await expect(accept).toBeVisible();
      await expect(chat.getByRole('status').filter({ hasText: 'Accepting the transfer…' })).toHaveCount(0);
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
      expect(hub.store.writes).toEqual(['refused', 'refused']);
      // Painted before the round trip: the chat core's prediction, marked as pending, then rolled back.
      expect(await sidebar.evaluate(() => (window as { seenStatus?: string[] }).seenStatus)).toContain('Accepting the transfer…');
      expect((await chatOf(bob, visitor.chatId))?.myRole).toBe('offered-to');
      expect(visitor.view().owner).toBe('alice');

      hub.store.fails = false;
      await accept.click();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible({ timeout: 10_000 });
      await expect(accept).toHaveCount(0);
      await expect(chat.getByRole('alert')).toHaveCount(0);
      await expect.poll(() => visitor.view().owner, { timeout: 10_000 }).toBe('bob');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.myRole).toBe('listening');
      expect(hub.store.writes).toEqual(['refused', 'refused', 'stored', 'stored']);
    } finally {
      visitor.close();
    }
  });
});
