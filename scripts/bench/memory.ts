import { chromium, type CDPSession } from '@playwright/test';
import { EXTENSION_ID } from '../../tests/e2e/support/environment.ts';
import { ensureChromium } from '../chromium.ts';
import type { CrowdedSession } from './crowded-session.ts';
import type { BenchRow } from './report.ts';

const KB = 1024;

/** The used JS heap of the isolate behind a CDP session, after a full garbage collection. */
async function usedHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * The service worker's used heap. Playwright opens CDP sessions on pages and frames
 * only, so this attaches to the worker's target through a page's session and speaks
 * to it with Target.sendMessageToTarget.
 */
async function workerHeap(cdp: CDPSession): Promise<number> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
  if (!target) throw new Error('no Baton service worker to measure');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const pending = new Map<number, (result: unknown) => void>();
  const onMessage = (event: { sessionId: string; message: string }) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (event.sessionId === sessionId && reply.id !== undefined) pending.get(reply.id)?.(reply.result);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  let nextId = 1;
  const call = (method: string) => {
    const id = nextId++;
    const answered = new Promise<unknown>((resolve) => pending.set(id, resolve));
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    return answered;
  };
  try {
    await call('HeapProfiler.collectGarbage');
    return ((await call('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

/** The CRM page's heap in a browser without Baton: what the content script's share is measured against. */
async function crmPageHeapWithoutBaton(url: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    return await usedHeap(await page.context().newCDPSession(page));
  } finally {
    await browser.close();
  }
}

/**
 * Memory with a live session (a 5,000-message chat open, 1,000 colleagues present): the
 * CRM page's JS heap (its own scripts plus Baton's content script, whose isolated world
 * shares the page's isolate) beside the same page without Baton; the sidebar frame's
 * heap (the extension's renderer: only the sidebar is open in it); the service worker.
 */
export async function measureMemory(session: CrowdedSession): Promise<BenchRow[]> {
  const { alice, page, sidebar } = session;
  await (await alice.view()).close(); // the bench's own view page shares the sidebar's extension renderer
  const pageCdp = await alice.context.newCDPSession(page);
  const withBaton = await usedHeap(pageCdp);
  const without = await crmPageHeapWithoutBaton(page.url());
  const sidebarHeap = await usedHeap(await alice.context.newCDPSession(sidebar));
  const worker = await workerHeap(pageCdp);
  return [
    {
      metric: 'memory: CRM page JS heap with the content script',
      baton: withBaton / KB,
      baseline: without / KB,
      unit: 'KB',
      note: `content script ≈ ${((withBaton - without) / KB).toFixed(0)} KB (baseline: same page without Baton); no budget in §5`,
    },
    { metric: 'memory: sidebar frame JS heap (live session)', baton: sidebarHeap / KB, unit: 'KB', note: '5,000-message chat open, 1,000 agents; no budget in §5' },
    { metric: 'memory: service worker JS heap (live session)', baton: worker / KB, unit: 'KB', note: 'Runtime.getHeapUsage after GC; no budget in §5' },
  ];
}
