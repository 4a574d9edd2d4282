import type { BrowserContext, Frame, Page } from '@playwright/test';
import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { CrmPage } from './support/crm-page.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

/** The labels the tests look for, per language (product.md's English/Danish table). */
const EN = {
  signInAs: 'Sign in as',
  signIn: 'Sign in',
  signedInAs: 'Signed in as Alice Andersen',
  inQueue: 'In queue',
  getNext: 'Get next in queue',
  myChats: 'My chats',
  message: 'Message',
  conversation: 'Conversation',
  chatMenu: 'Chat menu',
  transfer: 'Transfer',
  transferTo: 'Transfer to',
  search: 'Search agents',
  note: 'Note',
  waiting: 'Waiting for Bob Berg',
  timeLeft: /\d:\d\d left/,
  cancelTransfer: 'Cancel transfer',
  listening: 'You are in listening mode — the chat continues with Bob Berg',
  closeWindow: 'Close window',
};
type Labels = typeof EN;
const DA: Labels = {
  signInAs: 'Log ind som',
  signIn: 'Log ind',
  signedInAs: 'Logget ind som Alice Andersen',
  inQueue: 'I kø',
  getNext: 'Hent næste fra køen',
  myChats: 'Mine chatsamtaler',
  message: 'Besked',
  conversation: 'Samtale',
  chatMenu: 'Chatmenu',
  transfer: 'Overfør',
  transferTo: 'Overfør til',
  search: 'Søg efter repræsentanter',
  note: 'Note',
  waiting: 'Venter på Bob Berg',
  timeLeft: /\d:\d\d tilbage/,
  cancelTransfer: 'Annuller overførsel',
  listening: 'Du er i lyttetilstand — chatten fortsætter med Bob Berg',
  closeWindow: 'Luk vindue',
};

/** Alice signs in on the options page, as an agent does, and opens the CRM with the sidebar. */
async function signInAlice(context: BrowserContext, page: Page, extensionId: string, L: Labels = EN): Promise<Frame> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    (port) => chrome.storage.local.set({ connection: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false } }),
    E2E_PORT,
  );
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('combobox', { name: L.signInAs }).selectOption({ label: 'Alice Andersen' });
  await options.getByRole('button', { name: L.signIn, exact: true }).click();
  await expect(options.getByText(L.signedInAs)).toBeVisible();
  await options.close();
  const crm = new CrmPage(page);
  await crm.open();
  return crm.sidebar();
}

/** Through the UI: pick up the visitor, open the chat, reply, and transfer it to Bob with a note. */
async function pickUpReplyAndTransfer(sidebar: Frame, visitorName: string, L: Labels = EN): Promise<void> {
  await expect(sidebar.getByRole('region', { name: L.inQueue }).getByText(visitorName)).toBeVisible({ timeout: 10_000 });
  await sidebar.getByRole('button', { name: L.getNext }).click();
  const row = sidebar.getByRole('region', { name: L.myChats }).getByRole('button', { name: new RegExp(visitorName) });
  await expect(row).toBeVisible();
  await row.focus();
  await row.press('Enter');

  const chat = sidebar.getByRole('region', { name: visitorName });
  await expect(chat.getByRole('heading', { name: visitorName })).toBeVisible();
  const composer = chat.getByRole('textbox', { name: L.message });
  await composer.fill('Hello, let me look into that.');
  await composer.press('Enter');
  const log = chat.getByRole('log', { name: L.conversation });
  await expect(log.getByText('Hello, let me look into that.')).toBeVisible();
  await expect(composer).toHaveValue('');

  await chat.getByRole('button', { name: L.chatMenu }).click();
  await sidebar.getByRole('menuitem', { name: L.transfer, exact: true }).click();
  const dialog = sidebar.getByRole('dialog', { name: L.transferTo });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox', { name: L.search }).fill('bob');
  await dialog.getByRole('radio', { name: /Bob Berg/ }).check({ timeout: 10_000 });
  await dialog.getByRole('textbox', { name: L.note }).fill('Billing question');
  await dialog.getByRole('button', { name: L.transfer, exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(chat.getByText(L.waiting)).toBeVisible();
  await expect(chat.getByText(L.timeLeft)).toBeVisible();
  await expect(chat.getByRole('button', { name: L.cancelTransfer })).toBeVisible();
}

async function offerTo(bob: BatonBackground, chatId: string): Promise<string> {
  await expect.poll(async () => (await chatOf(bob, chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
  const offer = (await chatOf(bob, chatId))!.pendingOffer!;
  expect(offer.note).toBe('Billing question');
  return offer.transferId;
}

test.describe('the transfer through the sidebar UI', () => {
  let bob: BatonBackground;

  test.beforeEach(async () => {
    bob = await launchAgent('bob');
  });

  test.afterEach(async () => {
    await bob.context.close();
  });

  test('Alice transfers to Bob, Bob accepts, Alice listens and closes the window', async ({ context, page, extensionId }) => {
    const sidebar = await signInAlice(context, page, extensionId);
    const visitor = await startScriptedVisitor('Ada Transfer', 'Invoice question');
    try {
      await pickUpReplyAndTransfer(sidebar, 'Ada Transfer');
      await expect.poll(() => visitor.view().transcript.map((entry) => entry.text)).toContain('Hello, let me look into that.');

      const transferId = await offerTo(bob, visitor.chatId);
      expect(await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId })).toEqual({ ok: true });

      const chat = sidebar.getByRole('region', { name: 'Ada Transfer' });
      await expect(chat.getByText('You are in listening mode — the chat continues with Bob Berg')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

      // Listening: the chat goes on in front of Alice.
      await bob.command({ type: 'send', chatId: visitor.chatId, text: 'Bob here, I will take it from here.' });
      await expect(chat.getByRole('log').getByText('Bob here, I will take it from here.')).toBeVisible();

      // Keyboard only: the menu opens on its first item, End moves to the last (Close window).
      await chat.getByRole('button', { name: 'Chat menu' }).press('ArrowDown');
      await expect(sidebar.getByRole('menuitem').first()).toBeFocused();
      await sidebar.getByRole('menuitem').first().press('End');
      const close = sidebar.getByRole('menuitem', { name: 'Close window' });
      await expect(close).toBeFocused();
      await close.press('Enter');
      const myChats = sidebar.getByRole('region', { name: 'My chats' });
      await expect(myChats).toBeVisible();
      await expect(myChats.getByText('Ada Transfer')).toHaveCount(0);
    } finally {
      visitor.close();
    }
  });

  test('Bob rejects: Alice sees why and creates a request, and the composer names it', async ({ context, page, extensionId }) => {
    const sidebar = await signInAlice(context, page, extensionId);
    const visitor = await startScriptedVisitor('Grace Reject', 'Parcel not delivered');
    try {
      await pickUpReplyAndTransfer(sidebar, 'Grace Reject');
      const transferId = await offerTo(bob, visitor.chatId);
      expect(await bob.command({ type: 'reject-transfer', chatId: visitor.chatId, transferId, reason: 'Busy' })).toEqual({ ok: true });

      const chat = sidebar.getByRole('region', { name: 'Grace Reject' });
      await expect(chat.getByText('Bob Berg rejected the transfer.')).toBeVisible({ timeout: 10_000 });
      // The receiver's words reach the sender, as text.
      await expect(chat.getByText('Reason: Busy')).toBeVisible();
      // The header says who is signed in.
      await expect(sidebar.getByText('Signed in as Alice Andersen')).toBeVisible();
      await expect(chat.getByText('Waiting for Bob Berg')).toHaveCount(0);
      await chat.getByRole('button', { name: 'Create request' }).click();
      const form = chat.getByRole('form', { name: 'Create request' });
      await expect(form.getByRole('textbox', { name: 'Request title' })).toHaveValue('Parcel not delivered');
      await form.getByRole('button', { name: 'Create request' }).click();
      await expect(chat.getByText(/^Request #\d+ created$/)).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue(/^I have created request #\d+ for you\.$/);

      // Back to the list: the focus returns to the chat's row, and the draft is kept for later.
      await chat.getByRole('button', { name: 'Back to chats' }).click();
      const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Grace Reject/ });
      await expect(row).toBeFocused();
      await row.press('Enter');
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue(/^I have created request #\d+ for you\.$/);
    } finally {
      visitor.close();
    }
  });

  test('Alice cancels before Bob answers: the offer is gone and she is told', async ({ context, page, extensionId }) => {
    const sidebar = await signInAlice(context, page, extensionId);
    const visitor = await startScriptedVisitor('Lin Cancel', 'Returns');
    try {
      await pickUpReplyAndTransfer(sidebar, 'Lin Cancel');
      await offerTo(bob, visitor.chatId);
      const chat = sidebar.getByRole('region', { name: 'Lin Cancel' });
      await chat.getByRole('button', { name: 'Cancel transfer' }).click();
      await expect(chat.getByText('The transfer to Bob Berg was cancelled.')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByText('Waiting for Bob Berg')).toHaveCount(0);
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond ?? false).toBe(false);
      await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();

      // The chat goes on: Alice sees the visitor typing, then the message.
      await visitor.typing(true);
      await expect(chat.getByText('Lin Cancel is typing…')).toBeVisible();
      await visitor.send('OK, thanks');
      await expect(chat.getByRole('log').getByText('OK, thanks')).toBeVisible();
      await expect(chat.getByText('Lin Cancel is typing…')).toHaveCount(0);
    } finally {
      visitor.close();
    }
  });

  test('Bob transfers to Alice: she is told, reads the note and accepts, and gets the composer', async ({ context, page, extensionId }) => {
    const sidebar = await signInAlice(context, page, extensionId);
    const visitor = await startScriptedVisitor('Hedy Incoming', 'Upgrade');
    try {
      await pickUp(bob, visitor.chatId, ['alice']);
      await visitor.send('Can I upgrade my plan?');
      expect(await bob.command({ type: 'transfer', chatId: visitor.chatId, to: 'alice', note: 'VIP customer' })).toEqual({ ok: true });

      await expect(sidebar.locator('[aria-live="assertive"]')).toHaveText('Transfer from Bob Berg', { timeout: 10_000 });
      const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Hedy Incoming/ });
      await expect(row).toContainText('Transferred to you by Bob Berg');
      await row.click();

      const chat = sidebar.getByRole('region', { name: 'Hedy Incoming' });
      await expect(chat.getByRole('log').getByText('Can I upgrade my plan?')).toBeVisible();
      await expect(chat.getByText('Note: VIP customer')).toBeVisible();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
      await chat.getByRole('button', { name: 'Accept transfer' }).click();

      const composer = chat.getByRole('textbox', { name: 'Message' });
      await expect(composer).toBeFocused({ timeout: 10_000 });
      await expect(chat.getByRole('button', { name: 'Accept transfer' })).toHaveCount(0);
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.myRole).toBe('listening');
      await composer.fill('Hi Hedy, Alice here.');
      await composer.press('Enter');
      await expect.poll(() => visitor.view().transcript.map((entry) => entry.text)).toContain('Hi Hedy, Alice here.');
    } finally {
      visitor.close();
    }
  });
});

test.describe('the transfer through the sidebar UI, in Danish', () => {
  test.use({ browserLanguage: 'da' });
  let bob: BatonBackground;

  test.beforeEach(async () => {
    bob = await launchAgent('bob');
  });

  test.afterEach(async () => {
    await bob.context.close();
  });

  test('Alice overfører til Bob, Bob accepterer, Alice er i lyttetilstand og lukker vinduet', async ({ context, page, extensionId }) => {
    const sidebar = await signInAlice(context, page, extensionId, DA);
    await expect(sidebar.getByText('Logget ind som Alice Andersen')).toBeVisible();
    const visitor = await startScriptedVisitor('Ada Dansk', 'Faktura');
    try {
      await pickUpReplyAndTransfer(sidebar, 'Ada Dansk', DA);
      const transferId = await offerTo(bob, visitor.chatId);
      expect(await bob.command({ type: 'accept-transfer', chatId: visitor.chatId, transferId })).toEqual({ ok: true });
      const chat = sidebar.getByRole('region', { name: 'Ada Dansk' });
      await expect(chat.getByText(DA.listening)).toBeVisible({ timeout: 10_000 });
      await chat.getByRole('button', { name: DA.chatMenu }).click();
      await sidebar.getByRole('menuitem', { name: DA.closeWindow }).click();
      await expect(sidebar.getByRole('region', { name: DA.myChats }).getByText('Ada Dansk')).toHaveCount(0);
    } finally {
      visitor.close();
    }
  });
});
