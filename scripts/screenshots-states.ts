// `npm run screenshots:states`: the sidebar's other states in pictures for the README (docs/images/state-*.png),
// each clipped to the sidebar: Lars's Dashboard and a chat he listens in on, Mia's ☰ with Take over, Alice's
// Link to person and End chat, the notice after her offer to Carla expired, and the options page.
// Bob and Carla are headless agents with chats of their own; the visitors are scripted; all on a local server.
import path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from '@playwright/test';
import { startHeadlessAgent, until } from '../lib/session/headless-agent.ts';
import { startScriptedVisitor } from '../tests/e2e/support/scripted-visitor.ts';
import { launchWithExtension, sidebarFrame, startServer } from './local-stack.ts';

const port = Number(process.env.BATON_SCREENSHOT_PORT ?? 8391);
const origin = `http://127.0.0.1:${port}`;
const out = (name: string) => path.resolve('docs/images', name);
/** The default offer timeout (120 s) and the arbiter's round after it. */
const EXPIRY_MS = 150_000;

type Headless = Awaited<ReturnType<typeof startHeadlessAgent>>;

/** A headless agent picks up the visitor's chat and answers once. */
async function answer(agent: Headless, chatId: string, text: string): Promise<void> {
  await until(`${chatId} in the lobby`, () => agent.snapshot()?.lobby.some((entry) => entry.chatId === chatId));
  await agent.handle({ type: 'pick-up', chatId });
  await until(`${chatId} picked up`, () => agent.snapshot()?.chats.find((chat) => chat.chatId === chatId)?.myRole === 'owner');
  await agent.handle({ type: 'send', chatId, text });
}

/** An agent's Chromium with Baton signed in, on the demo CRM's first person, and the sidebar in it. */
async function signIn(agentId: string, name: string): Promise<{ context: BrowserContext; page: Page; sidebar: Frame }> {
  const context = await launchWithExtension();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    ([hub, id, agentName]) =>
      chrome.storage.local.set({
        connection: { tokenServiceUrl: `http://127.0.0.1:${hub}`, realtimeEndpoint: '127.0.0.1', realtimePort: hub, tls: false },
        agent: { id, name: agentName },
      }),
    [port, agentId, name] as const,
  );
  const page = await context.newPage();
  await page.goto(`${origin}/crm/default.aspx?person_main&person_id=1`);
  return { context, page, sidebar: await sidebarFrame(page) };
}

/** The sidebar only: its frame's box on the page. */
async function shoot(page: Page, sidebar: Frame, name: string): Promise<void> {
  await page.waitForTimeout(300); // let a menu's or dialog's focus ring and the clock settle
  const box = await (await sidebar.frameElement()).boundingBox();
  if (!box) throw new Error('the sidebar has no box to clip to');
  await page.screenshot({ path: out(name), clip: box });
}

async function openFromMenu(sidebar: Frame, chat: Locator, item: string): Promise<void> {
  await chat.getByRole('button', { name: 'Chat menu' }).click();
  await sidebar.getByRole('menuitem', { name: item, exact: true }).click();
}

const server = await startServer(port);
const closers: Array<() => unknown> = [() => server.kill()];
try {
  const bob = await startHeadlessAgent({ origin, port, agentId: 'bob', name: 'Bob Berg' });
  const carla = await startHeadlessAgent({ origin, port, agentId: 'carla', name: 'Carla Christensen' });
  closers.push(() => bob.stop(), () => carla.stop());
  const ingrid = await startScriptedVisitor('Ingrid Solberg', 'Invoice', port);
  const jonas = await startScriptedVisitor('Jonas Holm', 'Delivery', port);
  closers.push(() => ingrid.close(), () => jonas.close());
  await ingrid.send('Hi! Our last invoice has two lines for the same licence. Can you check it?');
  await jonas.send('My parcel says delivered, but it is not here.');
  await answer(bob, ingrid.chatId, 'Hi Ingrid, Bob here. Let me look at the invoice.');
  await answer(carla, jonas.chatId, 'Hi Jonas, I am sorry to hear that. What is the order number?');
  await jonas.send('It is 100-4417.');
  const freja = await startScriptedVisitor('Freja Madsen', 'Password reset', port);
  closers.push(() => freja.close());
  await freja.send('I cannot sign in any more.');

  // Lars (Can listen in): the Dashboard, then a chat opened from it, read-only and silent.
  {
    const lars = await signIn('lars', 'Lars Lund');
    await lars.sidebar.getByRole('tab', { name: 'Dashboard' }).click({ timeout: 15_000 });
    const grid = lars.sidebar.getByRole('grid', { name: 'Ongoing chat sessions' });
    await grid.getByRole('row', { name: /Jonas Holm/ }).filter({ hasText: 'Carla' }).waitFor({ timeout: 15_000 });
    await grid.getByRole('row', { name: /Ingrid Solberg/ }).filter({ hasText: 'Bob' }).waitFor();
    await shoot(lars.page, lars.sidebar, 'state-dashboard.png');
    await grid.getByRole('row', { name: /Ingrid Solberg/ }).dblclick();
    const chat = lars.sidebar.getByRole('region', { name: 'Ingrid Solberg' });
    await chat.getByText('Let me look at the invoice.').waitFor({ timeout: 10_000 });
    await ingrid.send('Thank you! It is invoice 2026-1187.');
    await chat.getByText('It is invoice 2026-1187.').waitFor({ timeout: 10_000 });
    await shoot(lars.page, lars.sidebar, 'state-listen-in.png');
    await lars.context.close();
  }

  // Mia (manager): the same Dashboard, and in a chat she opened from it, ☰ with Take over.
  {
    const mia = await signIn('mia', 'Mia Madsen');
    await mia.sidebar.getByRole('tab', { name: 'Dashboard' }).click({ timeout: 15_000 });
    const grid = mia.sidebar.getByRole('grid', { name: 'Ongoing chat sessions' });
    await grid.getByRole('row', { name: /Jonas Holm/ }).filter({ hasText: 'Carla' }).dblclick({ timeout: 15_000 });
    const chat = mia.sidebar.getByRole('region', { name: 'Jonas Holm' });
    await chat.getByText('It is 100-4417.').waitFor({ timeout: 10_000 });
    await chat.getByRole('button', { name: 'Chat menu' }).click();
    await mia.sidebar.getByRole('menuitem', { name: 'Take over' }).waitFor();
    await shoot(mia.page, mia.sidebar, 'state-manager-menu.png');
    await mia.context.close();
  }

  // Alice: she offers Freja's chat to Carla, who never answers, and watches the default 120 s run out; then a
  // visitor the CRM knows by email, Link to person's suggestion, End chat's confirmation, the options page.
  {
    const anna = await startScriptedVisitor('Anna Berg', 'Contract renewal', port, 'anna.berg@solvberg.example');
    closers.push(() => anna.close());
    await anna.send('Hello, I would like to renew our support contract.');
    const alice = await signIn('alice', 'Alice Andersen');
    closers.push(() => alice.context.close());
    const { sidebar, page } = alice;
    await sidebar.getByRole('region', { name: 'In queue' }).getByText('Anna Berg').waitFor({ timeout: 15_000 });
    // Freja waited first: Alice picks her up and offers her to Carla, who does not answer; then Anna.
    await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
    await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Freja Madsen/ }).click();
    const frejaChat = sidebar.getByRole('region', { name: 'Freja Madsen' });
    await frejaChat.getByRole('textbox', { name: 'Message' }).fill('Hi Freja, I will ask a colleague who handles sign-in.');
    await frejaChat.getByRole('textbox', { name: 'Message' }).press('Enter');
    await openFromMenu(sidebar, frejaChat, 'Transfer');
    const transfer = sidebar.getByRole('dialog', { name: 'Transfer to' });
    await transfer.getByRole('radio', { name: /Carla Christensen/ }).check({ timeout: 10_000 });
    await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
    await frejaChat.getByText('Waiting for Carla Christensen').waitFor();
    await frejaChat.getByText('did not answer in time').waitFor({ timeout: EXPIRY_MS });
    await shoot(page, sidebar, 'state-offer-expired.png');
    await frejaChat.getByRole('button', { name: 'Back to chats' }).click();
    await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
    await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Anna Berg/ }).click();
    const chat = sidebar.getByRole('region', { name: 'Anna Berg' });
    const composer = chat.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello Anna, Alice here. I will find your contract.');
    await composer.press('Enter');

    await openFromMenu(sidebar, chat, 'Link to person');
    const linkDialog = sidebar.getByRole('dialog', { name: 'Link to person' });
    await linkDialog.getByRole('button', { name: /Anna Berg/ }).waitFor({ timeout: 10_000 });
    await shoot(page, sidebar, 'state-link-person.png');
    await linkDialog.getByRole('button', { name: /Anna Berg/ }).click();
    await chat.getByRole('link', { name: /Anna Berg/ }).waitFor({ timeout: 10_000 });

    await openFromMenu(sidebar, chat, 'End chat');
    await sidebar.getByRole('alertdialog').waitFor();
    await shoot(page, sidebar, 'state-end-chat.png');
    await sidebar.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await chat.getByRole('button', { name: 'Back to chats' }).click();

    // The options page beside it: account, language, alerts and the keyboard shortcuts.
    const extensionId = new URL(alice.context.serviceWorkers()[0]!.url()).host;
    const options = await alice.context.newPage();
    await options.setViewportSize({ width: 760, height: 1000 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await options.waitForTimeout(300);
    const main = await options.locator('.options').boundingBox();
    await options.screenshot({ path: out('state-options.png'), ...(main ? { clip: main } : { fullPage: true }) });
    await options.close();
    await page.bringToFront(); // a background tab gets no animation frames, and the sidebar would not repaint

  }
  console.log('Screenshots written to docs/images/state-*.png');
} finally {
  for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => {});
}
