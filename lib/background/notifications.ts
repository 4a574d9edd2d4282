import { browser } from 'wxt/browser';
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

export async function showNotice(notice: Notice, snapshot: SessionSnapshot, t: Translate): Promise<void> {
  // Chrome's notifications API reads the icon in the calling context, here the service worker: it fetches and
  // decodes it and hands every pixel to the browser as a list of numbers. At 128 px that took ~9 ms of the worker's
  // thread per notification in a CPU profile during transfers, at the moment an offer goes to the views or an Accept
  // comes in. At 64 px it is a quarter of the pixels; the mark is a flat shape that stays sharp at the sizes the
  // OS notification centres show.
  const iconUrl = browser.runtime.getURL('/icon/64.png');
  if (notice.kind === 'offer') {
    await browser.notifications.create(offerNotificationId(notice.chatId, notice.transferId), {
      type: 'basic',
      iconUrl,
      title: t('notifyOfferTitle', nameOf(snapshot, notice.from)),
      message: t('notifyOfferBody', notice.visitorName || t('aVisitor'), notice.note).trim(),
      buttons: [{ title: t('acceptTransfer') }, { title: t('rejectTransfer') }],
      requireInteraction: true,
      priority: 2,
    });
    return;
  }
  // The same words as the sidebar's notice: "Bob Berg went away; the transfer ended.", not "…was cancelled".
  const key = notice.ending.status === 'completed' ? 'notifyCompleted' : senderOutcomeKey(notice.ending);
  if (key === undefined) return;
  await browser.notifications.create(outcomeNotificationId(notice.chatId, notice.transferId), {
    type: 'basic',
    iconUrl,
    title: t('extName'),
    message: t(key, nameOf(snapshot, notice.ending.to)),
  });
}
