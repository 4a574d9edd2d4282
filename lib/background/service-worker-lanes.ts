import { browser } from 'wxt/browser';
import { parseLaneOffer } from '../messaging/direct-lane.ts';
import { createLaneOffers, type LaneOffers } from './lane-offers.ts';

/**
 * Chrome counts an extension API call as activity (the 30 s idle timer restarts), and a MessagePort's messages not;
 * a runtime port's messages did. One cheap call at most this often keeps that as it was.
 */
const ACTIVITY_EVERY_MS = 10_000;

/** The part of the service worker's global scope this uses (the project's types are the window's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  location: { origin: string };
}

/**
 * In Chrome's service worker: takes the lanes views offer it (lib/messaging/direct-lane.ts) and says when they carry
 * traffic. Undefined elsewhere (Firefox's event page), where views keep their runtime ports. Call synchronously at
 * start, with the other listeners, so an offer that woke the worker is not missed.
 */
export function listenForLanes(onDrop: (reason: string) => void): { lanes: LaneOffers; onLaneActivity(): void } | undefined {
  if (!('ServiceWorkerGlobalScope' in globalThis) || !(globalThis instanceof (globalThis as unknown as { ServiceWorkerGlobalScope: new () => object }).ServiceWorkerGlobalScope)) {
    return undefined;
  }
  const scope = globalThis as unknown as WorkerScope;
  const lanes = createLaneOffers();
  scope.addEventListener('message', (event) => {
    const nonce = parseLaneOffer(event.data);
    const port = event.ports[0];
    // Only this extension's pages are clients of its worker; checked anyway, as runtime ports are (isOwn).
    if (nonce === undefined || !port || event.origin !== scope.location.origin) {
      port?.close();
      return onDrop(`lane offer: malformed, or not from Baton's own pages (${event.origin})`);
    }
    lanes.offer(nonce, port);
  });
  let last = 0;
  return {
    lanes,
    onLaneActivity() {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void browser.runtime.getPlatformInfo().catch(() => {});
    },
  };
}
