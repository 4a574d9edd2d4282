import { expect, type Frame, type Page } from '@playwright/test';
import { CRM_URL } from './environment.ts';

/**
 * The demo CRM with Baton's sidebar in it. The sidebar lives in an extension-page
 * iframe inside a closed shadow root, which locators cannot pierce, so the frame is
 * found among the page's frames, as the browser itself sees it.
 */
export class CrmPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(query = 'contact_list'): Promise<void> {
    await this.page.goto(`${CRM_URL}default.aspx?${query}`);
  }

  sidebarFrames(): Frame[] {
    return this.page.frames().filter((frame) => /^chrome-extension:\/\/[^/]+\/sidebar\.html/.test(frame.url()));
  }

  /** The sidebar's frame once it has rendered its UI. */
  async sidebar(): Promise<Frame> {
    await expect.poll(() => this.sidebarFrames().length, { message: 'Baton sidebar frame' }).toBe(1);
    const frame = this.sidebarFrames()[0]!;
    await frame.waitForLoadState();
    await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
    return frame;
  }

  /** The sidebar's frame when the agent left it collapsed. */
  async sidebarRail(): Promise<Frame> {
    await expect.poll(() => this.sidebarFrames().length, { message: 'Baton sidebar frame' }).toBe(1);
    const frame = this.sidebarFrames()[0]!;
    await expect(frame.getByRole('button', { name: /Open Baton|Åbn Baton/ })).toBeVisible();
    return frame;
  }

  hostCount(): Promise<number> {
    return this.page.evaluate(() => document.querySelectorAll('baton-sidebar').length);
  }

  hostWidth(): Promise<number> {
    return this.page.evaluate(() => document.querySelector('baton-sidebar')?.getBoundingClientRect().width ?? 0);
  }
}
