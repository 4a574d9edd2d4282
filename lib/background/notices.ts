import type { ChatView } from '../chat/view.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';

// What the agent should be told about, from one snapshot to the next: a new offer to
// them, and the outcome of an offer they made; and which offers' notices must go. Pure, so the background's
// notifications are table-tested; the shell shows them.
export type Notice =
  | { kind: 'offer'; chatId: string; transferId: string; from: string; visitorName: string; note: string }
  /** `ending` is the core's account of how it ended (with why, e.g. the receiver went Away), so the OS notice says what the sidebar says. */
  | { kind: 'outcome'; chatId: string; transferId: string; ending: NonNullable<ChatView['lastOffer']> };

export function noticesBetween(previous: SessionSnapshot | null, next: SessionSnapshot): Notice[] {
  const notices: Notice[] = [];
  const before = new Map(previous?.chats.map((chat) => [chat.chatId, chat]) ?? []);
  for (const chat of next.chats) {
    const old = before.get(chat.chatId);
    const offer = chat.pendingOffer;
    if (chat.canRespond && offer && old?.pendingOffer?.transferId !== offer.transferId) {
      notices.push({ kind: 'offer', chatId: chat.chatId, transferId: offer.transferId, from: offer.from, visitorName: chat.visitorName, note: offer.note });
    }
    const last = chat.lastOffer;
    const me = next.me?.clientId;
    if (last && last.from === me && old && old.lastOffer?.transferId !== last.transferId && last.status !== 'superseded') {
      notices.push({ kind: 'outcome', chatId: chat.chatId, transferId: last.transferId, ending: last });
    }
  }
  return notices;
}

/** An offer to this agent that could be answered before and no longer can: its notice must go. */
export interface WithdrawnOffer {
  chatId: string;
  transferId: string;
}

/**
 * The offers to this agent that ended between two snapshots, however they ended: answered here, in the popup, the
 * page or another browser of mine, withdrawn by the sender, expired, superseded, or the chat gone from the session
 * (signed out). An offer's OS notification waits for the agent's click (`requireInteraction`), so without this it
 * would stay on screen, with Accept and Reject buttons, for an offer that is over.
 */
export function offersWithdrawn(previous: SessionSnapshot | null, next: SessionSnapshot): WithdrawnOffer[] {
  const open = new Set(answerableOffers(next).map(offerKey));
  return previous ? answerableOffers(previous).filter((offer) => !open.has(offerKey(offer))) : [];
}

/** The offers this agent can answer now, one per chat. */
export function answerableOffers(snapshot: SessionSnapshot): WithdrawnOffer[] {
  return snapshot.chats.flatMap((chat) => (chat.canRespond && chat.pendingOffer ? [{ chatId: chat.chatId, transferId: chat.pendingOffer.transferId }] : []));
}

const offerKey = ({ chatId, transferId }: WithdrawnOffer) => `${chatId}|${transferId}`;

export function badgeText(snapshot: SessionSnapshot): string {
  const pending = snapshot.chats.filter((chat) => chat.canRespond).length;
  return pending === 0 ? '' : String(pending);
}
