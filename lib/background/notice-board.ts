import { offerNotificationId, parseOfferNotificationId } from './notifications.ts';
import { answerableOffers, type Notice, type WithdrawnOffer } from './notices.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';

export interface NoticeBoardDeps {
  /** Everything showing one notice takes: the settings read at that moment, the chime, the words, the notification. */
  show(notice: Notice, snapshot: SessionSnapshot): Promise<void>;
  clear(notificationId: string): Promise<unknown>;
  onError(error: unknown): void;
}

/**
 * The OS notices, shown and withdrawn. Showing one takes a few asynchronous steps before the notification exists, and
 * an offer can end within them (an Accept in the page as the notice is being made): a withdrawal then waits for the
 * showing, so it clears the notification instead of missing it and leaving an offer that is over on screen.
 */
export function createNoticeBoard(deps: NoticeBoardDeps) {
  const showing = new Map<string, Promise<void>>();
  return {
    show(notice: Notice, snapshot: SessionSnapshot): void {
      const shown = deps.show(notice, snapshot).catch(deps.onError);
      if (notice.kind !== 'offer') return;
      const id = offerNotificationId(notice.chatId, notice.transferId);
      const tracked = shown.finally(() => {
        if (showing.get(id) === tracked) showing.delete(id);
      });
      showing.set(id, tracked);
    },
    withdraw({ chatId, transferId }: WithdrawnOffer): void {
      const id = offerNotificationId(chatId, transferId);
      void (showing.get(id) ?? Promise.resolve())
        .then(() => deps.clear(id))
        .catch(deps.onError);
    },
  };
}

/**
 * The offers whose notices are on screen (`shownIds`, from `notifications.getAll`) and which the session no longer
 * lets this agent answer. A worker that starts has no earlier snapshot to compare with, so an offer that ended while
 * no worker was running (it expired, the sender cancelled, it was answered in another browser) keeps its notice until
 * this sweep, run once the session is back with its chats' history.
 */
export function staleOfferNotices(shownIds: readonly string[], session: SessionSnapshot): WithdrawnOffer[] {
  // Only from a session that knows: connected (its chats read), or signed out (no offer is left to answer). One still
  // connecting when the wait ended knows none of its offers yet.
  if (session.connection.phase !== 'connected' && session.connection.phase !== 'signed-out') return [];
  const open = new Set(answerableOffers(session).map(({ chatId, transferId }) => offerNotificationId(chatId, transferId)));
  // A chat whose history has not come in yet (the session stopped waiting for it) cannot say its offer ended.
  const unread = new Set(session.chats.filter((chat) => !chat.historyLoaded).map((chat) => chat.chatId));
  return shownIds.flatMap((id) => {
    const offer = parseOfferNotificationId(id);
    return offer && !open.has(id) && !unread.has(offer.chatId) ? [offer] : [];
  });
}
