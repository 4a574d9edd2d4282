// What an agent's (or the visitor's) action publishes, or why it is refused. Each command drafts the event it would
// publish, stamped as if now, and runs it through the fold's own transition: the UI and the background refuse
// exactly what the fold would reject, and races that slip through are still rejected by the fold, with a reason.
import * as v from 'valibot';
import { controlId, type Author } from './control-ids.ts';
import type { ContactLinkedEvent, LoggedEvent, OfferedEvent, RequestCreatedEvent } from './events.ts';
import type { ChatState } from './fold.ts';
import { LIMITS } from './limits.ts';
import { chatChannel, envelope, inboxChannel, retryAttempt, toPublish } from './publish.ts';
import type { Publish } from './publish.ts';
import type { Rejection } from './reasons.ts';
import { CHAT_DATA, NoteSchema, TextSchema, TransferIdSchema } from './schemas.ts';
import { findOffer } from './register.ts';
import { applyEvent } from './transitions.ts';

export type Plan =
  /** `draft`: the chat event as the fold will read it back (stamped as if now), for predicting its outcome (predict.ts). */
  | { readonly ok: true; readonly publish: readonly Publish[]; readonly draft?: LoggedEvent }
  | { readonly ok: false; readonly reason: Rejection };

function refuse(reason: Rejection): Plan {
  return { ok: false, reason };
}

/** Checks a draft against the fold; on success publishes it on the chat (plus any inbox notices). */
function plan(state: ChatState, draft: LoggedEvent, id: string | undefined, notices: readonly Publish[] = []): Plan {
  const { outcome } = applyEvent(state.register, draft);
  if (!outcome.applied) return refuse(outcome.reason);
  return { ok: true, publish: [toPublish(chatChannel(state.chatId), draft, id), ...notices], draft };
}

export function planClaim(state: ChatState, me: Author, now: number): Plan {
  const id = controlId(state.chatId, 'claim', me);
  return plan(state, { type: 'claim', ...envelope(me, now, id) }, id);
}

/** A chat line. Agents may only write while they own the chat (listeners and former owners are read-only). */
export function planMessage(state: ChatState, me: Author, now: number, text: string, id?: string): Plan {
  if (!v.is(TextSchema, text)) return refuse('invalid-input');
  if (me.kind === 'agent' && state.register.owner !== me.clientId) return refuse('not-owner');
  return plan(state, { type: 'message', ...envelope(me, now, id ?? ''), text }, id);
}

export function planTyping(state: ChatState, me: Author, now: number, typing: boolean): Plan {
  const event = { type: 'typing' as const, ...envelope(me, now, ''), typing };
  return { ok: true, publish: [toPublish(chatChannel(state.chatId), event, undefined)] };
}

export interface OfferInput {
  readonly to: string;
  readonly note: string;
  /** Fresh and unguessable, e.g. crypto.randomUUID(); chosen by the caller so this stays pure. */
  readonly transferId: string;
  /** The admin's offer timeout. */
  readonly timeoutMs: number;
}

/** Transfer: the offer on the chat, and a notice in the receiver's inbox so their background starts watching. */
export function planOffer(state: ChatState, me: Author, now: number, input: OfferInput): Plan {
  if (!v.is(TransferIdSchema, input.transferId) || !v.is(NoteSchema, input.note)) return refuse('invalid-input');
  if (!v.is(CHAT_DATA.assigned.entries.owner, input.to)) return refuse('invalid-input');
  const id = controlId(input.transferId, 'offered', me);
  const body = { transferId: input.transferId, to: input.to, note: input.note, expiresAt: now + input.timeoutMs };
  const draft: OfferedEvent = { type: 'transfer.offered', ...envelope(me, now, id), ...body, seq: state.register.seq };
  const noticeId = controlId(input.transferId, 'offer-notice', me);
  const notice = toPublish(
    inboxChannel(input.to),
    { type: 'transfer.offered', ...envelope(me, now, noticeId), chatId: state.chatId, transferId: body.transferId, expiresAt: body.expiresAt, note: body.note },
    noticeId,
  );
  return plan(state, draft, id, [notice]);
}

type Answer = 'transfer.accepted' | 'transfer.rejected' | 'transfer.cancelled';
const KIND = { 'transfer.accepted': 'accepted', 'transfer.rejected': 'rejected', 'transfer.cancelled': 'cancelled' } as const;

function answer(state: ChatState, me: Author, now: number, type: Answer, transferId: string, reason: string | null): Plan {
  if (!v.is(TransferIdSchema, transferId)) return refuse('invalid-input');
  const id = controlId(transferId, KIND[type], me, retryAttempt(state, me.clientId, type, transferId));
  const base = { ...envelope(me, now, id), transferId };
  const draft: LoggedEvent =
    type === 'transfer.rejected' ? { type, ...base, reason } : type === 'transfer.cancelled' ? { type, ...base, reason: null } : { type, ...base };
  return plan(state, draft, id);
}

/**
 * Accept: the acceptance on the chat, and first the same in the offerer's inbox, which the offerer may complete on
 * (arbiter.ts `decideCompletion`). Every agent may publish to any inbox, so that notice goes out at once, while the
 * chat's copy may wait for my token to grant me the chat (it was asked for when the offer arrived).
 */
export function planAccept(state: ChatState, me: Author, now: number, transferId: string): Plan {
  const accepted = answer(state, me, now, 'transfer.accepted', transferId, null);
  const offer = findOffer(state.register, transferId);
  if (!accepted.ok || offer === undefined) return accepted;
  const noticeId = controlId(transferId, 'accepted-notice', me, retryAttempt(state, me.clientId, 'transfer.accepted', transferId));
  const notice = toPublish(inboxChannel(offer.from), { type: 'transfer.accepted', ...envelope(me, now, noticeId), chatId: state.chatId, transferId }, noticeId);
  return { ...accepted, publish: [{ ...notice, hint: true }, ...accepted.publish] };
}

export function planReject(state: ChatState, me: Author, now: number, transferId: string, reason: string | null = null): Plan {
  if (reason !== null && reason.length > LIMITS.rejectReason) return refuse('invalid-input');
  return answer(state, me, now, 'transfer.rejected', transferId, reason);
}

export function planCancel(state: ChatState, me: Author, now: number, transferId: string): Plan {
  return answer(state, me, now, 'transfer.cancelled', transferId, null);
}

/** A manager takes the chat over, for themselves or (a forced transfer) for another agent, who is told in their inbox. */
export function planTakeover(state: ChatState, me: Author, now: number, owner: string = me.clientId): Plan {
  const seq = state.register.seq + 1;
  const id = controlId(`${state.chatId}:${seq}`, 'takeover', me);
  const noticeId = controlId(`${state.chatId}:${seq}`, 'assigned-notice', me);
  const notices =
    owner === me.clientId
      ? []
      : [toPublish(inboxChannel(owner), { type: 'chat.assigned', ...envelope(me, now, noticeId), chatId: state.chatId, seq }, noticeId)];
  return plan(state, { type: 'takeover', ...envelope(me, now, id), owner, seq }, id, notices);
}

export function planEnd(state: ChatState, me: Author, now: number, reason: string | null = null): Plan {
  if (reason !== null && reason.length > LIMITS.endReason) return refuse('invalid-input');
  const id = controlId(state.chatId, 'ended', me);
  return plan(state, { type: 'chat.ended', ...envelope(me, now, id), reason }, id);
}

export function planLinkContact(state: ChatState, me: Author, now: number, personId: string, displayName: string | null): Plan {
  // Relinking is last-writer-wins and harmless to repeat, so Ably assigns the id (a fixed one would block relinking).
  const draft: ContactLinkedEvent = { type: 'contact.linked', ...envelope(me, now, ''), personId, displayName };
  if (!v.is(CHAT_DATA['contact.linked'], { personId, displayName })) return refuse('invalid-input');
  return plan(state, draft, undefined);
}

/** "Create request": the CRM request was made (by the CRM adapter); the chat records it for everyone. */
export function planCreateRequest(state: ChatState, me: Author, now: number, requestId: string, title: string | null): Plan {
  const id = controlId(`${state.chatId}:${requestId}`, 'request', me);
  const draft: RequestCreatedEvent = { type: 'request.created', ...envelope(me, now, id), requestId, title };
  // The fold lists a request id once, so a repeat is harmless; the deterministic id makes it a no-op at Ably too.
  if (!v.is(CHAT_DATA['request.created'], { requestId, title })) return refuse('invalid-input');
  return plan(state, draft, id);
}
