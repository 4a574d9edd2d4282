import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';

// Baton in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core and
// installed as a temporary add-on from the built package (`wxt build -b firefox`).
export const FIREFOX_EXTENSION_DIR = path.resolve('.output/firefox-mv3');
export const FIREFOX_ADDON_ID = 'baton@baton.example';
const FIREFOX = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';

export interface FirefoxAgent {
  browser: Browser;
  /** The CRM tab with Baton's sidebar. */
  crm: Page;
  /** Baton's sidebar frame in the CRM tab. */
  sidebar: Frame;
  close(): Promise<void>;
}

/**
 * A fresh Firefox with Baton. `policy` becomes a per-user managed-storage manifest
 * (~/.mozilla/managed-storage/<add-on id>.json) in a HOME of its own: Firefox reads it
 * once, at start, so it is in place before the browser starts.
 */
export async function launchFirefoxAgent(crmUrl: string, policy?: Record<string, unknown>): Promise<FirefoxAgent> {
  const home = mkdtempSync(path.join(tmpdir(), 'baton-firefox-'));
  if (policy) {
    const dir = path.join(home, '.mozilla', 'managed-storage');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${FIREFOX_ADDON_ID}.json`), JSON.stringify({ name: FIREFOX_ADDON_ID, description: 'Baton policy (e2e)', type: 'storage', data: policy }));
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    env: { ...process.env, HOME: home },
    defaultViewport: { width: 1400, height: 900 },
  });
  const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (id !== FIREFOX_ADDON_ID) throw new Error(`installed ${id}, expected ${FIREFOX_ADDON_ID}`);
  const crm = await browser.newPage();
  await crm.goto(crmUrl);
  const sidebar = await sidebarFrameOf(crm);
  return {
    browser,
    crm,
    sidebar,
    async close() {
      await browser.close().catch(() => {});
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The sidebar's frame once Baton's UI has rendered in it (BiDi reports its URL late, so it is found by content). */
export async function sidebarFrameOf(page: Page): Promise<Frame> {
  return until('the sidebar frame', async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const ready = await frame.evaluate(() => location.protocol === 'moz-extension:' && document.querySelector('button') !== null).catch(() => false);
      if (ready) return frame;
    }
    return undefined;
  });
}

/**
 * The tab Firefox opens next (options page, popup), once it has rendered. Found by its
 * document's address: over BiDi, puppeteer keeps an extension tab's URL at about:blank.
 */
export async function nextPage(browser: Browser, action: () => Promise<unknown>, urlPart: string): Promise<Page> {
  const before = new Set(await browser.pages());
  await action();
  return until(`a tab with ${urlPart}`, async () => {
    for (const page of await browser.pages()) {
      if (before.has(page)) continue;
      const ready = await page.evaluate((part) => location.href.includes(part) && document.body.innerText.trim() !== '', urlPart).catch(() => false);
      if (ready) return page;
    }
    return undefined;
  });
}

/** By role and accessible name, as the e2e suite finds elements. */
export const byRole = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

export async function click(scope: Page | Frame, role: string, name: string): Promise<void> {
  // An element handle's click: a locator's visibility checks never settle in a cross-origin frame over BiDi.
  const element = await until(`${role} "${name}"`, () => scope.$(byRole(role, name)).catch(() => null));
  await element.click();
}

/** Waits until the page or frame shows `text` (its rendered text, as a reader sees it). */
export async function waitForText(scope: Page | Frame, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const pattern = typeof text === 'string' ? text : text.source;
  await until(
    `"${pattern}" to show`,
    async () => {
      const shown = await scope.evaluate(() => document.body.innerText).catch(() => '');
      return typeof text === 'string' ? shown.includes(text) : text.test(shown);
    },
    timeoutMs,
  );
}

export async function until<T>(what: string, read: () => Promise<T | undefined | false | null> | T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
