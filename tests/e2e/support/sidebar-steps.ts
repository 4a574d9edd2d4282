import type { Frame, Locator } from '@playwright/test';
import type { BatonBackground } from './baton-background.ts';
import { CrmPage } from './crm-page.ts';
import { expect } from './extension-context.ts';

// Steps an agent takes in the sidebar, through roles and accessible names, shared by the UI specs.

/** The agent's CRM page (a new tab in their profile) with Baton's sidebar, once it has rendered. */
export async function sidebarOf(agent: BatonBackground): Promise<Frame> {
  const crm = new CrmPage(await agent.context.newPage());
  await crm.open();
  return crm.sidebar();
}

/** Get next in queue, then open the chat from My chats; its panel is the region named after the visitor. */
export async function pickUpAndOpen(sidebar: Frame, visitorName: string): Promise<Locator> {
  await expect(sidebar.getByRole('region', { name: 'In queue' }).getByText(visitorName)).toBeVisible({ timeout: 10_000 });
  await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
  await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: new RegExp(visitorName) }).click();
  const chat = sidebar.getByRole('region', { name: visitorName });
  await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();
  return chat;
}

/** ☰ → the named item. */
export async function chooseFromMenu(sidebar: Frame, chat: Locator, item: string): Promise<void> {
  await chat.getByRole('button', { name: 'Chat menu' }).click();
  await sidebar.getByRole('menuitem', { name: item, exact: true }).click();
}
