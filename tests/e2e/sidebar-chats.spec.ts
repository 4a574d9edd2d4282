import type { Frame } from '@playwright/test';
import { chatOf } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

const myChats = (sidebar: Frame) => sidebar.getByRole('region', { name: 'My chats' });
const rowOf = (sidebar: Frame, visitorName: string) => myChats(sidebar).getByRole('button', { name: new RegExp(visitorName) });

/** The chat is open: its heading, and the visitor's own words in its transcript. */
async function expectOpen(sidebar: Frame, visitorName: string, visitorSaid: string): Promise<void> {
  const chat = sidebar.getByRole('region', { name: visitorName });
  await expect(chat.getByRole('heading', { name: visitorName })).toBeVisible();
  await expect(chat.getByRole('log').getByText(visitorSaid)).toBeVisible();
  await expect(myChats(sidebar)).toHaveCount(0);
}

async function backToChats(sidebar: Frame): Promise<void> {
  await sidebar.getByRole('button', { name: 'Back to chats' }).click();
  await expect(myChats(sidebar)).toBeVisible();
}

test.describe('My chats: one chat after another', () => {
  const agents = useAgents(['alice', 'bob']);

  test('Alice opens two chats in turn by click and by keyboard, also after closing the window of a chat she only listens to', async () => {
    test.setTimeout(90_000);
    const { alice, bob } = agents;
    const ada = await startScriptedVisitor('Ada Again', 'Invoice question');
    const ben = await startScriptedVisitor('Ben Second', 'Parcel not delivered');
    try {
      await ada.send('Ada asks about invoice 41.');
      await ben.send('Ben misses parcel 77.');
      const crm = new CrmPage(await alice.context.newPage());
      await crm.open();
      const sidebar = await crm.sidebar();
      const queue = sidebar.getByRole('region', { name: 'In queue' });
      await expect(queue.getByText('Ben Second')).toBeVisible({ timeout: 10_000 });
      await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
      await expect(rowOf(sidebar, 'Ada Again')).toBeVisible();
      await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
      await expect(rowOf(sidebar, 'Ben Second')).toBeVisible();

      // By click: first, back, second, back, first again.
      await rowOf(sidebar, 'Ada Again').click();
      await expectOpen(sidebar, 'Ada Again', 'Ada asks about invoice 41.');
      await backToChats(sidebar);
      await expect(rowOf(sidebar, 'Ada Again')).toBeFocused();
      await rowOf(sidebar, 'Ben Second').click();
      await expectOpen(sidebar, 'Ben Second', 'Ben misses parcel 77.');
      await backToChats(sidebar);
      await rowOf(sidebar, 'Ada Again').click();
      await expectOpen(sidebar, 'Ada Again', 'Ada asks about invoice 41.');
      await backToChats(sidebar);

      // By keyboard: focus is back on Ada's row; Tab to Ben's and Enter, then back and Enter on Ada's.
      await expect(rowOf(sidebar, 'Ada Again')).toBeFocused();
      await rowOf(sidebar, 'Ada Again').press('Tab');
      await expect(rowOf(sidebar, 'Ben Second')).toBeFocused();
      await rowOf(sidebar, 'Ben Second').press('Enter');
      await expectOpen(sidebar, 'Ben Second', 'Ben misses parcel 77.');
      await expect(sidebar.getByRole('heading', { name: 'Ben Second' })).toBeFocused();
      await sidebar.getByRole('button', { name: 'Back to chats' }).press('Enter');
      await expect(rowOf(sidebar, 'Ben Second')).toBeFocused();
      await rowOf(sidebar, 'Ada Again').press('Enter');
      await expectOpen(sidebar, 'Ada Again', 'Ada asks about invoice 41.');

      // Ada goes to Bob: Alice listens, closes the window, and opens Ben's chat next.
      expect((await alice.command({ type: 'transfer', chatId: ada.chatId, to: 'bob', note: '' })).ok).toBe(true);
      await expect.poll(async () => (await chatOf(bob, ada.chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
      const transferId = (await chatOf(bob, ada.chatId))!.pendingOffer!.transferId;
      expect((await bob.command({ type: 'accept-transfer', chatId: ada.chatId, transferId })).ok).toBe(true);
      const adaChat = sidebar.getByRole('region', { name: 'Ada Again' });
      await expect(adaChat.getByText('You are in listening mode — the chat continues with Bob Berg')).toBeVisible({ timeout: 10_000 });
      await adaChat.getByRole('button', { name: 'Chat menu' }).click();
      await sidebar.getByRole('menuitem', { name: 'Close window' }).click();
      await expect(myChats(sidebar)).toBeVisible();
      await expect(rowOf(sidebar, 'Ada Again')).toHaveCount(0);
      await rowOf(sidebar, 'Ben Second').click();
      await expectOpen(sidebar, 'Ben Second', 'Ben misses parcel 77.');
      await backToChats(sidebar);
      await rowOf(sidebar, 'Ben Second').press('Enter');
      await expectOpen(sidebar, 'Ben Second', 'Ben misses parcel 77.');
    } finally {
      ada.close();
      ben.close();
    }
  });
});
