import { chromium, type Browser } from '@playwright/test';
import { expect, test } from './support/extension-context.ts';
import { startHeadlessAgent, until } from '../../lib/session/headless-agent.ts';
import { chromiumPath, E2E_PORT } from './support/environment.ts';

// The customer's side of a transfer, in a plain Chromium page (no extension): the visitor page's widget against the
// e2e server, with Alice and Bob played by headless agents (the extension's own session code in Node).

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
type Agent = Awaited<ReturnType<typeof startHeadlessAgent>>;

let browser: Browser;
const agents: Agent[] = [];

test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
});

// Each test meets a fresh server (extension-context.ts): its agents end with it rather than reconnect to the next one.
test.afterEach(() => {
  for (const agent of agents.splice(0)) agent.stop();
});

test.afterAll(async () => {
  await browser.close();
});

async function agent(agentId: string, name: string): Promise<Agent> {
  const started = await startHeadlessAgent({ origin: ORIGIN, port: E2E_PORT, agentId, name });
  agents.push(started);
  return started;
}

test('a visitor asks, Alice answers, and the visitor follows the transfer to Bob', async () => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const visitorName = `Erik Eriksen ${Date.now() % 100_000}`;

  await page.goto(`${ORIGIN}/visit/`);
  await expect(page).toHaveTitle('Nordlys Software – Support');
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const widget = page.getByRole('dialog', { name: 'Nordlys Support' });

  // The form refuses what is missing, says why, and puts the focus where the problem is.
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await expect(widget.getByLabel('Your name')).toBeFocused();
  await expect(widget.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
  await widget.getByLabel('Your name').fill(visitorName);
  await widget.getByLabel('Email').fill('erik@example');
  await widget.getByLabel('Topic').selectOption('Billing');
  await widget.getByRole('button', { name: 'Start chat' }).click();
  await expect(widget.getByLabel('Email')).toBeFocused();
  await expect(widget.getByText('Please enter a valid email address')).toBeVisible();
  await widget.getByLabel('Email').fill('erik@example.com');
  await widget.getByRole('button', { name: 'Start chat' }).click();

  const status = widget.getByRole('status');
  const log = widget.getByRole('log', { name: 'Conversation' });
  const message = widget.getByRole('textbox', { name: 'Message' });
  await expect(status).toHaveText('Waiting for an agent…');
  await expect(message).toBeFocused();
  await message.fill('My invoice shows the wrong VAT rate.');
  await message.press('Enter');
  await expect(log).toContainText('My invoice shows the wrong VAT rate.');

  const alice = await agent('alice', 'Alice Andersen');
  const chatId = await until('the visitor in the queue', () => alice.snapshot()?.lobby.find((entry) => entry.visitorName === visitorName)?.chatId);
  await alice.handle({ type: 'pick-up', chatId });
  await expect(status).toHaveText('You are chatting with Alice Andersen');

  // Typing, both ways.
  await alice.handle({ type: 'typing', chatId, typing: true });
  await expect(widget.getByText('Alice Andersen is typing…')).toBeVisible();
  await alice.handle({ type: 'send', chatId, text: 'Hi Erik! Let me look at that invoice.' });
  await expect(log).toContainText('Hi Erik! Let me look at that invoice.');
  await expect(widget.getByText('Alice Andersen is typing…')).toBeHidden();
  await message.pressSequentially('Thanks');
  const visitorId = `visitor:${chatId}`;
  await until('the visitor typing, seen by Alice', () => alice.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.typing.includes(visitorId));

  const bob = await agent('bob', 'Bob Berg');
  await until('Bob present for Alice', () => alice.snapshot()?.agents.find((a) => a.clientId === 'bob')?.status === 'present');
  await alice.handle({ type: 'transfer', chatId, to: 'bob', note: 'VAT rate on invoice' });
  await expect(status).toHaveText('You are being transferred to Bob Berg…');
  const screenshot = process.env['VISITOR_SCREENSHOT'];
  if (screenshot) await page.screenshot({ path: screenshot });

  const offer = await until('the offer at Bob', () => bob.snapshot()?.chats.find((chat) => chat.chatId === chatId && chat.canRespond)?.pendingOffer);
  await bob.handle({ type: 'accept-transfer', chatId, transferId: offer.transferId });
  await expect(status).toHaveText('You are chatting with Bob Berg');
  // Chat text is shown as text: markup from the wire stays inert.
  await bob.handle({ type: 'send', chatId, text: 'Bob here, VAT fixed <img src=x onerror="document.title=1">' });
  await expect(log.getByRole('listitem').last()).toContainText('Bob Berg');
  await expect(log).toContainText('Bob here, VAT fixed <img src=x onerror="document.title=1">');
  await expect(log.locator('img')).toHaveCount(0);

  // The visitor ends the chat: the transcript stays, and a new chat is one button away.
  await widget.getByRole('button', { name: 'End chat' }).click();
  await expect(status).toHaveText(/The chat has ended/);
  await expect(widget.getByRole('button', { name: 'Start a new chat' })).toBeFocused();
  // Three messages and two lines saying who joined.
  await expect(log.getByRole('listitem')).toHaveCount(5);
  await expect(message).toBeHidden();
  await widget.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(widget.getByLabel('Your name')).toHaveValue(visitorName);

  expect(problems).toEqual([]);
  await context.close();
});
