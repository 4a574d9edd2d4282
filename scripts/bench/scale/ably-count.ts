// Counting messages the way Ably bills them (docs platform/pricing/message-counting and pub-sub/pricing):
// every message or presence message a client sends is 1 inbound; every one delivered to a client
// (subscribers, the publisher's own echo, the members of a presence SYNC on attach) is 1 outbound; a REST
// history or presence read is 1 outbound per item returned. Heartbeats, ACKs and attaches are not counted.

/** Protocol actions that carry billable messages (TR2: PRESENCE 14, MESSAGE 15, SYNC 16). */
const CARRIES_MESSAGES = new Set([14, 15, 16]);

export interface FrameCount {
  /** Messages and presence messages in the frame. */
  messages: number;
  /** The error code the frame carries (an ERROR, a NACK, a DETACHED or an ATTACHED with an error), if any. */
  errorCode: number | null;
}

/** Reads one JSON protocol frame; a frame that is not one counts as nothing. */
export function countFrame(text: string): FrameCount {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { messages: 0, errorCode: null };
  }
  if (typeof frame !== 'object' || frame === null) return { messages: 0, errorCode: null };
  const { action, messages, presence, error } = frame as { action?: unknown; messages?: unknown; presence?: unknown; error?: unknown };
  const count = typeof action === 'number' && CARRIES_MESSAGES.has(action) ? (Array.isArray(messages) ? messages.length : 0) + (Array.isArray(presence) ? presence.length : 0) : 0;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
  return { messages: count, errorCode: code };
}

/** The Ably error codes the scale bench must never see: the limits Baton's channel design must respect. */
export const LIMIT_ERRORS: Readonly<Record<number, string>> = {
  91003: 'too many presence members',
  90010: 'too many channels',
  42910: 'rate limit exceeded',
  42911: 'connection inbound rate exceeded',
  42913: 'channel rate exceeded',
  42921: 'connection terminated for its publish rate',
  42924: 'connection terminated for its protocol message rate',
  40009: 'maximum message size exceeded',
};

export interface Tally {
  inbound: number;
  outbound: number;
  /** Error code → how many times the hub sent it. */
  errors: Map<number, number>;
  /** Agent token requests (`/auth/agent`): not Ably messages, but each one reads the chats it asks about. */
  tokenRequests: number;
}

export function emptyTally(): Tally {
  return { inbound: 0, outbound: 0, errors: new Map(), tokenRequests: 0 };
}

export function addError(tally: Tally, code: number): void {
  tally.errors.set(code, (tally.errors.get(code) ?? 0) + 1);
}

/** Error counts keyed by code, with the limit's name where it is one of LIMIT_ERRORS ("91003 too many presence members"). */
export function namedErrors(errors: ReadonlyMap<number, number>): Record<string, number> {
  const named: Record<string, number> = {};
  for (const [code, count] of errors) named[`${code}${LIMIT_ERRORS[code] ? ` ${LIMIT_ERRORS[code]}` : ''}`] = count;
  return named;
}
