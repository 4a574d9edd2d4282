import type { IncomingMessage } from 'node:http';

// Per-IP limits on visitor tokens (docs/widget.md, "In front of the token service"). /auth/visitor is open to any
// origin by design (the widget runs on arbitrary websites), so without a limit anyone could mint tokens and fill the
// agents' queue with fake chats. Two token buckets per client address: every visitor request (renewals and resumes
// on page navigation included), and new chats alone, which are what a flood would be made of.
// Loopback is not limited: the demo's simulated visitors and the test suites run there, and a reverse proxy on the
// same host makes every visitor look like 127.0.0.1 — limit per real IP at that proxy instead (docs/widget.md).

export interface RateLimitOptions {
  /** Visitor token requests per address per minute (burst the same). */
  requestsPerMinute?: number;
  /** New chats per address per minute (burst the same). */
  newChatsPerMinute?: number;
  /** The address to count by; the socket's peer by default (X-Forwarded-For is not trusted). */
  clientAddress?: (req: IncomingMessage) => string;
  now?: () => number;
  /** Addresses remembered at once; the oldest are forgotten first so memory stays bounded under a spray. */
  maxAddresses?: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function createBuckets(perMinute: number, max: number) {
  const buckets = new Map<string, Bucket>();
  return (key: string, now: number): RateDecision => {
    const rate = perMinute / 60_000;
    const previous = buckets.get(key);
    const tokens = previous ? Math.min(perMinute, previous.tokens + (now - previous.at) * rate) : perMinute;
    buckets.delete(key); // re-insert: Map order is then least recently used first
    if (tokens < 1) {
      buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / rate / 1000) };
    }
    buckets.set(key, { tokens: tokens - 1, at: now });
    if (buckets.size > max) buckets.delete(buckets.keys().next().value as string);
    return { ok: true };
  };
}

export function createVisitorRateLimit(options: RateLimitOptions = {}) {
  const now = options.now ?? Date.now;
  const max = options.maxAddresses ?? 50_000;
  const requests = createBuckets(options.requestsPerMinute ?? 30, max);
  const newChats = createBuckets(options.newChatsPerMinute ?? 6, max);
  const addressOf = options.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');
  return {
    /** Counts one visitor request; `newChat` when it carries no valid previous token. */
    check(req: IncomingMessage, newChat: boolean): RateDecision {
      const address = addressOf(req);
      if (options.clientAddress === undefined && LOOPBACK.test(address)) return { ok: true };
      const at = now();
      const first = requests(address, at);
      if (!first.ok || !newChat) return first;
      return newChats(address, at);
    },
  };
}
