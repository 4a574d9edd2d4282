import { BatonBackground } from './support/baton-background.ts';
import { CrmPage } from './support/crm-page.ts';
import { SIDEBAR_RAIL_WIDTH_PX, SIDEBAR_WIDTH_PX } from '../../lib/settings/sidebar-layout.ts';
import { expect, test } from './support/extension-context.ts';

test.describe('Baton sidebar on the demo CRM', () => {
  test('mounts with its controls, found by role and name', async ({ page, extensionId }) => {
    expect(extensionId).toBeTruthy();
    const crm = new CrmPage(page);
    await crm.open();
    const sidebar = await crm.sidebar();

    await expect(sidebar.getByRole('heading', { name: 'Baton', level: 1 })).toBeVisible();
    await expect(sidebar.getByRole('tab', { name: 'Chats' })).toHaveAttribute('aria-selected', 'true');
    await expect(sidebar.getByRole('heading', { name: 'In queue' })).toBeVisible();
    // Nobody signed in yet: the sidebar says so and where to fix it, and offers nothing it cannot do.
    await expect(sidebar.getByRole('status')).toContainText('Not signed in');
    await expect(sidebar.getByRole('button', { name: 'Open settings' })).toBeVisible();
    await expect(sidebar.getByRole('button', { name: 'Get next in queue' })).toBeDisabled();
    // No "Present" picker for nobody: it comes with signing in.
    await expect(sidebar.getByRole('combobox', { name: 'Status' })).toHaveCount(0);
    expect(await crm.hostCount()).toBe(1);
    expect(await crm.hostWidth()).toBe(SIDEBAR_WIDTH_PX);
  });

  test('survives in-page navigation without duplicates and follows the record in view', async ({ page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    await crm.sidebar();
    await page.evaluate(() => Object.assign(window, { __noReload: true }));

    const main = page.getByRole('main');
    const firstContact = main.getByRole('link').filter({ hasText: /\w/ }).first();
    const name = (await firstContact.innerText()).trim();
    await firstContact.click();
    await expect(page).toHaveURL(/person_id=|contact_id=/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    const sidebar = await crm.sidebar();
    await expect(sidebar.getByRole('contentinfo')).toHaveText(`In view: ${name}`);
    await page.goBack();
    await expect(page).toHaveURL(/contact_list|person_list/);
    await page.goForward();
    await expect(sidebar.getByRole('contentinfo')).toHaveText(`In view: ${name}`);

    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await crm.hostCount()).toBe(1);
    expect(crm.sidebarFrames()).toHaveLength(1);
  });

  test('after an extension update the open CRM page gets a working sidebar again, never two, without a reload', async ({ context, page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    await crm.sidebar();
    await page.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));

    // What an update does to a running extension: the worker and every extension frame go away and the new
    // version starts (runtime.onInstalled, reason "update"). The page itself stays as it was.
    const oldWorker = context.serviceWorkers()[0]!;
    const newWorker = context.waitForEvent('serviceworker');
    await oldWorker.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await newWorker;

    await expect.poll(() => crm.hostCount(), { timeout: 10_000 }).toBe(1);
    const sidebar = await crm.sidebar();
    await expect(sidebar.getByRole('tab', { name: 'Chats' })).toBeVisible();
    expect(crm.sidebarFrames()).toHaveLength(1);

    // The page side is the new version's too: it still tells the sidebar which record is in view.
    const firstContact = page.getByRole('main').getByRole('link').filter({ hasText: /\w/ }).first();
    const name = (await firstContact.innerText()).trim();
    await firstContact.click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect((await crm.sidebar()).getByRole('contentinfo')).toHaveText(`In view: ${name}`);
    expect(await crm.hostCount()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });

  test('collapses to a rail and back, keeps the choice, and never covers the CRM', async ({ page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    let sidebar = await crm.sidebar();

    await sidebar.getByRole('button', { name: 'Collapse Baton' }).click();
    await expect(sidebar.getByRole('button', { name: 'Open Baton' })).toBeFocused();
    await expect.poll(() => crm.hostWidth()).toBe(SIDEBAR_RAIL_WIDTH_PX);

    await page.reload();
    sidebar = await crm.sidebarRail();
    await expect.poll(() => crm.hostWidth()).toBe(SIDEBAR_RAIL_WIDTH_PX);
    await sidebar.getByRole('button', { name: 'Open Baton' }).click();
    await expect.poll(() => crm.hostWidth()).toBe(SIDEBAR_WIDTH_PX);

    // The CRM's own controls at the right edge of its top bar stay visible and clickable.
    const banner = page.getByRole('banner');
    const lastControl = banner.getByRole('button').last();
    const box = (await lastControl.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width - SIDEBAR_WIDTH_PX);
    const topmost = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('baton-sidebar') === null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(topmost).toBe(true);
  });

  test('is keyboard usable: tabs move with arrow keys', async ({ context, page }) => {
    // The Dashboard tab is there only for a role that may listen in: Lars ("Can listen in").
    await new BatonBackground(context).configure('lars');
    const crm = new CrmPage(page);
    await crm.open();
    const sidebar = await crm.sidebar();
    await sidebar.getByRole('tab', { name: 'Chats' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(sidebar.getByRole('tab', { name: 'Dashboard' })).toBeFocused();
    await expect(sidebar.getByRole('tab', { name: 'Dashboard' })).toHaveAttribute('aria-selected', 'true');
    await expect(sidebar.getByRole('tabpanel')).toContainText('Ongoing chat sessions');
    await page.keyboard.press('Home');
    await expect(sidebar.getByRole('tab', { name: 'Chats' })).toHaveAttribute('aria-selected', 'true');
  });
});
