// `npm run screenshots`: pictures of Baton on the demo CRM for the README (docs/images/).
// Uses the built extension and a server it starts itself, like the e2e suite.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Frame, type Page } from '@playwright/test';
import { ensureChromium } from './chromium.ts';

const port = 8392;
const crm = `http://127.0.0.1:${port}/crm/default.aspx`;
const extensionDir = path.resolve('.output/chrome-mv3');
const outDir = path.resolve('docs/images');

async function sidebarFrame(page: Page): Promise<Frame> {
  for (let tries = 0; tries < 100; tries += 1) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/sidebar.html'));
    if (frame && (await frame.locator('h1, .rail').count()) > 0) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('unable to find the sidebar frame');
}

async function shoot(language: 'en' | 'da', query: string, file: string): Promise<void> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: ensureChromium(),
    headless: true,
    locale: language,
    viewport: { width: 1400, height: 860 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, `--lang=${language}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate((lang) => chrome.storage.local.set({ language: lang }), language);
  const page = await context.newPage();
  await page.goto(`${crm}?${query}`);
  await sidebarFrame(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, file) });
  await context.close();
}

const server = spawn(process.execPath, ['server/serve.ts', '--port', String(port)], { stdio: 'ignore' });
try {
  mkdirSync(outDir, { recursive: true });
  await new Promise((resolve) => setTimeout(resolve, 800));
  await shoot('en', 'person_main&person_id=1', 'sidebar-en.png');
  await shoot('da', 'person_main&person_id=1', 'sidebar-da.png');
  console.log(`Screenshots written to ${outDir}`);
} finally {
  server.kill();
}
