// Shared by the scripts that need Baton running: the local server on a port, and
// Chromium with the built extension in a throwaway profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { ensureChromium } from './chromium.ts';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');

/** `BATON_SERVER_LOG=<file>` keeps the server's log (JSON lines) there, e.g. to see which connection a bench's hub cut. */
function serverOutput(): 'ignore' | ['ignore', number, number] {
  const file = process.env['BATON_SERVER_LOG'];
  if (!file) return 'ignore';
  const fd = openSync(file, 'a');
  return ['ignore', fd, fd];
}

export async function startServer(port: number, extraArgs: string[] = []): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['server/serve.ts', '--port', String(port), ...extraArgs], { stdio: serverOutput() });
  const url = `http://127.0.0.1:${port}/crm/`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`unable to start the Baton server; nothing answered at ${url}`);
}

export async function launchWithExtension(language = 'en-US', extensionDir = EXTENSION_DIR): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: ensureChromium(),
    headless: true,
    locale: language,
    viewport: { width: 1400, height: 860 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, `--lang=${language}`],
  });
}

/** The sidebar's frame in a CRM page, once its UI has rendered. */
export async function sidebarFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/sidebar.html'));
    if (frame && (await frame.locator('h1, .rail').count().catch(() => 0)) > 0) return frame;
    await page.waitForTimeout(20);
  }
  throw new Error('unable to find the Baton sidebar frame');
}
