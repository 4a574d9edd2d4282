import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { ensureChromium } from '../chromium.ts';
import { buildWidget, WIDGET_FILES } from '../widget-build.ts';
import { percentile, type BenchRow } from './report.ts';

const KB = 1024;

/** What a page pays before the visitor opens the chat (the launcher), and after (plus the chat with ably-js). */
export async function measureWidgetSizes(): Promise<BenchRow[]> {
  const files = await buildWidget();
  const gz = (name: string) => gzipSync(files[name] ?? '', { level: 9 }).length / KB;
  const launcher = gz(WIDGET_FILES.launcher);
  return [
    { metric: 'website widget before opening, gzipped', baton: launcher, unit: 'KB', budget: 12, note: WIDGET_FILES.launcher },
    { metric: 'website widget after opening, gzipped', baton: launcher + gz(WIDGET_FILES.chat), unit: 'KB', note: `+ ${WIDGET_FILES.chat} (ably-js, chat core)` },
  ];
}

/**
 * The demo site's widget in plain Chromium against the running local server, each round a fresh browser context
 * (nothing cached, no saved chat): click the launcher → pre-chat form shown (the chat chunk loaded and mounted),
 * then Start chat → "Waiting for an agent…" (token fetched, ably-js connected, in the queue). Times are taken in
 * Node around Playwright's actions, so they include a few ms of its round trips. Each chat is ended afterwards,
 * so the demo's queue is not left with bench visitors.
 */
export async function measureWidgetOpen(siteUrl: string, rounds = 8): Promise<BenchRow[]> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true });
  const opened: number[] = [];
  const connected: number[] = [];
  try {
    for (let round = 0; round < rounds + 1; round += 1) {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(siteUrl);
      const launcher = page.getByRole('button', { name: 'Chat with us' });
      await launcher.waitFor();
      const widget = page.getByRole('dialog');
      const t0 = performance.now();
      await launcher.click();
      await widget.getByLabel('Your name').waitFor();
      const t1 = performance.now();
      await widget.getByLabel('Your name').fill('Bench Visitor');
      await widget.getByLabel('Email').fill('bench@example.com');
      await widget.getByLabel('Topic').selectOption({ index: 1 });
      const t2 = performance.now();
      await widget.getByRole('button', { name: 'Start chat' }).click();
      await widget.getByText('Waiting for an agent…').waitFor({ timeout: 15_000 });
      const t3 = performance.now();
      if (round > 0) {
        opened.push(t1 - t0);
        connected.push(t3 - t2);
      }
      await widget.getByRole('button', { name: 'End chat' }).click();
      await widget.getByRole('button', { name: 'Start a new chat' }).waitFor();
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return [
    { metric: 'website widget: open → pre-chat form, p50', baton: percentile(opened, 50), unit: 'ms', note: `${opened.length} fresh visits; loads the chat chunk` },
    { metric: 'website widget: Start chat → connected, p50', baton: percentile(connected, 50), unit: 'ms', note: 'token, ably-js connect, queued' },
    { metric: 'website widget: Start chat → connected, p95', baton: percentile(connected, 95), unit: 'ms' },
  ];
}
