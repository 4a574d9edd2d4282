import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type * as AblyModule from 'ably';
import { ensureChromium } from '../chromium.ts';

// The package's exports map does not export its browser bundle; the file is there.
const ABLY_BROWSER_BUNDLE = path.resolve('node_modules/ably/build/ably.min.js');
type BaselineWindow = Window & {
  Ably: typeof AblyModule;
  batonBaseline?: { arrivals: number[]; publish(): Promise<unknown> };
};

/** A plain page on the hub's origin with the ably-js browser bundle, connected with a token from the token service. */
async function ablyPage(browser: Browser, port: number, agentId: string, chatId: string): Promise<Page> {
  const page = await browser.newPage();
  // The demo CRM's page: a real page on the hub's loopback origin (Chrome's local-network checks refuse a page it
  // cannot place there), whose CSP takes scripts from its own origin only; Playwright serves the ably-js bundle
  // under that origin, the server has no such file.
  const bundle = `http://127.0.0.1:${port}/bench-ably.js`;
  await page.route(bundle, (route) => route.fulfill({ contentType: 'text/javascript', path: ABLY_BROWSER_BUNDLE }));
  await page.goto(`http://127.0.0.1:${port}/crm/`);
  await page.addScriptTag({ url: bundle });
  await page.evaluate(
    async ([hubPort, agent, chat]) => {
      const win = window as unknown as BaselineWindow;
      const token = await (await fetch(`/auth/agent?agentId=${agent}&chats=${chat}`)).text();
      const client = new win.Ably.Realtime({ endpoint: '127.0.0.1', port: hubPort, tls: false, useBinaryProtocol: false, token });
      const channel = client.channels.get(`chat:${chat}`);
      const arrivals: number[] = [];
      await channel.subscribe((message) => arrivals.push(performance.timeOrigin + performance.now() - (message.data as { sentAt: number }).sentAt));
      win.batonBaseline = { arrivals, publish: () => channel.publish('message', { sentAt: performance.timeOrigin + performance.now() }) };
    },
    [port, agentId, chatId] as const,
  );
  return page;
}

/**
 * Raw ably-js where Baton runs: publish → subscribe between two Chromium browsers (one per agent, as in the transfer
 * rows), each a plain page with the ably-js bundle and a token, on the same hub. The hops a browser adds to a
 * WebSocket message (network service, IPC, a renderer's thread) are in it; nothing of Baton is. The clocks are
 * `performance.timeOrigin + now()` on one machine, as in the transfer rows; paced at `rate` a second, as the Node
 * baseline is (under Ably's 50 messages/s per connection, which the hub enforces); the first `warmup` publishes
 * are not counted, as the transfer rows' first rounds are not.
 */
export async function browserBaseline(port: number, rate: number, warmup: number, samples = 200): Promise<number[]> {
  const chatId = `bench-browser-${Date.now()}`;
  const browsers = await Promise.all([0, 1].map(() => chromium.launch({ executablePath: ensureChromium(), headless: true })));
  try {
    const [publisher, subscriber] = [await ablyPage(browsers[0]!, port, 'carla', chatId), await ablyPage(browsers[1]!, port, 'lars', chatId)];
    for (let i = 0; i < warmup + samples; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
      await publisher.evaluate(() => (window as unknown as BaselineWindow).batonBaseline!.publish());
    }
    await subscriber.waitForFunction((count) => (window as unknown as BaselineWindow).batonBaseline!.arrivals.length >= count, warmup + samples, { timeout: 10_000 });
    return (await subscriber.evaluate(() => (window as unknown as BaselineWindow).batonBaseline!.arrivals)).slice(warmup); // before the finally closes it
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
  }
}
