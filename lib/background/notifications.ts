import { senderOutcomeKey } from '../i18n/offer-outcome.ts';
import type { Translate } from '../i18n/translator.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { Notice } from './notices.ts';

// OS notifications for transfers. An incoming offer carries Accept/Reject buttons
// (Chrome shows up to two); the id encodes what the buttons act on.
const OFFER_PREFIX = 'offer|';

export function offerNotificationId(chatId: string, transferId: string): string {
  return `${OFFER_PREFIX}${chatId}|${transferId}`;
}

const OUTCOME_PREFIX = 'outcome|';

export function outcomeNotificationId(chatId: string, transferId: string): string {
  return `${OUTCOME_PREFIX}${chatId}|${transferId}`;
}

function parseId(id: string, prefix: string): { chatId: string; transferId: string } | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const [chatId, transferId, extra] = id.slice(prefix.length).split('|');
  return chatId && transferId && extra === undefined ? { chatId, transferId } : undefined;
}

export function parseOfferNotificationId(id: string): { chatId: string; transferId: string } | undefined {
  return parseId(id, OFFER_PREFIX);
}

/** The chat a notice of Baton's is about (an offer to me, or how mine ended); undefined for any other id. */
export function noticeChatId(id: string): string | undefined {
  return (parseId(id, OFFER_PREFIX) ?? parseId(id, OUTCOME_PREFIX))?.chatId;
}

function nameOf(snapshot: SessionSnapshot, clientId: string): string {
  return snapshot.agents.find((agent) => agent.clientId === clientId)?.name ?? clientId;
}

/** One notice as the OS shows it; the buttons, when there are any, are Accept and Reject, in that order. */
export interface NoticeContent {
  id: string;
  title: string;
  message: string;
  buttons?: readonly [accept: string, reject: string];
}

/** The words of a notice, in the agent's language; undefined for an outcome the sender is not told of. */
export function noticeContent(notice: Notice, snapshot: SessionSnapshot, t: Translate): NoticeContent | undefined {
  if (notice.kind === 'offer') {
    return {
      id: offerNotificationId(notice.chatId, notice.transferId),
      title: t('notifyOfferTitle', nameOf(snapshot, notice.from)),
      message: t('notifyOfferBody', notice.visitorName || t('aVisitor'), notice.note).trim(),
      buttons: [t('acceptTransfer'), t('rejectTransfer')],
    };
  }
  // The same words as the sidebar's notice: "Bob Berg went away; the transfer ended.", not "…was cancelled".
  const key = notice.ending.status === 'completed' ? 'notifyCompleted' : senderOutcomeKey(notice.ending);
  if (key === undefined) return undefined;
  return { id: outcomeNotificationId(notice.chatId, notice.transferId), title: t('extName'), message: t(key, nameOf(snapshot, notice.ending.to)) };
}
