// Valibot schemas for the `data` of each event name. `v.object` strips unknown keys, so identity-looking fields that
// a hostile client adds to `data` (clientId, role, from…) never survive parsing.
import * as v from 'valibot';
import { CANCEL_CAUSES } from './events.ts';
import { LIMITS } from './limits.ts';

const bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const optionalText = (max: number) => v.nullish(bounded(max), null);
const time = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const seq = (min: number) => v.pipe(v.number(), v.safeInteger(), v.minValue(min));

export const ClientIdSchema = nonEmpty(LIMITS.clientId);
export const TransferIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
export const ChatIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
export const TextSchema = v.pipe(
  bounded(LIMITS.text),
  v.check((text) => text.trim().length > 0, 'empty text'),
);
export const NoteSchema = v.nullish(bounded(LIMITS.note), '');

const transfer = v.object({ transferId: TransferIdSchema });

export const CHAT_DATA = {
  message: v.object({ text: TextSchema }),
  typing: v.object({ typing: v.boolean() }),
  claim: v.object({}),
  assigned: v.object({ owner: ClientIdSchema, seq: seq(1), claimId: v.nullish(nonEmpty(LIMITS.id), null) }),
  'transfer.offered': v.object({
    transferId: TransferIdSchema,
    to: ClientIdSchema,
    note: NoteSchema,
    expiresAt: time,
    seq: seq(1),
  }),
  'transfer.accepted': transfer,
  'transfer.rejected': v.object({ transferId: TransferIdSchema, reason: optionalText(LIMITS.rejectReason) }),
  // A cause this version does not know (a newer client's) still cancels the offer, without a cause.
  'transfer.cancelled': v.object({ transferId: TransferIdSchema, reason: v.fallback(v.nullish(v.picklist(CANCEL_CAUSES), null), null) }),
  'transfer.expired': transfer,
  'transfer.completed': v.object({ transferId: TransferIdSchema, owner: ClientIdSchema, seq: seq(2) }),
  takeover: v.object({ owner: ClientIdSchema, seq: seq(1) }),
  'contact.linked': v.object({ personId: nonEmpty(LIMITS.recordId), displayName: optionalText(LIMITS.displayName) }),
  'request.created': v.object({ requestId: nonEmpty(LIMITS.recordId), title: optionalText(LIMITS.title) }),
  'chat.ended': v.object({ reason: optionalText(LIMITS.endReason) }),
} as const;

export const INBOX_DATA = {
  'transfer.offered': v.object({
    chatId: ChatIdSchema,
    transferId: TransferIdSchema,
    expiresAt: time,
    note: NoteSchema,
  }),
  'chat.assigned': v.object({ chatId: ChatIdSchema, seq: seq(1) }),
  'transfer.accepted': v.object({ chatId: ChatIdSchema, transferId: TransferIdSchema }),
} as const;

/** The Ably message fields Baton reads; anything else on the message is ignored. */
export const EnvelopeSchema = v.object({
  id: nonEmpty(LIMITS.id),
  name: nonEmpty(LIMITS.eventName),
  timestamp: time,
  data: v.unknown(),
});

const ClaimHolder = v.object({ userClaim: v.string() });

export function userClaimOf(extras: unknown): string | undefined {
  const result = v.safeParse(ClaimHolder, extras);
  return result.success ? result.output.userClaim : undefined;
}
