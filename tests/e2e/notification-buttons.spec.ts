import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// An incoming offer raises an OS notification with Accept/Reject buttons. Headless
// Chromium shows notifications to no one and cannot click them, so the test hands the
// worker the `notificationclick` event a click makes, for the notification it shows:
// Baton's real listener runs from there, exactly as after a click.
test('an offer’s notification has Accept and Reject buttons, and each answers the transfer', async () => {
  test.setTimeout(60_000);
  const [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
  const first = await startScriptedVisitor('Ada Lovelace', 'Invoice');
  const second = await startScriptedVisitor('Grace Hopper', 'Delivery');
  try {
    const offerNotification = async (chatId: string) => {
      await pickUp(alice, chatId, ['bob']);
      await alice.command({ type: 'transfer', chatId, to: 'bob', note: 'Please take this' });
      await expect.poll(async () => (await chatOf(bob, chatId))?.canRespond).toBe(true);
      const id = `offer|${chatId}|${(await chatOf(bob, chatId))!.pendingOffer!.transferId}`;
      await expect.poll(() => bob.notifications()).toContain(id);
      const shown = (await bob.shownNotices()).find((notice) => notice.id === id);
      expect(shown?.title).toBe('Transfer from Alice Andersen');
      expect(shown?.body).toContain('Please take this');
      expect(shown?.buttons).toEqual(['Accept transfer', 'Reject transfer']);
      return id;
    };

    const acceptId = await offerNotification(first.chatId);
    await bob.clickNotice(acceptId, 'accept');
    await expect.poll(() => first.view().owner).toBe('bob');
    await expect.poll(() => bob.notifications()).not.toContain(acceptId);

    const rejectId = await offerNotification(second.chatId);
    await bob.clickNotice(rejectId, 'reject');
    await expect.poll(async () => (await chatOf(alice, second.chatId))?.lastOffer?.status).toBe('rejected');
    await expect.poll(() => bob.notifications()).not.toContain(rejectId);
    expect(second.view().owner).toBe('alice');
  } finally {
    first.close();
    second.close();
    await Promise.all([alice.context.close(), bob.context.close()]);
  }
});

test('a click on an offer’s notification opens that chat in the CRM tab’s sidebar, where the offer waits for an answer', async () => {
  test.setTimeout(60_000);
  const [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
  const visitor = await startScriptedVisitor('Ada Lovelace', 'Invoice');
  try {
    const crm = new CrmPage(await bob.context.newPage());
    await crm.open();
    const sidebar = await crm.sidebar();
    await sidebar.getByRole('button', { name: 'Collapse Baton' }).click();
    await pickUp(alice, visitor.chatId, ['bob']);
    await visitor.send('My invoice is wrong');
    await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Billing' });
    await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
    const id = `offer|${visitor.chatId}|${(await chatOf(bob, visitor.chatId))!.pendingOffer!.transferId}`;
    await expect.poll(() => bob.notifications()).toContain(id);

    await bob.clickNotice(id, '');
    const chat = sidebar.getByRole('region', { name: 'Ada Lovelace' });
    await expect(chat.getByText('My invoice is wrong')).toBeVisible();
    await expect(chat.getByRole('group', { name: 'Transfer from Alice Andersen' }).getByRole('button', { name: 'Accept transfer' })).toBeEnabled();
    await expect.poll(() => bob.notifications()).not.toContain(id);
    // Read, not answered: the offer still waits for Bob.
    expect((await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
    expect(visitor.view().owner).toBe('alice');
  } finally {
    visitor.close();
    await Promise.all([alice.context.close(), bob.context.close()]);
  }
});
