// Bounds on everything that comes off the wire. Ably caps a message at 64 KiB (docs platform/pricing/limits), but a
// chat line, a note or an id has no business being anywhere near that; smaller bounds keep hostile payloads cheap.
export const LIMITS = {
  /** Ably message ids and clientIds (`connId:serial:index` or our deterministic control ids). */
  id: 512,
  clientId: 256,
  eventName: 64,
  /** A transfer id is chosen by the offerer (e.g. crypto.randomUUID()). */
  transferId: 64,
  chatId: 64,
  /** Characters (UTF-16 code units) in one chat message. */
  text: 4000,
  note: 500,
  rejectReason: 200,
  endReason: 200,
  displayName: 200,
  title: 200,
  recordId: 128,
  userClaim: 512,
  /** An offer may not be made to expire further ahead than this (the admin timeout is minutes, not days). */
  maxOfferTtlMs: 24 * 60 * 60 * 1000,
} as const;

/** How long a typing indicator lasts without a refresh (ably-chat-js uses a similar heartbeat window). */
export const TYPING_TTL_MS = 10_000;

/**
 * The receiver's background publishes `transfer.expired` only this long after the deadline, so the sender's own
 * alarm normally does it; the receiver's copy resolves an offer whose sender's browser has gone away.
 */
export const RECEIVER_EXPIRY_DELAY_MS = 5_000;
