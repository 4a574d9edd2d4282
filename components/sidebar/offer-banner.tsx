import type { SessionSnapshot } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';
import { agentName } from './names';

/**
 * Offers for other chats, shown at once above the chat the agent is in (issue 13: an offer that arrived while the
 * receiver was inside another chat showed nothing). Screen readers hear each new offer from the sidebar's live
 * region; this is the visible part, with Accept transfer and Open transfer (Reject, with its reason, is in the offer).
 */
export function OfferBanner(props: {
  session: SessionSnapshot | null;
  /** The chat open now: its own offer is shown in it, not here. */
  openChatId: string;
  onAccept: (chatId: string, transferId: string) => void;
  onOpen: (chatId: string) => void;
}) {
  const t = useT();
  const offers = (props.session?.chats ?? []).filter((chat) => chat.canRespond && chat.pendingOffer !== null && chat.chatId !== props.openChatId);
  if (offers.length === 0) return null;
  return (
    <section class="offer-banner" aria-label={t('offerBannerLabel')}>
      {offers.map((chat) => {
        const offer = chat.pendingOffer!;
        return (
          <div key={offer.transferId} class="offer-banner-item">
            <p>{t('offerBannerText', { name: agentName(props.session, offer.from), visitor: chat.visitorName || t('visitor') })}</p>
            <div class="dialog-actions">
              <button type="button" class="primary-button" onClick={() => props.onAccept(chat.chatId, offer.transferId)}>
                {t('acceptTransfer')}
              </button>
              <button type="button" class="secondary-button" onClick={() => props.onOpen(chat.chatId)}>
                {t('openOffer')}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
