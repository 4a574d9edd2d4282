import { existsSync } from 'node:fs';
import { test as base, chromium, type BrowserContext } from '@playwright/test';
import { chromiumPath, E2E_CONTROL_PORT, EXTENSION_DIR, EXTENSION_ID } from './environment.ts';

export interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
  /** Browser UI language for this test's profile (`--lang`). */
  browserLanguage: string;
  /** More Chromium switches for this test's browser, e.g. `--host-resolver-rules`. */
  browserArgs: string[];
  /** Set up before every test (and before its beforeEach hooks): the e2e server, started afresh. */
  freshServer: void;
}

/** Starts the suite's server again from nothing (tests/e2e/support/e2e-server.ts). */
export async function restartE2eServer(): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${E2E_CONTROL_PORT}/restart`, { method: 'POST' });
  if (!response.ok) throw new Error(`unable to restart the e2e server: ${response.status} ${await response.text()}`);
}

/**
 * A fresh Chromium profile with the built extension loaded. Extensions need a
 * persistent context; Playwright's own launch options do not apply here.
 */
export const test = base.extend<ExtensionFixtures>({
  // Each test starts on an empty hub: no chats, offers, presence or rate-limit counts from earlier tests.
  freshServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none here.
    async ({}, use) => {
      await restartE2eServer();
      await use();
    },
    { auto: true },
  ],
  browserLanguage: ['en-US', { option: true }],
  browserArgs: [[], { option: true }],
  context: async ({ browserLanguage, browserArgs }, use) => {
    if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) throw new Error('unable to load Baton; run `npm run build` first');
    const context = await chromium.launchPersistentContext('', {
      executablePath: chromiumPath(),
      headless: true,
      locale: browserLanguage,
      viewport: { width: 1400, height: 900 },
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        `--lang=${browserLanguage}`,
        '--disable-gpu',
        ...browserArgs,
      ],
    });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    if (id !== EXTENSION_ID) throw new Error(`extension id ${id} is not the pinned ${EXTENSION_ID}`);
    await use(id);
  },
});

export { expect } from '@playwright/test';
