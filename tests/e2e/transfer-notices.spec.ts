import type { Frame } from '@playwright/test';
import { chatOf, pickUp } from './support/agents.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// Issue 13's notices, through Alice's sidebar (Bob acts from his own browser's background): an offer that arrives
// while she is inside another chat, an offer cancelled while she has it open, an offer to a colleague who goes Away,
// and a refused command's error — each in English and in Danish, where no English text may show.
const EN = {
  myChats: 'My chats',
  message: 'Message',
  chatMenu: 'Chat menu',
  transfer: 'Transfer',
  transferTo: 'Transfer to',
  banner: 'Transfer offered to you',
  bannerText: (visitor: string) => `Bob Berg wants to transfer ${visitor} to you.`,
  accept: 'Accept transfer',
  open: 'Open transfer',
  cancelledBy: 'Bob Berg cancelled the transfer.',
  offerPending: 'Another transfer of this chat is waiting for an answer.',
  wentAway: 'Bob Berg went away; the transfer ended.',
  waiting: 'Waiting for Bob Berg',
  backToChats: 'Back to chats',
  /** Bob owns one chat (Lin's, whose offer he cancelled): the singular form. */
  agentChats: /· 1 chat$/,
};
type Labels = typeof EN;
const DA: Labels = {
  myChats: 'Mine chatsamtaler',
  message: 'Besked',
  chatMenu: 'Chatmenu',
  transfer: 'Overfør',
  transferTo: 'Overfør til',
  banner: 'Overførsel tilbudt dig',
  bannerText: (visitor: string) => `Bob Berg vil overføre ${visitor} til dig.`,
  accept: 'Accepter overførsel',
  open: 'Åbn overførsel',
  cancelledBy: 'Bob Berg annullerede overførslen.',
  offerPending: 'En anden overførsel af denne chat venter på svar.',
  wentAway: 'Bob Berg er ikke længere til stede; overførslen sluttede.',
  waiting: 'Venter på Bob Berg',
  backToChats: 'Tilbage til chatsamtaler',
  agentChats: /· 1 chatsamtale$/,
};
/** English words that must not show in Danish mode in these states. */
const ENGLISH = /\b(the|transfer|cancelled|went|ended|waiting|answer)\b/i;

async function sidebarIn(alice: BatonBackground, language: 'en' | 'da'): Promise<Frame> {
  await alice.worker().evaluate((lang) => chrome.storage.local.set({ language: lang, shownLanguage: lang }), language);
  return sidebarOf(alice);
}

async function openFromMyChats(sidebar: Frame, L: Labels, visitorName: string) {
  await sidebar.getByRole('region', { name: L.myChats }).getByRole('button', { name: new RegExp(visitorName) }).click();
  const chat = sidebar.getByRole('region', { name: visitorName });
  await expect(chat.getByRole('heading', { name: visitorName })).toBeVisible();
  return chat;
}

/** Bob picks up the visitor's chat and offers it to Alice. */
async function bobOffersToAlice(bob: BatonBackground, alice: BatonBackground, chatId: string) {
  await pickUp(bob, chatId, ['alice']);
  expect(await bob.command({ type: 'transfer', chatId, to: 'alice', note: '' })).toEqual({ ok: true });
  await expect.poll(async () => (await chatOf(alice, chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
  return (await chatOf(alice, chatId))!.pendingOffer!.transferId;
}

for (const [language, L] of [['en', EN], ['da', DA]] as const) {
  test.describe(`transfer notices in the sidebar (${language})`, () => {
    const agents = useAgents(['alice', 'bob']);

    test('an offer while in another chat shows at once; a cancelled offer says so; a refused transfer says why', async () => {
      test.setTimeout(90_000);
      const { alice, bob } = agents;
      const sidebar = await sidebarIn(alice, language);
      const ada = await startScriptedVisitor('Ada Notice', 'Invoice');
      const hedy = await startScriptedVisitor('Hedy Notice', 'Upgrade');
      const lin = await startScriptedVisitor('Lin Notice', 'Returns');
      try {
        await pickUp(alice, ada.chatId, ['bob']);
        const adaChat = await openFromMyChats(sidebar, L, 'Ada Notice');

        // 3. Inside Ada's chat, Bob's offer of Hedy's chat shows at once, and is announced.
        await bobOffersToAlice(bob, alice, hedy.chatId);
        const banner = sidebar.getByRole('region', { name: L.banner });
        await expect(banner).toContainText(L.bannerText('Hedy Notice'), { timeout: 10_000 });
        await expect(sidebar.locator('[aria-live="assertive"]')).toContainText('Bob Berg');
        await expect(adaChat.getByRole('textbox', { name: L.message })).toBeVisible();
        await banner.getByRole('button', { name: L.accept }).click();
        const hedyChat = sidebar.getByRole('region', { name: 'Hedy Notice' });
        await expect(hedyChat.getByRole('textbox', { name: L.message })).toBeVisible({ timeout: 10_000 });
        await expect.poll(() => hedy.view().owner, { timeout: 10_000 }).toBe('alice');
        await expect(banner).toHaveCount(0);

        // 4. Bob offers Lin's chat; Alice opens it from the banner; Bob cancels: she is told, not dropped to the list.
        await bobOffersToAlice(bob, alice, lin.chatId);
        await banner.getByRole('button', { name: L.open }).click();
        const linChat = sidebar.getByRole('region', { name: 'Lin Notice' });
        await expect(linChat.getByRole('button', { name: L.accept })).toBeVisible();
        const transferId = (await chatOf(bob, lin.chatId))!.pendingOffer!.transferId;
        expect(await bob.command({ type: 'cancel-transfer', chatId: lin.chatId, transferId })).toEqual({ ok: true });
        await expect(linChat.getByRole('status').filter({ hasText: L.cancelledBy })).toBeVisible({ timeout: 10_000 });
        await expect(linChat.getByRole('button', { name: L.accept })).toHaveCount(0);
        if (language === 'da') expect(await linChat.innerText()).not.toMatch(ENGLISH);

        // A refused command: Alice's transfer dialog is open while her other tab already offered the chat.
        await linChat.getByRole('button', { name: L.backToChats }).click();
        const again = await openFromMyChats(sidebar, L, 'Ada Notice');
        await again.getByRole('button', { name: L.chatMenu }).click();
        await sidebar.getByRole('menuitem', { name: L.transfer, exact: true }).click();
        const dialog = sidebar.getByRole('dialog', { name: L.transferTo });
        const bobOption = dialog.getByRole('radio', { name: /Bob Berg/ });
        await expect(bobOption).toHaveAccessibleName(L.agentChats, { timeout: 10_000 });
        await bobOption.check();
        expect(await alice.command({ type: 'transfer', chatId: ada.chatId, to: 'bob', note: '' })).toEqual({ ok: true });
        await dialog.getByRole('button', { name: L.transfer, exact: true }).click();
        await expect(dialog.getByRole('alert')).toHaveText(L.offerPending);
        if (language === 'da') expect(await dialog.innerText()).not.toMatch(ENGLISH);
      } finally {
        ada.close();
        hedy.close();
        lin.close();
      }
    });

    test('an offer to a colleague who goes Away ends, and the sender is told', async () => {
      test.setTimeout(60_000);
      const { alice, bob } = agents;
      const sidebar = await sidebarIn(alice, language);
      const grace = await startScriptedVisitor('Grace Away', 'Billing');
      try {
        await pickUp(alice, grace.chatId, ['bob']);
        const chat = await openFromMyChats(sidebar, L, 'Grace Away');
        expect(await alice.command({ type: 'transfer', chatId: grace.chatId, to: 'bob', note: 'Billing' })).toEqual({ ok: true });
        await expect(chat.getByText(L.waiting)).toBeVisible();
        await expect.poll(async () => (await chatOf(bob, grace.chatId))?.canRespond, { timeout: 10_000 }).toBe(true);

        expect(await bob.command({ type: 'set-status', status: 'away' })).toMatchObject({ ok: true });
        await expect(chat.getByText(L.wentAway)).toBeVisible({ timeout: 10_000 });
        await expect(chat.getByText(L.waiting)).toHaveCount(0);
        await expect(chat.getByRole('textbox', { name: L.message })).toBeVisible();
        await expect.poll(async () => (await chatOf(bob, grace.chatId))?.canRespond ?? false).toBe(false);
        expect(grace.view().owner).toBe('alice');
        if (language === 'da') expect(await chat.innerText()).not.toMatch(ENGLISH);
      } finally {
        grace.close();
      }
    });
  });
}
