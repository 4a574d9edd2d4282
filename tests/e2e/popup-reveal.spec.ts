import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { CrmPage } from './support/crm-page.ts';
import { EXTENSION_ID } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

type ScriptedVisitor = Awaited<ReturnType<typeof startScriptedVisitor>>;

// Accepting in the toolbar popup puts the agent in that chat: the CRM tab with Baton's
// sidebar comes to the front with the chat open, or the CRM opens when no tab has it.
let alice: BatonBackground;
let bob: BatonBackground;
let visitor: ScriptedVisitor;
test.beforeEach(async () => {
  [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
  visitor = await startScriptedVisitor('Ada Lovelace', 'Invoice');
  await pickUp(alice, visitor.chatId, ['bob']);
  await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: 'Over to you' });
  await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond).toBe(true);
});
test.afterEach(async () => {
  visitor.close();
  await Promise.all([alice.context.close(), bob.context.close()]);
});

async function acceptInPopup(): Promise<void> {
  const popup = await bob.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await popup.getByRole('listitem', { name: 'Ada Lovelace' }).getByRole('button', { name: 'Accept transfer' }).click();
}

/** The URL of the tab in front, as the browser reports it. */
function tabInFront(agent: BatonBackground): Promise<string | undefined> {
  return agent.worker().evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url);
}

test('an open CRM tab comes to the front with the accepted chat open in its sidebar', async () => {
  const crmPage = await bob.context.newPage();
  const crm = new CrmPage(crmPage);
  await crm.open();
  const sidebar = await crm.sidebar();
  await expect(sidebar.getByRole('region', { name: 'Ada Lovelace' })).toHaveCount(0);

  await acceptInPopup();
  await expect.poll(() => visitor.view().owner).toBe('bob');
  await expect.poll(() => tabInFront(bob)).toBe(crmPage.url());
  const chat = sidebar.getByRole('region', { name: 'Ada Lovelace' });
  await expect(chat.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(chat.getByRole('textbox', { name: 'Message' })).toBeEnabled();
});

test('without a CRM tab, the CRM opens with the accepted chat in its sidebar', async () => {
  const opened = bob.context.waitForEvent('page', { predicate: (page) => page.url().includes('/crm/') });
  await acceptInPopup();
  const crm = new CrmPage(await opened);
  const sidebar = await crm.sidebar();
  await expect(sidebar.getByRole('region', { name: 'Ada Lovelace' }).getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  expect(visitor.view().owner).toBe('bob');
});
