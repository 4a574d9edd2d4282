import { browser } from 'wxt/browser';
import { parseLaneOffer } from '../messaging/direct-lane.ts';
import { createLaneOffers, type LaneOffers } from './lane-offers.ts';

/**
 * Chrome counts an extension API call as activity (the 30 s idle timer restarts), and a MessagePort's messages not;
 * a runtime port's messages did. One cheap call at most this often keeps that nearly as it was: the worker stays
 * at least 20 s after the lanes' last traffic instead of 30 s, and its realtime connection's own traffic keeps it
 * alive anyway (Chrome 116+).
 */
const ACTIVITY_EVERY_MS = 10_000;

/** The part of the service worker's global scope this uses (the project's types are the window's). */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  location: { origin: string };
}

/** The service worker's global scope, or undefined in any other context (Firefox's event page). */
function serviceWorkerScope(): WorkerScope | undefined {
  const scopeClass = (globalThis as { ServiceWorkerGlobalScope?: new () => object }).ServiceWorkerGlobalScope;
  return scopeClass && globalThis instanceof scopeClass ? (globalThis as unknown as WorkerScope) : undefined;
}

/**
 * In Chrome's service worker: takes the lanes views offer it (lib/messaging/direct-lane.ts) and says when they carry
 * traffic. Undefined elsewhere (Firefox's event page), where views keep their runtime ports. Call synchronously at
 * start, with the other listeners, so an offer that woke the worker is not missed.
 */
export function listenForLanes(
  onDrop: (reason: string) => void,
  scope: WorkerScope | undefined = serviceWorkerScope(),
  keepAlive: () => Promise<unknown> = () => browser.runtime.getPlatformInfo(),
): { lanes: LaneOffers; onLaneActivity(): void } | undefined {
  if (!scope) return undefined;
  const lanes = createLaneOffers();
  scope.addEventListener('message', (event) => {
    const nonce = parseLaneOffer(event.data);
    const [port, ...extra] = event.ports;
    for (const unexpected of extra) unexpected.close();
    // Only this extension's pages are clients of its worker; checked anyway, as runtime ports are (isOwn).
    if (nonce === undefined || !port || event.origin !== scope.location.origin) {
      port?.close();
      return onDrop(`lane offer: malformed, or not from Baton's own pages (${event.origin})`);
    }
    lanes.offer(nonce, port);
  });
  let last = -Infinity;
  return {
    lanes,
    onLaneActivity() {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void keepAlive().catch(() => {});
    },
  };
}
