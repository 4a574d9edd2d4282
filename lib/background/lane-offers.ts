// The lanes views offered the service worker (lib/messaging/direct-lane.ts), kept until the view's runtime port
// claims them. The offer (the worker's `message` event) and the claim (a message on the port) travel apart and may
// come in either order, so whichever comes first waits for the other.

/** The part of a MessagePort the worker uses; tests pass MessageChannel ports. */
export interface LanePort {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** An offer nobody claims in this time is closed: a view that went away between its two messages. */
const UNCLAIMED_MS = 10_000;
/** A claim whose offer never comes (a worker that restarted between the two) stays on the runtime port. */
const CLAIM_WAIT_MS = 2_000;

export interface LaneOffers {
  offer(nonce: string, port: LanePort): void;
  /** The lane offered under `nonce`, once it is here; undefined when it does not come in time. */
  claim(nonce: string): Promise<LanePort | undefined>;
  /** Offers and claims waiting now (for tests). */
  size(): number;
}

export function createLaneOffers(): LaneOffers {
  const offered = new Map<string, { port: LanePort; timer: ReturnType<typeof setTimeout> }>();
  const claims = new Map<string, { resolve: (port: LanePort | undefined) => void; timer: ReturnType<typeof setTimeout> }>();

  return {
    offer(nonce, port) {
      const claim = claims.get(nonce);
      if (claim) {
        claims.delete(nonce);
        clearTimeout(claim.timer);
        return claim.resolve(port);
      }
      // A nonce offered twice is not a view's (each lane has a fresh one): keep neither.
      const earlier = offered.get(nonce);
      if (earlier) {
        offered.delete(nonce);
        clearTimeout(earlier.timer);
        earlier.port.close();
        return port.close();
      }
      const timer = setTimeout(() => {
        offered.delete(nonce);
        port.close();
      }, UNCLAIMED_MS);
      offered.set(nonce, { port, timer });
    },
    claim(nonce) {
      const ready = offered.get(nonce);
      if (ready) {
        offered.delete(nonce);
        clearTimeout(ready.timer);
        return Promise.resolve(ready.port);
      }
      if (claims.has(nonce)) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          claims.delete(nonce);
          resolve(undefined);
        }, CLAIM_WAIT_MS);
        claims.set(nonce, { resolve, timer });
      });
    },
    size: () => offered.size + claims.size,
  };
}
