import type { Frame } from '@playwright/test';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { chooseFromMenu, sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// The Dashboard's listen-in and the manager's Take over / Transfer, through the sidebars only: each agent is
// signed in in their own Chromium profile and works in the CRM page's sidebar; the visitors are scripted.
test.describe.configure({ timeout: 120_000 });

const LISTEN_IN_NOTICE = 'You are listening in silently. Nobody in the chat is told, and you cannot write.';

/** Through the UI: Get next in queue, open the chat, reply, and go back to the list. */
async function pickUpAndReply(sidebar: Frame, visitorName: string, reply: string): Promise<void> {
  await expect(sidebar.getByRole('region', { name: 'In queue' }).getByText(visitorName)).toBeVisible({ timeout: 10_000 });
  await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
  const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: new RegExp(visitorName) });
  await row.click();
  const chat = sidebar.getByRole('region', { name: visitorName });
  const composer = chat.getByRole('textbox', { name: 'Message' });
  await composer.fill(reply);
  await composer.press('Enter');
  await expect(chat.getByRole('log', { name: 'Conversation' }).getByText(reply)).toBeVisible();
  await chat.getByRole('button', { name: 'Back to chats' }).click();
}

/** The Dashboard's grid, once the chat shows its agent (the lobby tells listeners who answers). */
async function openDashboard(sidebar: Frame, visitorName: string, ownerName: string) {
  await sidebar.getByRole('tab', { name: 'Dashboard' }).click();
  const grid = sidebar.getByRole('grid', { name: 'Ongoing chat sessions' });
  await expect(grid.getByRole('row', { name: new RegExp(visitorName) })).toContainText(ownerName, { timeout: 10_000 });
  return grid;
}

test.describe('listening in from the Dashboard', () => {
  const agents = useAgents(['alice', 'lars']);

  test('Lars listens in silently by keyboard and by double-click; Alice and the visitor see nothing of it', async () => {
    const ada = await startScriptedVisitor('Ada Listen', 'Invoice question');
    const ben = await startScriptedVisitor('Ben Listen', 'Delivery date');
    try {
      const alice = await sidebarOf(agents.alice);
      await pickUpAndReply(alice, 'Ada Listen', 'Hello Ada, Alice here.');
      await pickUpAndReply(alice, 'Ben Listen', 'Hello Ben.');
      // An agent without "Can listen in" has no Dashboard at all.
      await expect(alice.getByRole('tab', { name: 'Chats' })).toBeVisible();
      await expect(alice.getByRole('tab', { name: 'Dashboard' })).toHaveCount(0);

      const lars = await sidebarOf(agents.lars);
      const grid = await openDashboard(lars, 'Ada Listen', 'Alice Andersen');
      await expect(grid.getByRole('columnheader')).toHaveText(['Visitor', 'Topic', 'Agent', 'Time']);
      const adaRow = grid.getByRole('row', { name: /Ada Listen/ });
      await expect(adaRow).toContainText('Invoice question');
      await expect(adaRow).toContainText(/\d+:\d\d/);
      await expect(grid.getByRole('row', { name: /Ben Listen/ })).toContainText('Alice Andersen');

      // Keyboard: the first row is the tab stop; Arrow Down and Up move, Enter opens.
      await adaRow.focus();
      await adaRow.press('ArrowDown');
      await expect(grid.getByRole('row', { name: /Ben Listen/ })).toBeFocused();
      await lars.locator(':focus').press('ArrowUp');
      await expect(adaRow).toBeFocused();
      await adaRow.press('Enter');

      const chat = lars.getByRole('region', { name: 'Ada Listen' });
      const log = chat.getByRole('log', { name: 'Conversation' });
      await expect(log.getByText('Hello Ada, Alice here.')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByText(LISTEN_IN_NOTICE)).toBeVisible();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

      // The chat goes on live in front of Lars: the visitor writes, Alice answers in her sidebar.
      await ada.send('Is anyone there?');
      await expect(log.getByText('Is anyone there?')).toBeVisible();
      await alice.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ada Listen/ }).click();
      const aliceChat = alice.getByRole('region', { name: 'Ada Listen' });
      const aliceComposer = aliceChat.getByRole('textbox', { name: 'Message' });
      await aliceComposer.fill('Yes, I am here.');
      await aliceComposer.press('Enter');
      await expect(log.getByText('Yes, I am here.')).toBeVisible();

      // Silent: nothing in Alice's sidebar, and the visitor's chat holds only the conversation.
      await expect(aliceChat.getByRole('log').getByText('Yes, I am here.')).toBeVisible();
      await expect(alice.locator('body')).not.toContainText(/Lars|listening/i);
      await expect(aliceComposer).toBeVisible();
      expect(ada.view().transcript.map((entry) => entry.text)).toEqual(['Hello Ada, Alice here.', 'Is anyone there?', 'Yes, I am here.']);
      expect(ada.view().owner).toBe('alice');
      expect(ada.view().typing).toEqual([]);

      // Back on the Dashboard, focus returns to the row, marked; a double-click opens another chat.
      await chat.getByRole('button', { name: 'Back to Dashboard' }).click();
      await expect(adaRow).toBeFocused();
      await expect(adaRow).toContainText('Listening in');
      await grid.getByRole('row', { name: /Ben Listen/ }).dblclick();
      const benChat = lars.getByRole('region', { name: 'Ben Listen' });
      await expect(benChat.getByRole('log').getByText('Hello Ben.')).toBeVisible({ timeout: 10_000 });
      await expect(benChat.getByText(LISTEN_IN_NOTICE)).toBeVisible();
      await expect(benChat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

      // ☰ → Close window: back to the Dashboard, no longer listening to Ben; My chats stays empty.
      await chooseFromMenu(lars, benChat, 'Close window');
      await expect(grid.getByRole('row', { name: /Ben Listen/ })).toBeVisible();
      await expect(grid.getByRole('row', { name: /Ben Listen/ })).not.toContainText('Listening in');
      await lars.getByRole('tab', { name: 'Chats' }).click();
      await expect(lars.getByRole('region', { name: 'My chats' }).getByText('You have no chats yet', { exact: false })).toBeVisible();
      expect(ben.view().transcript.map((entry) => entry.text)).toEqual(['Hello Ben.']);
    } finally {
      ada.close();
      ben.close();
    }
  });
});

test.describe('a manager on the Dashboard', () => {
  const agents = useAgents(['alice', 'mia']);

  test('Mia takes over Alice’s chat: she gets the composer, Alice drops to listening mode', async () => {
    const grace = await startScriptedVisitor('Grace Takeover', 'Contract');
    try {
      const alice = await sidebarOf(agents.alice);
      await pickUpAndReply(alice, 'Grace Takeover', 'Hi Grace, Alice here.');
      await alice.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Grace Takeover/ }).click();
      const aliceChat = alice.getByRole('region', { name: 'Grace Takeover' });

      const mia = await sidebarOf(agents.mia);
      const grid = await openDashboard(mia, 'Grace Takeover', 'Alice Andersen');
      const row = grid.getByRole('row', { name: /Grace Takeover/ });
      await row.focus();
      await row.press('Enter');
      const chat = mia.getByRole('region', { name: 'Grace Takeover' });
      await expect(chat.getByRole('log').getByText('Hi Grace, Alice here.')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByText(LISTEN_IN_NOTICE)).toBeVisible();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

      await chooseFromMenu(mia, chat, 'Take over');
      const composer = chat.getByRole('textbox', { name: 'Message' });
      await expect(composer).toBeFocused({ timeout: 10_000 });
      await expect(chat.getByText(LISTEN_IN_NOTICE)).toHaveCount(0);
      await composer.fill('Mia here, I will help you from now on.');
      await composer.press('Enter');
      await expect.poll(() => grace.view().transcript.map((entry) => entry.text)).toContain('Mia here, I will help you from now on.');
      expect(grace.view().owner).toBe('mia');

      await expect(aliceChat.getByText('You are in listening mode — the chat continues with Mia Madsen')).toBeVisible({ timeout: 10_000 });
      await expect(aliceChat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
      await expect(aliceChat.getByRole('log').getByText('Mia here, I will help you from now on.')).toBeVisible();
      // The chat is Mia's own now: in her My chats.
      await mia.getByRole('tab', { name: 'Chats' }).click();
      await expect(mia.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Grace Takeover/ })).toBeVisible();
    } finally {
      grace.close();
    }
  });
});

test.describe('a manager transfers someone else’s chat', () => {
  const agents = useAgents(['alice', 'mia', 'bob']);

  test('Mia transfers Alice’s chat to Bob from the Dashboard; Bob accepts in his sidebar', async () => {
    const hedy = await startScriptedVisitor('Hedy Handover', 'Upgrade');
    try {
      const alice = await sidebarOf(agents.alice);
      await pickUpAndReply(alice, 'Hedy Handover', 'Hi Hedy, Alice here.');
      const bob = await sidebarOf(agents.bob);
      await expect(bob.getByRole('tab', { name: 'Dashboard' })).toHaveCount(0);

      const mia = await sidebarOf(agents.mia);
      const grid = await openDashboard(mia, 'Hedy Handover', 'Alice Andersen');
      await grid.getByRole('row', { name: /Hedy Handover/ }).dblclick();
      const chat = mia.getByRole('region', { name: 'Hedy Handover' });
      await expect(chat.getByRole('log').getByText('Hi Hedy, Alice here.')).toBeVisible({ timeout: 10_000 });

      await chooseFromMenu(mia, chat, 'Transfer');
      const dialog = mia.getByRole('dialog', { name: 'Transfer to' });
      // The chat's own agent is not a choice.
      await expect(dialog.getByRole('radio', { name: /Bob Berg/ })).toBeVisible({ timeout: 10_000 });
      await expect(dialog.getByRole('radio', { name: /Alice Andersen/ })).toHaveCount(0);
      await dialog.getByRole('radio', { name: /Bob Berg/ }).check();
      await dialog.getByRole('textbox', { name: 'Note' }).fill('Upgrade, please take it');
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(chat.getByText('Waiting for Bob Berg')).toBeVisible();

      const offered = bob.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Hedy Handover/ });
      await expect(offered).toContainText('Transferred to you by Mia Madsen', { timeout: 10_000 });
      await offered.click();
      const bobChat = bob.getByRole('region', { name: 'Hedy Handover' });
      await expect(bobChat.getByText('Note: Upgrade, please take it')).toBeVisible();
      await bobChat.getByRole('button', { name: 'Accept transfer' }).click();
      const composer = bobChat.getByRole('textbox', { name: 'Message' });
      await expect(composer).toBeFocused({ timeout: 10_000 });
      await composer.fill('Bob here, let us upgrade you.');
      await composer.press('Enter');
      await expect.poll(() => hedy.view().owner).toBe('bob');
      await expect.poll(() => hedy.view().transcript.map((entry) => entry.text)).toContain('Bob here, let us upgrade you.');

      // Alice drops to listening mode; Mia keeps listening in, read-only.
      await alice.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Hedy Handover/ }).click();
      const aliceChat = alice.getByRole('region', { name: 'Hedy Handover' });
      await expect(aliceChat.getByText('You are in listening mode — the chat continues with Bob Berg')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByRole('log').getByText('Bob here, let us upgrade you.')).toBeVisible();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
    } finally {
      hedy.close();
    }
  });
});
