// Ably's documented limits, which the hub enforces by default so Baton's tests fail where Ably would refuse
// (docs/realtime-hub.md "Limits" has the table and sources). `--limits none` (NO_LIMITS) lifts the per-account
// style limits for experiments; the protocol-safety ones (frame size, nesting depth, buffers) always apply.
// Sources: https://ably.com/docs/platform/pricing/limits (connection, channel and message limits) and the error
// pages https://ably.com/docs/platform/errors/codes/<code>.

export interface HubLimits {
  /** Members present on one channel (Ably: 200, all packages) → 91003. */
  presenceMembersPerChannel: number;
  /** Channels attached to one connection (Ably: 200) → 90010. */
  channelsPerConnection: number;
  /** Messages (not frames) one connection may publish per second (Ably: 50) → 42911, rejected, connection stays. */
  inboundMessagesPerConnection: number;
  /** Messages published to one channel per second by everyone together (Ably: 50) → 42913. */
  inboundMessagesPerChannel: number;
  /** A connection publishing this many times its rate is closed (Ably: about 20×) → 42921. */
  fatalRateMultiple: number;
  /** Combined size of the messages in one publish (Ably: 64 KiB) → 40009. */
  maxMessageSize: number;
  /** How long a dropped connection can resume (Ably: 2 minutes). */
  connectionStateTtlMs: number;
  /** Protocol messages (frames) per second before the connection is closed (Ably: ~2000) → 42924. */
  protocolMessagesPerSecond: number;
}

export const ABLY_LIMITS: HubLimits = {
  presenceMembersPerChannel: 200,
  channelsPerConnection: 200,
  inboundMessagesPerConnection: 50,
  inboundMessagesPerChannel: 50,
  fatalRateMultiple: 20,
  maxMessageSize: 65_536,
  connectionStateTtlMs: 120_000,
  protocolMessagesPerSecond: 2000,
};

/** `--limits none`: only what protects the hub itself stays (message size, frame rate). */
export const NO_LIMITS: HubLimits = {
  ...ABLY_LIMITS,
  presenceMembersPerChannel: Number.POSITIVE_INFINITY,
  channelsPerConnection: Number.POSITIVE_INFINITY,
  inboundMessagesPerConnection: Number.POSITIVE_INFINITY,
  inboundMessagesPerChannel: Number.POSITIVE_INFINITY,
};

export type LimitsMode = 'ably' | 'none';

export function parseLimitsMode(value: string | undefined): LimitsMode | undefined {
  if (value === undefined || value === 'ably') return 'ably';
  return value === 'none' ? 'none' : undefined;
}

export function limitsFor(mode: LimitsMode, overrides: Partial<HubLimits> = {}): HubLimits {
  return { ...(mode === 'none' ? NO_LIMITS : ABLY_LIMITS), ...overrides };
}

/**
 * A token bucket: `rate` tokens per second, holding at most one second's worth, so a short burst up to the rate
 * passes and a sustained stream is held to it. Counts messages, so a frame carrying 1,000 messages costs 1,000.
 */
export class RateBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;

  constructor(rate: number, now = Date.now()) {
    this.rate = rate;
    this.tokens = rate;
    this.last = now;
  }

  /** Takes `count` tokens if all are there; false (and nothing taken) otherwise. */
  take(count: number, now = Date.now()): boolean {
    if (!Number.isFinite(this.rate)) return true;
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (count > this.tokens) return false;
    this.tokens -= count;
    return true;
  }
}

/** Counts events in fixed one-second windows (for the fatal thresholds, where precision does not matter). */
export class WindowCounter {
  private start = 0;
  private count = 0;

  /** Adds `n`; returns the total in the current second. */
  add(n: number, now = Date.now()): number {
    if (now - this.start >= 1000) {
      this.start = now;
      this.count = 0;
    }
    this.count += n;
    return this.count;
  }
}
