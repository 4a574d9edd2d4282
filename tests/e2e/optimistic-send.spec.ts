import type { BatonBackground } from './support/baton-background.ts';
import { launchAgent, pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startFailingStoreServer } from './support/failing-store-server.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// The agent's own message is painted before any round trip and marked until the hub confirms it. Here the
// hub's store really fails the write (as a full disk would), so the hub NACKs the publish: the message stays,
// marked failed, with Retry; once the store works again, Retry publishes it once, and it shows once.
const TEXT = 'Where is parcel 77? Checking now.';

test.describe('my message when its publish fails', () => {
  let hub: Awaited<ReturnType<typeof startFailingStoreServer>>;
  let alice: BatonBackground;

  test.beforeEach(async () => {
    // Only writes carrying this message fail, so presence, claims and the visitor carry on as normal.
    hub = await startFailingStoreServer(TEXT, 'optimistic');
    alice = await launchAgent('alice', hub.server.port);
  });

  test.afterEach(async () => {
    await alice?.context.close();
    await hub?.close();
  });

  test('it shows as failed with Retry, in English and by role; Retry sends it once and it shows once', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Ada Parcel', 'Parcel', hub.server.port);
    try {
      await pickUp(alice, visitor.chatId);
      const crm = new CrmPage(await alice.context.newPage());
      await crm.page.goto(`http://127.0.0.1:${hub.server.port}/crm/default.aspx?contact_list`);
      const sidebar = await crm.sidebar();
      await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ada Parcel/ }).click();
      const chat = sidebar.getByRole('region', { name: 'Ada Parcel' });
      const log = chat.getByRole('log');

      hub.store.fails = true;
      await chat.getByRole('textbox', { name: /message/i }).fill(TEXT);
      await chat.getByRole('textbox', { name: /message/i }).press('Enter');
      // Painted at once and the composer is free again; then the hub's NACK marks it.
      await expect(log.getByText(TEXT)).toBeVisible();
      await expect(chat.getByRole('textbox', { name: /message/i })).toHaveValue('');
      await expect(log.getByText('Failed — not sent')).toBeVisible({ timeout: 15_000 });
      const retry = log.getByRole('button', { name: 'Retry' });
      await expect(retry).toBeVisible();
      expect(hub.store.writes).toEqual(['refused']);
      expect(visitor.view().transcript.filter((entry) => entry.text === TEXT)).toHaveLength(0);

      hub.store.fails = false;
      await retry.click();
      await expect(retry).toHaveCount(0);
      await expect(log.getByText('Failed — not sent')).toHaveCount(0);
      await expect.poll(() => visitor.view().transcript.filter((entry) => entry.text === TEXT).length, { timeout: 10_000 }).toBe(1);
      // The log's copy has replaced the painted one: the message is on screen once, and was stored once.
      await expect(log.getByText(TEXT)).toHaveCount(1);
      await expect(log.getByText('Sending…')).toHaveCount(0);
      expect(hub.store.writes).toEqual(['refused', 'stored']);
    } finally {
      visitor.close();
    }
  });
});
