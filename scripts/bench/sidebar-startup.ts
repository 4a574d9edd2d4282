import type { Frame, Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension } from '../local-stack.ts';
import { emptySidebarExtension } from './empty-sidebar.ts';
import { percentile, type BenchRow } from './report.ts';

/** Time the sidebar is given to start before the bench first looks inside it (the marks are read afterwards). */
const HANDS_OFF_MS = 1_000;

/**
 * The sidebar's frame once it has loaded, found without running anything in it: `sidebarFrame` (local-stack.ts)
 * polls the frame with a locator, and Playwright's first evaluation injects its own script (≈ 25 ms on this
 * machine, traced) into the very frame whose start is being timed.
 */
async function loadedSidebarFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((candidate) => candidate.url().includes('/sidebar.html'));
    // A frame replaced while it loads (the content script placed again, which removes its earlier copy) is detached:
    // look again for the one that stays.
    if (frame && (await frame.waitForLoadState('load').then(() => true, () => false))) return frame;
    await page.waitForTimeout(20);
  }
  throw new Error('unable to find the Baton sidebar frame');
}

interface StartupSamples {
  usable: number[];
  shown: number[];
}

/** Browsers a block may lose (a page or browser closed under the bench) before the run fails instead. */
const MAX_LOST_BROWSERS = 2;

/**
 * `rounds` fresh page loads (after one that warms caches) in a browser with the extension in `extensionDir`. A
 * browser lost mid-round (seen once in 21 whole runs: "Target page, context or browser has been closed" while the
 * marks were read) is replaced, and the rounds it had left are loaded in the new one after a warm-up of its own.
 */
async function sampleStartup(crmUrl: string, rounds: number, extensionDir: string, into: StartupSamples): Promise<void> {
  const progress = { done: 0 };
  for (let lost = 0; progress.done < rounds; lost += 1) {
    try {
      await sampleInOneBrowser(crmUrl, rounds, extensionDir, into, progress);
    } catch (error) {
      if (lost >= MAX_LOST_BROWSERS) throw error;
      console.warn(`sidebar start: a browser was lost after ${progress.done} of ${rounds} loads (${String(error).split('\n')[0]}); starting another`);
    }
  }
}

async function sampleInOneBrowser(crmUrl: string, rounds: number, extensionDir: string, into: StartupSamples, progress: { done: number }): Promise<void> {
  const context = await launchWithExtension('en-US', extensionDir);
  try {
    const page = await context.newPage();
    for (let round = -1; progress.done < rounds; round += 1) {
      await page.goto(crmUrl);
      const frame = await loadedSidebarFrame(page);
      await page.waitForTimeout(HANDS_OFF_MS);
      const read = (name: string) =>
        `(() => { const m = performance.getEntriesByName('${name}')[0]; return m ? performance.timeOrigin + m.startTime : null; })()`;
      let usable: number | null = null;
      let shown: number | null = null;
      for (let tries = 0; tries < 200 && (usable === null || shown === null); tries += 1) {
        usable = (await frame.evaluate(read('baton:usable'))) as number | null;
        shown = (await frame.evaluate(read('baton:session-shown'))) as number | null;
        if (usable === null || shown === null) await page.waitForTimeout(10);
      }
      const start = (await page.evaluate(read('baton:content-start'))) as number | null;
      if (round === -1) continue; // the first load warms caches
      progress.done += 1;
      if (start === null) continue;
      if (usable !== null) into.usable.push(usable - start);
      if (shown !== null) into.shown.push(shown - start);
    }
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Content script start → sidebar usable, from the performance marks Baton sets (`baton:content-start` in the CRM
 * page; `baton:usable`, the sidebar rendered in the agent's language, and `baton:session-shown`, the agent's chats
 * from the worker on screen, in the sidebar frame), on absolute clocks so the two documents compare. Each round is
 * a fresh page load; the marks are read after the sidebar has had time to start, so the reading does not slow it.
 *
 * Beside it, the baseline: the same extension with an empty sidebar page (empty-sidebar.ts), what the browser alone
 * costs to get an extension frame running. Blocks of Baton and baseline loads alternate, so both see the same load.
 */
export async function measureSidebarStartup(crmUrl: string, rounds = 40): Promise<BenchRow[]> {
  const baton: StartupSamples = { usable: [], shown: [] };
  const empty: StartupSamples = { usable: [], shown: [] };
  const floor = emptySidebarExtension();
  try {
    for (let block = 0; block < 2; block += 1) {
      await sampleStartup(crmUrl, rounds / 2, EXTENSION_DIR, baton);
      await sampleStartup(crmUrl, rounds / 2, floor.dir, empty);
    }
  } finally {
    floor.remove();
  }
  const note = `${baton.usable.length} page loads each; baseline: an empty extension page in the same frame`;
  return [
    { metric: 'content script start → sidebar usable, p50', baton: percentile(baton.usable, 50), baseline: percentile(empty.usable, 50), unit: 'ms', budget: 150, note: `${note}; rendered, in the agent's language` },
    { metric: 'content script start → sidebar usable, p95', baton: percentile(baton.usable, 95), baseline: percentile(empty.usable, 95), unit: 'ms', budget: 150, note },
    { metric: "content script start → agent's chats shown, p95", baton: percentile(baton.shown, 95), unit: 'ms', note: `p50 ${percentile(baton.shown, 50).toFixed(0)} ms; the worker's session on screen (${baton.shown.length} loads)` },
  ];
}
