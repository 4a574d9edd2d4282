// What my own action will make of a chat, before the log has it (issue 19: Accept, Reject, Transfer and Cancel are
// painted at once, like a sent message). Only the chat core's own rules are used: my drafted event is folded as the
// fold will fold it, and an accepted offer is completed as the offerer's arbiter will complete it (decideCompletion).
// The result is a fork of the state for the views; the log's own state is never touched by a prediction.
import { decideCompletion } from './arbiter.ts';
import type { AcceptanceNotice, LoggedEvent } from './events.ts';
import { foldEvents, type ChatState } from './fold.ts';
import type { Offer } from './register.ts';

/**
 * The action of mine a view shows as pending until the log has it (ChatSnapshot.pendingAction). Here, below the
 * session that tracks it and the i18n that words it, so that both name it without one importing the other.
 */
export type PendingAction = 'transfer' | 'cancel' | 'accept' | 'reject';

/** The offerer as the completion's envelope names it: only its clientId is checked by the fold (`not-offerer`). */
function offerer(offer: Offer) {
  return { clientId: offer.from, kind: 'agent' as const, manager: false, listener: false };
}

/**
 * The state after `mine` (my events not yet in the log) and the completion an accepted offer leads to: once an
 * acceptance is in the log the transfer completes everywhere (arbiter.ts), so both agents may show it one hub trip
 * before the offerer's `transfer.completed` is back. The offerer shows it as soon as it completes on the acceptance's
 * notice in its inbox (`relayed`), for the same reason. Returns `state` itself when there is nothing to predict.
 */
export function predict(state: ChatState, mine: readonly LoggedEvent[], now: number, relayed: AcceptanceNotice | null = null): ChatState {
  const folded = mine.length === 0 ? state : foldEvents(state, mine);
  const offer = folded.register.pending;
  if (offer === null) return folded;
  const completion = decideCompletion(folded, offerer(offer), now, relayed);
  if (completion === undefined) return folded;
  const { name, id, data } = completion;
  // toPublish's inverse for this one event: the same fields, under the envelope the offerer will publish with.
  const event = { type: name, id: id ?? '', timestamp: now, clientId: offer.from, sender: offerer(offer), ...data } as unknown as LoggedEvent;
  return foldEvents(folded, [event]);
}
