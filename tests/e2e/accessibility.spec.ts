import type { Frame, Page } from '@playwright/test';
import { audit, type Audit } from './support/axe.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { EXTENSION_ID } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

type Visitor = Awaited<ReturnType<typeof startScriptedVisitor>>;

/** Alice and Bob with the demo CRM and Baton's sidebar open, Mia (manager) once she joins, and the visitors the walk meets. */
interface Scene {
  alice: BatonBackground;
  bob: BatonBackground;
  /** Mia's sidebar, opened on her CRM page the first time the walk asks for it. */
  miaSidebar: () => Promise<Frame>;
  aliceCrm: CrmPage;
  aliceSidebar: Frame;
  bobSidebar: Frame;
  ada: Visitor;
  ben: Visitor;
}

/** Anna Berg's email, which the demo CRM knows (server/demo/seed-data.ts): Ben gives it, so Link to person has a suggestion. */
const KNOWN_EMAIL = 'anna.berg@solvberg.example';

/** A state of Baton's UI: how to get there from the previous one, and the document axe checks there. */
type State = readonly [name: string, reach: (scene: Scene) => Promise<Frame | Page>];

const chatOfAda = (scene: Scene) => scene.aliceSidebar.getByRole('region', { name: 'Ada Audit' });
const chatOfBen = (scene: Scene) => scene.aliceSidebar.getByRole('region', { name: 'Ben Audit' });

async function openMyChat(sidebar: Frame, visitorName: string): Promise<void> {
  await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: new RegExp(visitorName) }).click();
  await expect(sidebar.getByRole('heading', { name: visitorName })).toBeVisible();
}

async function extensionPage(agent: BatonBackground, path: string): Promise<Page> {
  const page = await agent.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/${path}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/**
 * Every state of the UI reachable today, in the order one walk through a transfer meets
 * them (each builds on the one before). Adding a state is one line here.
 */
const STATES: readonly State[] = [
  ['sidebar: chat list with queue', async ({ aliceSidebar }) => {
    await expect(aliceSidebar.getByRole('region', { name: 'In queue' }).getByText('Ada Audit')).toBeVisible({ timeout: 10_000 });
    return aliceSidebar;
  }],
  ['sidebar: chat open with composer', async ({ aliceSidebar }) => {
    await aliceSidebar.getByRole('button', { name: 'Get next in queue' }).click();
    await openMyChat(aliceSidebar, 'Ada Audit');
    await expect(aliceSidebar.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await aliceSidebar.getByRole('textbox', { name: 'Message' }).fill('Hello, let me look into that.');
    await aliceSidebar.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(aliceSidebar.getByRole('log').getByText('Hello, let me look into that.')).toBeVisible();
    return aliceSidebar;
  }],
  ['sidebar: ☰ menu open', async (scene) => {
    await chatOfAda(scene).getByRole('button', { name: 'Chat menu' }).click();
    await expect(scene.aliceSidebar.getByRole('menuitem', { name: 'Transfer', exact: true })).toBeFocused();
    return scene.aliceSidebar;
  }],
  ['sidebar: Transfer to dialog', async ({ aliceSidebar }) => {
    await aliceSidebar.getByRole('menuitem', { name: 'Transfer', exact: true }).click();
    await expect(aliceSidebar.getByRole('dialog', { name: 'Transfer to' }).getByRole('radio', { name: /Bob Berg/ })).toBeVisible({ timeout: 10_000 });
    return aliceSidebar;
  }],
  ['sidebar: outgoing offer pending', async (scene) => {
    const dialog = scene.aliceSidebar.getByRole('dialog', { name: 'Transfer to' });
    await dialog.getByRole('radio', { name: /Bob Berg/ }).check();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Billing question');
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect(chatOfAda(scene).getByText('Waiting for Bob Berg')).toBeVisible();
    await expect(chatOfAda(scene).getByRole('button', { name: 'Cancel transfer' })).toBeVisible();
    return scene.aliceSidebar;
  }],
  ['sidebar: incoming offer', async ({ bobSidebar }) => {
    await openMyChat(bobSidebar, 'Ada Audit');
    await expect(bobSidebar.getByRole('button', { name: 'Accept transfer' })).toBeVisible();
    await expect(bobSidebar.getByRole('button', { name: 'Reject transfer' })).toBeVisible();
    return bobSidebar;
  }],
  ['popup: transfer waiting', async ({ bob }) => {
    const popup = await extensionPage(bob, 'popup.html');
    await expect(popup.getByRole('button', { name: 'Accept transfer' })).toBeVisible();
    return popup;
  }],
  ['sidebar: listening mode', async (scene) => {
    await scene.bobSidebar.getByRole('button', { name: 'Accept transfer' }).click();
    await expect(chatOfAda(scene).getByText('You are in listening mode — the chat continues with Bob Berg')).toBeVisible({ timeout: 10_000 });
    return scene.aliceSidebar;
  }],
  ['sidebar: rejected notice', async (scene) => {
    const { alice, bob, aliceSidebar, ben } = scene;
    await aliceSidebar.getByRole('button', { name: 'Back to chats' }).click();
    await aliceSidebar.getByRole('button', { name: 'Get next in queue' }).click();
    await openMyChat(aliceSidebar, 'Ben Audit');
    expect((await alice.command({ type: 'transfer', chatId: ben.chatId, to: 'bob', note: '' })).ok).toBe(true);
    await expect.poll(async () => (await chatOf(bob, ben.chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
    const transferId = (await chatOf(bob, ben.chatId))!.pendingOffer!.transferId;
    expect((await bob.command({ type: 'reject-transfer', chatId: ben.chatId, transferId, reason: 'Busy' })).ok).toBe(true);
    await expect(aliceSidebar.getByText('Bob Berg rejected the transfer.')).toBeVisible({ timeout: 10_000 });
    return aliceSidebar;
  }],
  ['sidebar: Link to person dialog with suggestions', async (scene) => {
    await chatOfBen(scene).getByRole('button', { name: 'Chat menu' }).click();
    await scene.aliceSidebar.getByRole('menuitem', { name: 'Link to person', exact: true }).click();
    const dialog = scene.aliceSidebar.getByRole('dialog', { name: 'Link to person' });
    await expect(dialog.getByRole('list', { name: 'Suggestions' }).getByRole('button', { name: /Anna Berg/ })).toBeVisible({ timeout: 10_000 });
    return scene.aliceSidebar;
  }],
  ['sidebar: End chat confirmation', async (scene) => {
    await scene.aliceSidebar.getByRole('dialog', { name: 'Link to person' }).getByRole('searchbox', { name: 'Search persons' }).press('Escape');
    await chatOfBen(scene).getByRole('button', { name: 'Chat menu' }).click();
    await scene.aliceSidebar.getByRole('menuitem', { name: 'End chat', exact: true }).click();
    await expect(scene.aliceSidebar.getByRole('alertdialog', { name: 'End the chat with Ben Audit?' }).getByRole('button', { name: 'Cancel' })).toBeFocused();
    return scene.aliceSidebar;
  }],
  ['sidebar: Dashboard with ongoing sessions (manager)', async (scene) => {
    await scene.aliceSidebar.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    const sidebar = await scene.miaSidebar();
    await sidebar.getByRole('tab', { name: 'Dashboard' }).click();
    const grid = sidebar.getByRole('grid', { name: 'Ongoing chat sessions' });
    await expect(grid.getByRole('row', { name: /Ada Audit/ })).toContainText('Bob Berg', { timeout: 10_000 });
    await expect(grid.getByRole('row', { name: /Ben Audit/ })).toContainText('Alice Andersen');
    return sidebar;
  }],
  ['sidebar: listened-in chat, read-only', async (scene) => {
    const sidebar = await scene.miaSidebar();
    await sidebar.getByRole('grid', { name: 'Ongoing chat sessions' }).getByRole('row', { name: /Ada Audit/ }).dblclick();
    const chat = sidebar.getByRole('region', { name: 'Ada Audit' });
    await expect(chat.getByRole('log').getByText('Hello, let me look into that.')).toBeVisible({ timeout: 10_000 });
    await expect(chat.getByText('You are listening in silently. Nobody in the chat is told, and you cannot write.')).toBeVisible();
    return sidebar;
  }],
  ['sidebar: manager ☰ menu with Take over', async (scene) => {
    const sidebar = await scene.miaSidebar();
    await sidebar.getByRole('region', { name: 'Ada Audit' }).getByRole('button', { name: 'Chat menu' }).click();
    await expect(sidebar.getByRole('menuitem', { name: 'Take over' })).toBeVisible();
    return sidebar;
  }],
  ['sidebar: collapsed rail', async ({ aliceSidebar, aliceCrm }) => {
    await aliceSidebar.getByRole('button', { name: 'Collapse Baton' }).click();
    return aliceCrm.sidebarRail();
  }],
  ['options page with its keyboard shortcuts', async ({ alice }) => {
    const options = await extensionPage(alice, 'options.html');
    await expect(options.getByRole('region', { name: 'Keyboard shortcuts' }).getByRole('term').first()).toBeVisible();
    return options;
  }],
];

function expectNoSerious(audits: readonly Audit[]): void {
  for (const { state, passed } of audits) expect(passed, `axe checked nothing in ${state}`).toBeGreaterThan(5);
  expect(audits.flatMap(({ state, serious }) => serious.map((violation) => `${state}: ${violation.id} (${violation.impact})`))).toEqual([]);
}

async function openCrm(agent: BatonBackground): Promise<{ crm: CrmPage; sidebar: Frame }> {
  const crm = new CrmPage(await agent.context.newPage());
  await crm.open();
  return { crm, sidebar: await crm.sidebar() };
}

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  const agents = useAgents(['alice', 'bob']);

  test('no serious or critical violations in any state of the sidebar, the popup and the options page', async () => {
    test.setTimeout(180_000);
    const { alice, bob } = agents;
    const ada = await startScriptedVisitor('Ada Audit', 'Invoice question');
    const ben = await startScriptedVisitor('Ben Audit', 'Parcel not delivered', undefined, KNOWN_EMAIL);
    const mia = await launchAgent('mia');
    try {
      const [aliceView, bobView] = await Promise.all([openCrm(alice), openCrm(bob)]);
      let miaView: Promise<Frame> | null = null;
      const miaSidebar = () => (miaView ??= openCrm(mia).then(({ sidebar }) => sidebar));
      const scene: Scene = { alice, bob, miaSidebar, aliceCrm: aliceView.crm, aliceSidebar: aliceView.sidebar, bobSidebar: bobView.sidebar, ada, ben };
      const audits: Audit[] = [];
      for (const [name, reach] of STATES) {
        await test.step(name, async () => {
          audits.push(await audit(await reach(scene), name));
        });
      }
      expect(audits.map((entry) => entry.state)).toEqual(STATES.map(([name]) => name));
      expectNoSerious(audits);
    } finally {
      ada.close();
      ben.close();
      await mia.context.close();
    }
  });

  test('in Danish too: the open chat and its Transfer to dialog', async () => {
    const { alice } = agents;
    await alice.worker().evaluate(() => chrome.storage.local.set({ language: 'da' }));
    const visitor = await startScriptedVisitor('Dorte Dansk', 'Faktura');
    try {
      const { sidebar } = await openCrm(alice);
      await expect(sidebar.getByRole('region', { name: 'I kø' }).getByText('Dorte Dansk')).toBeVisible({ timeout: 10_000 });
      await sidebar.getByRole('button', { name: 'Hent næste fra køen' }).click();
      await sidebar.getByRole('region', { name: 'Mine chatsamtaler' }).getByRole('button', { name: /Dorte Dansk/ }).click();
      await expect(sidebar.getByRole('textbox', { name: 'Besked' })).toBeVisible();
      const chatOpen = await audit(sidebar, 'da: chat open');
      await sidebar.getByRole('button', { name: 'Chatmenu' }).click();
      await sidebar.getByRole('menuitem', { name: 'Overfør', exact: true }).click();
      await expect(sidebar.getByRole('dialog', { name: 'Overfør til' })).toBeVisible();
      expectNoSerious([chatOpen, await audit(sidebar, 'da: Transfer to dialog')]);
    } finally {
      visitor.close();
    }
  });
});
