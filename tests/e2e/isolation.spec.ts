import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';

test.describe('the CRM page and Baton leave each other alone', () => {
  test("the page's scripts cannot reach into the sidebar", async ({ page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    const sidebar = await crm.sidebar();

    const reach = await page.evaluate(() => {
      const host = document.querySelector('baton-sidebar');
      const attempts: Record<string, unknown> = {
        shadowRoot: host?.shadowRoot ?? null,
        iframesInDocument: document.querySelectorAll('iframe').length,
        textVisibleToPage: document.body.innerText.includes('Get next in queue'),
      };
      // Even holding the frame's window (window.frames), the page meets a cross-origin wall.
      try {
        const frameWindow = Array.from({ length: window.frames.length }, (_, i) => window.frames[i]).find(Boolean);
        attempts.frameDocument = frameWindow?.document ? 'readable' : 'none';
      } catch (error) {
        attempts.frameDocument = (error as Error).name;
      }
      return attempts;
    });
    expect(reach).toMatchObject({ shadowRoot: null, iframesInDocument: 0, textVisibleToPage: false });
    // Chromium does not even list a closed shadow root's frame in window.frames ('none');
    // where an engine does, reading its document must throw.
    expect(['none', 'SecurityError']).toContain(reach.frameDocument);

    // A click the page forges on Baton's host does nothing inside the frame.
    await page.evaluate(() => {
      const host = document.querySelector('baton-sidebar')!;
      const rect = host.getBoundingClientRect();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: rect.right - 20, clientY: 20 }));
    });
    await expect(sidebar.getByRole('button', { name: 'Collapse Baton' })).toBeVisible();
    expect(await crm.hostWidth()).toBeGreaterThan(100);
  });

  test("the page's own scripts and styles keep working", async ({ page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    await crm.sidebar();

    const before = await page.evaluate(() => ({
      ready: (window as unknown as { nordlysCrm?: { ready?: boolean } }).nordlysCrm?.ready,
      font: getComputedStyle(document.body).fontFamily,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(before.ready).toBe(true);

    // The CRM's own keyboard shortcut still reaches the CRM.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();

    // Its in-page navigation still counts.
    const navigations = await page.evaluate(() => (window as unknown as { nordlysCrm: { navigations: number } }).nordlysCrm.navigations);
    await page.getByRole('main').getByRole('link').first().click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { nordlysCrm: { navigations: number } }).nordlysCrm.navigations))
      .toBe(navigations + 1);

    // Baton's stylesheet does not leak into the page.
    const after = await page.evaluate(() => ({
      font: getComputedStyle(document.body).fontFamily,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(after).toEqual({ font: before.font, background: before.background });
  });
});
