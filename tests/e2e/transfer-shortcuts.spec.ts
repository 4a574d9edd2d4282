import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { CrmPage } from './support/crm-page.ts';
import { EXTENSION_ID } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// Baton's keyboard shortcuts (manifest `commands`). Key presses sent by Playwright go to
// the page's renderer and never reach the browser's shortcut handling (tried: Alt+Shift+O
// on the CRM page leaves the sidebar collapsed in headless Chromium 156), so the test fires
// `commands.onCommand` in the worker with Chromium's own dispatcher: the listener and
// everything after it are Baton's real code.
async function offerTo(alice: BatonBackground, bob: BatonBackground, visitorName: string) {
  const visitor = await startScriptedVisitor(visitorName, 'Invoice');
  await pickUp(alice, visitor.chatId, ['bob']);
  await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: '' });
  await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
  return visitor;
}

test('the options page lists the shortcuts; they accept and reject the newest transfer and open the sidebar', async () => {
  test.setTimeout(60_000);
  const [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
  const visitors = [];
  try {
    const options = await bob.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const shortcuts = options.getByRole('region', { name: 'Keyboard shortcuts' });
    for (const [label, keys] of [
      ["Open Baton's sidebar in the CRM", 'Alt+Shift+O'],
      ['Accept the newest transfer', 'Alt+Shift+Y'],
      ['Reject the newest transfer', 'Alt+Shift+K'],
      ['Show pending transfers (toolbar button)', 'Alt+Shift+U'],
    ]) {
      await expect(shortcuts.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]')).toHaveText(keys!);
    }
    await options.close();

    const crm = new CrmPage(await bob.context.newPage());
    await crm.open();
    const sidebar = await crm.sidebar();
    await sidebar.getByRole('button', { name: 'Collapse Baton' }).click();
    await expect(sidebar.getByRole('button', { name: 'Open Baton' })).toBeVisible();
    await bob.dispatch('commands.onCommand', ['open-sidebar']);
    await expect(sidebar.getByRole('button', { name: 'Collapse Baton' })).toBeVisible();

    const older = await offerTo(alice, bob, 'Ada Lovelace');
    const newer = await offerTo(alice, bob, 'Grace Hopper');
    visitors.push(older, newer);
    await bob.dispatch('commands.onCommand', ['accept-newest-transfer']);
    await expect.poll(() => newer.view().owner).toBe('bob');
    // The accepted chat is put in front of the agent, ready to answer.
    await expect(sidebar.getByRole('region', { name: 'Grace Hopper' }).getByRole('textbox', { name: 'Message' })).toBeEnabled();
    await bob.dispatch('commands.onCommand', ['reject-newest-transfer']);
    await expect.poll(async () => (await chatOf(alice, older.chatId))?.lastOffer?.status).toBe('rejected');
    expect(older.view().owner).toBe('alice');
  } finally {
    for (const visitor of visitors) visitor.close();
    await Promise.all([alice.context.close(), bob.context.close()]);
  }
});
