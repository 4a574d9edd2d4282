// `npm run screenshots:transfer`: the transfer flow in pictures for the README (docs/images/transfer-*.png):
// Alice's sidebar in Chromium, Bob as a headless agent, a scripted visitor, all on a local server.
import path from 'node:path';
import type { Frame } from '@playwright/test';
import { startHeadlessAgent, until } from '../lib/session/headless-agent.ts';
import { startScriptedVisitor } from '../tests/e2e/support/scripted-visitor.ts';
import { launchWithExtension, sidebarFrame, startServer } from './local-stack.ts';

const port = 8390;
const out = (name: string) => path.resolve('docs/images', name);

const server = await startServer(port);
const context = await launchWithExtension();
const bob = await startHeadlessAgent({ origin: `http://127.0.0.1:${port}`, port, agentId: 'bob', name: 'Bob Berg' });
const visitor = await startScriptedVisitor('Ingrid Solberg', 'Invoice', port);
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    (hub) =>
      chrome.storage.local.set({
        connection: { tokenServiceUrl: `http://127.0.0.1:${hub}`, realtimeEndpoint: '127.0.0.1', realtimePort: hub, tls: false },
        agent: { id: 'alice', name: 'Alice Andersen' },
      }),
    port,
  );
  await visitor.send('Hi! Our last invoice has two lines for the same licence. Can you check it?');
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/crm/default.aspx?person_main&person_id=1`);
  const sidebar: Frame = await sidebarFrame(page);
  await sidebar.getByRole('button', { name: 'Get next in queue' }).click({ timeout: 15_000 });
  await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ingrid Solberg/ }).click();
  const chat = sidebar.getByRole('region', { name: 'Ingrid Solberg' });
  const composer = chat.getByRole('textbox', { name: 'Message' });
  await composer.fill('Thanks, Ingrid. A colleague in billing will take this over.');
  await composer.press('Enter');
  await chat.getByRole('button', { name: 'Chat menu' }).click();
  await sidebar.getByRole('menuitem', { name: 'Transfer', exact: true }).click();
  const dialog = sidebar.getByRole('dialog', { name: 'Transfer to' });
  await dialog.getByRole('radio', { name: /Bob Berg/ }).check({ timeout: 10_000 });
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Duplicate licence line on invoice 2026-1187');
  await page.screenshot({ path: out('transfer-dialog.png') });
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await chat.getByText('Waiting for Bob Berg').waitFor();
  await page.screenshot({ path: out('transfer-waiting.png') });

  const offer = await until('Bob is offered the chat', () => bob.snapshot()?.chats.find((entry) => entry.canRespond)?.pendingOffer);
  await bob.handle({ type: 'accept-transfer', chatId: visitor.chatId, transferId: offer.transferId });
  await until('Bob owns the chat', () => bob.snapshot()?.chats.find((entry) => entry.chatId === visitor.chatId)?.myRole === 'owner');
  await bob.handle({ type: 'send', chatId: visitor.chatId, text: 'Hi Ingrid, Bob from billing here. I see the duplicate line.' });
  await chat.getByText(/listening mode/).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: out('transfer-listening.png') });
  console.log('Screenshots written to docs/images/transfer-*.png');
} finally {
  visitor.close();
  bob.stop();
  await context.close();
  server.kill();
}
