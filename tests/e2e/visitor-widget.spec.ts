import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { chatOf } from './support/agents.ts';
import { audit } from './support/axe.ts';
import { chromiumPath, E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { chooseFromMenu, pickUpAndOpen, sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// The website widget as a customer meets it: the demo's "Nordlys Software" site (a strict CSP, one script tag with
// data-* settings) in a plain Chromium, against agents in the built extension. Alice answers in her sidebar and
// transfers to Bob, whose extension accepts; the visitor moves to another page mid-chat and goes on in the same chat.

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
});
test.afterAll(async () => {
  await browser.close();
});

/** A visitor's tab, failing the test on any script error or CSP violation on the customer's page. */
async function visitorPage(locale: string): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return { page, problems, close: () => context.close() };
}

async function expectNoSeriousAxe(page: Page, state: string) {
  const result = await audit(page, `widget: ${state}`);
  expect(result.passed, `axe checked something in ${state}`).toBeGreaterThan(0);
  expect(result.serious.map((v) => v.id), state).toEqual([]);
}

test.describe('the chat widget on a customer website', () => {
  const agents = useAgents(['alice', 'bob']);
  // A whole chat across two pages, two agents and five axe runs, on a shared 2-core machine.
  test.setTimeout(150_000);

  test('one tag under a strict CSP: pre-chat, chat with Alice, another page, transfer to Bob, the end', async () => {
    const { alice, bob } = agents;
    const visitor = await visitorPage('en-US');
    const { page } = visitor;
    const visitorName = `Erik Eriksen ${Date.now() % 100_000}`;
    try {
      await page.goto(`${ORIGIN}/visit/`);
      await expect(page).toHaveTitle('Nordlys Software – Support');
      // One global, and the widget's DOM is in its own shadow root.
      expect(await page.evaluate(() => [typeof (window as { Baton?: unknown }).Baton, document.querySelectorAll('baton-chat').length, document.querySelector('baton-chat')?.shadowRoot !== null])).toEqual(['object', 1, true]);
      const launcher = page.getByRole('button', { name: 'Chat with us' });
      await expect(launcher).toBeVisible();
      await expectNoSeriousAxe(page, 'closed');

      await launcher.click();
      const widget = page.getByRole('dialog', { name: 'Nordlys Support' });
      await expect(widget.getByLabel('Your name')).toBeFocused();
      await expectNoSeriousAxe(page, 'pre-chat');
      // The form says what is missing and puts the focus there.
      await widget.getByRole('button', { name: 'Start chat' }).click();
      await expect(widget.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
      await widget.getByLabel('Your name').fill(visitorName);
      await widget.getByLabel('Email').fill('erik@example.com');
      await widget.getByLabel('Topic').selectOption('Billing');
      await widget.getByRole('button', { name: 'Start chat' }).click();

      const status = widget.getByRole('status');
      const log = widget.getByRole('log', { name: 'Conversation' });
      const message = widget.getByRole('textbox', { name: 'Message' });
      await expect(status).toHaveText('Waiting for an agent…');
      await message.fill('My invoice shows <b>the wrong</b> VAT rate.');
      await message.press('Enter');
      await expect(log).toContainText('My invoice shows <b>the wrong</b> VAT rate.');
      await expectNoSeriousAxe(page, 'waiting');

      // Alice, in her sidebar, sees the visitor's name, email and words as text.
      const sidebar = await sidebarOf(alice);
      const chat = await pickUpAndOpen(sidebar, visitorName);
      await expect(chat.getByText('My invoice shows <b>the wrong</b> VAT rate.')).toBeVisible();
      await expect(status).toHaveText('You are chatting with Alice Andersen');
      await expect(log).toContainText('Alice Andersen has joined the chat');
      const composer = chat.getByRole('textbox', { name: 'Message' });
      await composer.pressSequentially('Hi Erik');
      await expect(widget.getByText('Alice Andersen is typing…')).toBeVisible();
      await composer.press('Enter');
      await expect(log).toContainText('Hi Erik');
      await expectNoSeriousAxe(page, 'chatting');

      // Another page of the site, mid-chat: the same chat goes on (no pre-chat form, the log is back).
      await page.getByRole('link', { name: 'Pricing' }).first().click();
      await expect(page).toHaveTitle('Nordlys Software – Pricing');
      await expect(status).toHaveText('You are chatting with Alice Andersen');
      await expect(log).toContainText('Hi Erik');
      await expect(widget.getByLabel('Your name')).toBeHidden();
      // "… has joined" stays where it happened, not after everything that came before the page change.
      await expect(log.getByRole('listitem')).toHaveText([/My invoice shows/, 'Alice Andersen has joined the chat', /Hi Erik/]);
      await message.fill('Still here, on the pricing page.');
      await message.press('Enter');
      await expect(chat.getByText('Still here, on the pricing page.')).toBeVisible();

      // Minimised: the launcher counts what Alice writes.
      await widget.getByRole('button', { name: 'Minimise chat' }).click();
      await composer.fill('Let me ask Bob.');
      await composer.press('Enter');
      await expect(page.getByRole('button', { name: 'Chat with us (1 unread message)' })).toBeVisible();
      // A reload keeps the chat minimised and the count: what was read stays read.
      await page.reload();
      await expect(page.getByRole('button', { name: 'Chat with us (1 unread message)' })).toBeVisible();
      await page.getByRole('button', { name: /Chat with us/ }).click();
      await expect(log).toContainText('Let me ask Bob.');
      await expect(page.getByRole('button', { name: /unread/ })).toHaveCount(0);

      // Alice transfers to Bob; Bob's extension accepts; the visitor is told who joined.
      const chatId = (await alice.snapshot())!.chats.find((c) => c.myRole === 'owner')!.chatId;
      await expect.poll(async () => (await alice.snapshot())?.agents.find((a) => a.clientId === 'bob')?.status, { timeout: 10_000 }).toBe('present');
      await chooseFromMenu(sidebar, chat, 'Transfer');
      const dialog = sidebar.getByRole('dialog', { name: 'Transfer to' });
      await dialog.getByRole('radio', { name: /Bob Berg/ }).check({ timeout: 10_000 });
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
      await expect(status).toHaveText('You are being transferred to Bob Berg…');
      await expect.poll(async () => (await chatOf(bob, chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
      const offer = (await chatOf(bob, chatId))!.pendingOffer!;
      expect((await bob.command({ type: 'accept-transfer', chatId, transferId: offer.transferId })).ok).toBe(true);
      await expect(log).toContainText('Bob Berg has joined the chat');
      await expect(status).toHaveText('You are chatting with Bob Berg');

      // Bob ends the chat: the visitor sees it end, keeps the log, and can start a new one.
      expect((await bob.command({ type: 'end-chat', chatId })).ok).toBe(true);
      await expect(status).toHaveText(/The chat has ended/);
      await expect(widget.getByRole('button', { name: 'Start a new chat' })).toBeVisible();
      await expect(message).toBeHidden();
      await expectNoSeriousAxe(page, 'ended');
      // The ended chat is not resumed on the next page.
      await page.reload();
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await expect(page.getByRole('dialog', { name: 'Nordlys Support' }).getByLabel('Your name')).toBeVisible();
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  });

  test('the same site in Danish: the widget speaks Danish from the page, and Alice ends the chat', async () => {
    const { alice } = agents;
    const visitor = await visitorPage('da-DK');
    const { page } = visitor;
    const visitorName = `Karen Jensen ${Date.now() % 100_000}`;
    try {
      await page.goto(`${ORIGIN}/visit/da/`);
      await page.getByRole('button', { name: 'Chat med os' }).click();
      const widget = page.getByRole('dialog', { name: 'Nordlys Support' });
      await widget.getByLabel('Dit navn').fill(visitorName);
      await widget.getByLabel('E-mail').fill('karen@example.dk');
      await widget.getByLabel('Emne').selectOption('Fakturering');
      await widget.getByRole('button', { name: 'Start chat' }).click();
      const status = widget.getByRole('status');
      await expect(status).toHaveText('Venter på en repræsentant…');
      await expectNoSeriousAxe(page, 'waiting (da)');

      const sidebar = await sidebarOf(alice);
      const chat: Locator = await pickUpAndOpen(sidebar, visitorName);
      await expect(status).toHaveText('Du chatter med Alice Andersen');
      await expect(widget.getByRole('log', { name: 'Samtale' })).toContainText('Alice Andersen er kommet ind i chatten');
      await page.getByRole('link', { name: 'Priser' }).click();
      await expect(status).toHaveText('Du chatter med Alice Andersen');

      await chooseFromMenu(sidebar, chat, 'End chat');
      await sidebar.getByRole('alertdialog').getByRole('button', { name: 'End chat' }).click();
      await expect(status).toHaveText(/Chatten er afsluttet/);
      await expect(widget.getByRole('button', { name: 'Start en ny chat' })).toBeVisible();
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});

test('settings in code: Baton.init on a page whose tag has none, and Baton.open from the page’s own button', async () => {
  const visitor = await visitorPage('en-US');
  const { page } = visitor;
  try {
    await page.goto(`${ORIGIN}/visit/code.html`);
    // Danish because the settings say so (the page itself is English), on the left.
    const launcher = page.getByRole('button', { name: 'Chat med os' });
    await expect(launcher).toBeVisible();
    expect((await launcher.boundingBox())!.x).toBeLessThan(300);
    await page.getByRole('button', { name: 'Ask a developer' }).click();
    const widget = page.getByRole('dialog', { name: 'Nordlys Code Support' });
    await expect(widget.getByLabel('Dit navn')).toBeFocused();
    // Only the name is asked.
    await expect(widget.getByLabel('E-mail')).toHaveCount(0);
    await expect(widget.getByLabel('Emne')).toHaveCount(0);
    await widget.getByLabel('Dit navn').fill('Dev Eloper');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await expect(widget.getByRole('status')).toHaveText('Venter på en repræsentant…');
    await expect(widget.getByText('Vi har lukket nu. Skriv alligevel, så svarer vi i morgen.')).toBeVisible();
    await widget.getByRole('button', { name: 'Afslut chat' }).click();
    await expect(widget.getByRole('button', { name: 'Start en ny chat' })).toBeFocused();
    expect(visitor.problems).toEqual([]);
  } finally {
    await visitor.close();
  }
});
