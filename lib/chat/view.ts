// What one agent (or the visitor's widget) sees of a chat: derived from the folded state, the viewer's trusted
// identity and a few local facts (the clock, the read marker, whether they opened or closed the chat window).
import { comparePositions, upperBound } from './canonical-order.ts';
import { CANCEL_CAUSES, type CancelCause, type Position } from './events.ts';
import { transcriptOf } from './fold.ts';
import type { ChatState } from './fold.ts';
import type { TranscriptEntry, TypingMark } from './fold-support.ts';
import { TYPING_TTL_MS } from './limits.ts';
import type { Offer, Register, TerminalStatus } from './register.ts';
import type { Principal } from './roles.ts';

/**
 * My relation to the chat, first match wins:
 * - `owner`: I hold the register (also after the chat ended);
 * - `offered-to`: the pending offer is addressed to me;
 * - `listening`: I owned the chat before (listening mode after a transfer or takeover) and have not closed the window;
 * - `manager`: I hold the manager claim (I may take over or transfer it);
 * - `listening` also: I opened it from the Dashboard (`watching`) with the "Can listen in" claim;
 * - `none`: anything else.
 */
export type MyRole = 'owner' | 'offered-to' | 'listening' | 'manager' | 'none';

export type Highlight =
  | { readonly kind: 'none' }
  | { readonly kind: 'waiting-for'; readonly to: string }
  | { readonly kind: 'transferred-to-you'; readonly from: string };

export interface PendingOfferView {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  readonly note: string;
  readonly offeredAt: number;
  readonly expiresAt: number;
  readonly accepted: boolean;
  /** The deadline has passed on my clock; the `transfer.expired` event is on its way. */
  readonly overdue: boolean;
}

export interface ViewOptions {
  readonly now: number;
  /** Position of the last transcript entry I have read; everything after it that I did not write is unread. */
  readonly readMarker?: Position | null;
  /** I opened this chat from the Dashboard to listen in (local only: the agent is not told). */
  readonly watching?: boolean;
  /** I chose "Close window" (local only): a former owner or listener stops following the chat. */
  readonly closed?: boolean;
}

export interface ChatView {
  readonly chatId: string;
  readonly owner: string | null;
  readonly seq: number;
  readonly queued: boolean;
  readonly ended: boolean;
  readonly myRole: MyRole;
  readonly canWrite: boolean;
  readonly canClaim: boolean;
  readonly canTransfer: boolean;
  readonly canRespond: boolean;
  readonly canCancel: boolean;
  readonly canTakeOver: boolean;
  readonly canEnd: boolean;
  /** Link a CRM person: the owner or a manager (the fold's rule), not while silently listening in from the Dashboard. */
  readonly canLink: boolean;
  /** Record a CRM request on the chat: the same rule as linking (listening in leaves no trace in the chat). */
  readonly canCreateRequest: boolean;
  /** "Close window": I only follow the chat (listening), or I own it and it has ended. */
  readonly canClose: boolean;
  /** Keep the chat's subscription: false once nothing ties me to it (the previous owner is not left subscribed). */
  readonly staySubscribed: boolean;
  readonly pendingOffer: PendingOfferView | null;
  readonly highlight: Highlight;
  /** The latest offer that ended and that I made or received, for "accepted / rejected / expired" notices. */
  readonly lastOffer: {
    readonly transferId: string;
    readonly status: TerminalStatus;
    readonly from: string;
    readonly to: string;
    readonly at: number;
    /** The receiver's words when they rejected it (null otherwise): the sender is shown them. */
    readonly reason: string | null;
    /** Why a cancelled offer ended without the sender asking (its receiver left Present), else null. */
    readonly cause: CancelCause | null;
  } | null;
  readonly transcript: readonly TranscriptEntry[];
  readonly unread: number;
  /** The visitor wrote last and the owner has not replied since (a non-owner's message is not a reply). */
  readonly awaitingReply: boolean;
  /** Who is typing now, other than me, among the visitor and the owner. */
  readonly typing: readonly string[];
  readonly contact: Register['contact'];
  readonly requests: Register['requests'];
}

export function viewFor(state: ChatState, me: Principal, options: ViewOptions): ChatView {
  const r = state.register;
  const { now } = options;
  const ended = r.ended !== null;
  const pending = r.pending;
  const myRole = roleOf(r, me, options);
  const agent = me.kind === 'agent';
  const transcript = transcriptOf(state);
  const overdue = pending !== null && now >= pending.expiresAt;
  // Opened from the Dashboard to listen in: read-only and silent, whatever else my claims allow.
  const listeningIn = options.watching === true && (myRole === 'listening' || myRole === 'manager');
  const mayRecord = agent && !listeningIn && (myRole === 'owner' || myRole === 'manager');
  return {
    chatId: state.chatId,
    owner: r.owner,
    seq: r.seq,
    queued: r.seq === 0 && !ended,
    ended,
    myRole,
    canWrite: !ended && (myRole === 'owner' || me.kind === 'visitor'),
    canClaim: agent && r.seq === 0 && !ended && !r.claims.some((c) => c.clientId === me.clientId),
    canTransfer: agent && !ended && r.owner !== null && pending === null && (myRole === 'owner' || me.manager),
    canRespond: pending !== null && pending.to === me.clientId && pending.status === 'pending' && !overdue,
    canCancel: pending !== null && pending.status === 'pending' && (pending.from === me.clientId || me.manager),
    canTakeOver: agent && me.manager && !ended && r.owner !== me.clientId,
    canEnd: !ended && (myRole === 'owner' || me.kind === 'visitor' || (agent && me.manager)),
    canLink: mayRecord,
    canCreateRequest: mayRecord,
    canClose: myRole === 'listening' || listeningIn || (myRole === 'owner' && ended),
    staySubscribed: me.kind === 'visitor' || myRole !== 'none',
    pendingOffer: pending === null ? null : pendingView(pending, overdue),
    highlight: highlightOf(r, me, overdue),
    lastOffer: lastOfferOf(r, me),
    transcript,
    unread: unreadCount(transcript, me.clientId, options.readMarker ?? null),
    awaitingReply: awaitingReply(transcript),
    typing: typingNow(state, me.clientId, now, transcript),
    contact: r.contact,
    requests: r.requests,
  };
}

function roleOf(r: Register, me: Principal, options: ViewOptions): MyRole {
  if (me.kind !== 'agent') return 'none';
  if (r.owner === me.clientId) return 'owner';
  if (r.pending?.to === me.clientId) return 'offered-to';
  const closed = options.closed === true;
  if (r.formerOwners.includes(me.clientId) && !closed) return 'listening';
  if (me.manager) return 'manager';
  if (options.watching === true && me.listener && !closed) return 'listening';
  return 'none';
}

function pendingView(offer: Offer, overdue: boolean): PendingOfferView {
  return {
    transferId: offer.transferId,
    from: offer.from,
    to: offer.to,
    note: offer.note,
    offeredAt: offer.offeredAt,
    expiresAt: offer.expiresAt,
    accepted: offer.status === 'accepted',
    overdue,
  };
}

function highlightOf(r: Register, me: Principal, overdue: boolean): Highlight {
  const offer = r.pending;
  if (offer === null || (overdue && offer.status === 'pending')) return { kind: 'none' };
  if (offer.to === me.clientId) return { kind: 'transferred-to-you', from: offer.from };
  if (offer.from === me.clientId || r.owner === me.clientId) return { kind: 'waiting-for', to: offer.to };
  return { kind: 'none' };
}

function lastOfferOf(r: Register, me: Principal): ChatView['lastOffer'] {
  for (let i = r.offers.length - 1; i >= 0; i--) {
    const offer = r.offers[i];
    if (offer === undefined || (offer.from !== me.clientId && offer.to !== me.clientId)) continue;
    if (offer.status === 'pending' || offer.status === 'accepted' || offer.resolvedAt === null) return null;
    const reason = offer.status === 'rejected' ? offer.reason : null;
    return { transferId: offer.transferId, status: offer.status, from: offer.from, to: offer.to, at: offer.resolvedAt, reason, cause: causeOf(offer) };
  }
  return null;
}

function causeOf(offer: Offer): CancelCause | null {
  const cause = offer.status === 'cancelled' ? offer.reason : null;
  return (CANCEL_CAUSES as readonly (string | null)[]).includes(cause) ? (cause as CancelCause) : null;
}

/** How long a receiver keeps a chat whose offer to them ended without their answer, so their view can say why. */
export const OFFER_NOTICE_MS = 60_000;

/**
 * The offer to me ended without my answer — the sender cancelled it (or it ended because I left Present), it expired,
 * or a take-over or the chat's end superseded it — and I have no other tie to the chat: how much longer (ms) my
 * background should keep the chat so I am told ("Sam cancelled the transfer") rather than the chat vanishing. 0 if not.
 */
export function offerNoticeTimeLeft(view: ChatView, me: string, now: number): number {
  const last = view.lastOffer;
  if (last === null || last.to !== me || view.myRole !== 'none' || last.status === 'rejected' || last.status === 'completed') return 0;
  return Math.max(0, last.at + OFFER_NOTICE_MS - now);
}

/** Messages after the marker that someone else wrote. O(log n + unread). */
export function unreadCount(transcript: readonly TranscriptEntry[], me: string, marker: Position | null): number {
  const from = marker === null ? 0 : upperBound(transcript, transcript.length, marker, (entry) => entry);
  let unread = 0;
  for (let i = from; i < transcript.length; i++) if (transcript[i]?.clientId !== me) unread++;
  return unread;
}

function awaitingReply(transcript: readonly TranscriptEntry[]): boolean {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const entry = transcript[i];
    if (entry?.countsAsReply === true) return false;
    if (entry?.authorKind === 'visitor') return true;
  }
  return false;
}

function typingNow(state: ChatState, me: string, now: number, transcript: readonly TranscriptEntry[]): string[] {
  const typing: string[] = [];
  const relevant = new Set([state.register.owner, state.register.visitorId]);
  for (const mark of state.typing.values()) {
    if (!mark.typing || mark.clientId === me || !relevant.has(mark.clientId)) continue;
    if (now - mark.timestamp >= TYPING_TTL_MS) continue;
    if (!sentSince(transcript, mark)) typing.push(mark.clientId);
  }
  return typing.sort();
}

/** A message sent after the typing signal ends it; only the tail newer than the signal is scanned. */
function sentSince(transcript: readonly TranscriptEntry[], mark: TypingMark): boolean {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const entry = transcript[i];
    if (entry === undefined || comparePositions(entry, mark) <= 0) return false;
    if (entry.clientId === mark.clientId) return true;
  }
  return false;
}
