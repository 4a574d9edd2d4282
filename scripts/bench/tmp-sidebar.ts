import type { Frame, Page } from '@playwright/test';
import { EXTENSION_DIR, launchWithExtension, startServer } from '../local-stack.ts';
import { emptySidebarExtension } from './empty-sidebar.ts';
const dir = process.env.EMPTY ? emptySidebarExtension().dir : EXTENSION_DIR;

const port = 8398;
const server = await startServer(port);
const crmUrl = `http://127.0.0.1:${port}/crm/default.aspx?person_main&person_id=1`;
async function loaded(page: Page): Promise<Frame> {
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    if (frame && (await frame.waitForLoadState('load').then(() => true, () => false))) return frame;
    await page.waitForTimeout(20);
  }
}
const rows: Record<string, number>[] = [];
const context = await launchWithExtension('en-US', dir);
try {
  const page = await context.newPage();
  for (let round = 0; round < 31; round += 1) {
    await page.goto(crmUrl);
    const frame = await loaded(page);
    await page.waitForTimeout(1000);
    const start = (await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('baton:content-start')[0]!.startTime)) as number;
    const placed = (await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('baton:frame-placed')[0]!.startTime)) as number;
    const inFrame = (await frame.evaluate(() => {
      const o = performance.timeOrigin;
      const out: Record<string, number> = { timeOrigin: o };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      out['nav.fetchStart'] = o + nav.fetchStart;
      out['nav.responseEnd'] = o + nav.responseEnd;
      out['nav.domInteractive'] = o + nav.domInteractive;
      for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        const name = r.name.split('/').pop()!;
        out[`${name}.start`] = o + r.startTime;
        out[`${name}.end`] = o + r.responseEnd;
      }
      for (const m of performance.getEntriesByType('mark')) out[m.name] = o + m.startTime;
      return out;
    })) as Record<string, number>;
    if (round === 0) continue;
    const rel: Record<string, number> = { placed: placed - start };
    for (const [k, v] of Object.entries(inFrame)) rel[k] = v - start;
    rows.push(rel);
  }
} finally {
  await context.close();
  server.kill();
}
const keys = Object.keys(rows[0]!).sort((a, b) => (rows[0]![a]! - rows[0]![b]!));
for (const k of keys) {
  const xs = rows.map((r) => r[k]).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const p = (q: number) => xs[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)]!.toFixed(1);
  console.log(k.padEnd(28), 'p50', p(50).padStart(7), 'p90', p(90).padStart(7), 'max', p(100).padStart(7));
}
