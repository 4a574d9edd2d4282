import type { BrowserContext } from '@playwright/test';
import { EXTENSION_ID } from './environment.ts';

/**
 * Allows Baton on `site` the way an agent does on chrome://extensions (Details → Site
 * access → add a site). Chromium's own permission prompt cannot be answered in a test;
 * once the site is allowed here, Baton's "Grant access" request is answered at once.
 */
export async function allowSiteInExtensionSettings(context: BrowserContext, site: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${EXTENSION_ID}`);
  type DeveloperPrivate = {
    updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }): Promise<void>;
    addHostPermission(extensionId: string, host: string): Promise<void>;
  };
  await page.evaluate(
    async ([id, host]) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome.developerPrivate;
      await api.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
      await api.addHostPermission(id, host);
      // Back to "on all (requested) sites", so the manifest's default hosts stay granted.
      await api.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_ALL_SITES' });
    },
    [EXTENSION_ID, site] as const,
  );
  await page.close();
}
