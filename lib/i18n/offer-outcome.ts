import type { ChatView } from '../chat/view.ts';
import type { PendingAction } from '../chat/predict.ts';

// Which notice tells an agent how an offer ended, from the core's `lastOffer` (message keys in public/_locales).
type LastOffer = NonNullable<ChatView['lastOffer']>;

/** The sender: rejected, expired, cancelled, or ended because the receiver left Present. */
export function senderOutcomeKey(last: LastOffer): string | undefined {
  if (last.status === 'cancelled' && last.cause !== null) return last.cause === 'receiver-away' ? 'notifyReceiverAway' : 'notifyReceiverOffline';
  return ({ rejected: 'notifyRejected', expired: 'notifyExpired', cancelled: 'notifyCancelled' } as Partial<Record<LastOffer['status'], string>>)[last.status];
}

/** The receiver, whose open offer ended without their answer: "Sam cancelled the transfer." and the like. */
export function receiverOutcomeKey(last: LastOffer): string | undefined {
  if (last.status === 'cancelled') return last.cause === 'receiver-away' ? 'offerEndedAway' : last.cause === 'receiver-offline' ? 'offerEndedOffline' : 'offerCancelledBy';
  if (last.status === 'expired') return 'offerExpiredFrom';
  if (last.status === 'superseded') return 'offerEndedFrom';
  return undefined;
}

/** My transfer action shown before the chat log confirms it (lib/session/chat-predictions.ts). */
export const PENDING_ACTION_KEYS: Record<PendingAction, string> = {
  transfer: 'pendingTransfer',
  cancel: 'pendingCancel',
  accept: 'pendingAccept',
  reject: 'pendingReject',
};
