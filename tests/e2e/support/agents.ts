import { chromium } from '@playwright/test';
import { BatonBackground } from './baton-background.ts';
import { chromiumPath, EXTENSION_DIR } from './environment.ts';

/** An agent: their own Chromium profile with Baton, signed in to the e2e server's hub. */
export async function launchAgent(agentId: string, hubPort?: number): Promise<BatonBackground> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  const agent = new BatonBackground(context);
  await agent.configure(agentId, hubPort);
  return agent;
}

export async function chatOf(agent: BatonBackground, chatId: string) {
  return (await agent.snapshot())?.chats.find((chat) => chat.chatId === chatId);
}

/** `owner` picks up the visitor's chat and sees `colleagues` Present, ready to transfer. */
export async function pickUp(owner: BatonBackground, chatId: string, colleagues: readonly string[] = []): Promise<void> {
  const { expect } = await import('@playwright/test');
  await expect.poll(async () => (await owner.snapshot())?.lobby.map((entry) => entry.chatId), { timeout: 10_000 }).toContain(chatId);
  const result = await owner.command({ type: 'pick-up', chatId });
  if (!result.ok) throw new Error(`pick-up failed: ${result.error?.message}`);
  await expect.poll(async () => (await chatOf(owner, chatId))?.myRole).toBe('owner');
  for (const colleague of colleagues) {
    await expect
      .poll(async () => (await owner.snapshot())?.agents.find((agent) => agent.clientId === colleague)?.status, { timeout: 10_000 })
      .toBe('present');
  }
}
