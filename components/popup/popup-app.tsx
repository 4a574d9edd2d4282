import { useEffect, useState } from 'preact/hooks';
import type { ErrorInfo } from '@/lib/errors';
import { errorText } from '@/lib/i18n/error-text';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { BatonMark } from '../baton-mark';
import { useT } from '../i18n-context';

export interface PopupAppProps {
  session: SessionSnapshot | null;
  /** The refusal, by code (translated here), or null. */
  onAccept(chat: ChatSnapshot): Promise<ErrorInfo | null>;
  onReject(chat: ChatSnapshot): Promise<ErrorInfo | null>;
  onOpenSettings(): void;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

type CardProps = { chat: ChatSnapshot; session: SessionSnapshot; error: ErrorInfo | null; setError(error: ErrorInfo | null): void };

function OfferCard({ chat, session, onAccept, onReject, error, setError }: CardProps & Pick<PopupAppProps, 'onAccept' | 'onReject'>) {
  const t = useT();
  const now = useNow();
  const offer = chat.pendingOffer;
  if (!offer) return null;
  const from = session.agents.find((agent) => agent.clientId === offer.from)?.name ?? offer.from;
  const secondsLeft = Math.max(0, Math.round((offer.expiresAt - now) / 1000));
  const waiting = chat.startedAt === null ? null : Math.max(0, Math.floor((now - chat.startedAt) / 60_000));
  const headingId = `offer-${chat.chatId}`;
  return (
    <li class="offer-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{chat.visitorName || t('visitor')}</h2>
      <p class="offer-meta">
        {t('popupFrom', from)}
        {chat.topic && ` · ${chat.topic}`}
        {waiting !== null && ` · ${t('popupWaiting', String(waiting))}`}
        {` · ${t('popupTimeLeft', String(secondsLeft))}`}
      </p>
      {offer.note && <p class="offer-note">{offer.note}</p>}
      <ol class="offer-preview">
        {chat.transcript.slice(-3).map((entry) => (
          <li key={entry.id} class={`from-${entry.authorKind}`}>
            {entry.text}
          </li>
        ))}
      </ol>
      <div class="offer-actions">
        <button type="button" class="primary-button" onClick={() => void onAccept(chat).then(setError)}>
          {t('acceptTransfer')}
        </button>
        <button type="button" class="secondary-button" onClick={() => void onReject(chat).then(setError)}>
          {t('rejectTransfer')}
        </button>
      </div>
      {error && (
        <p class="command-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </li>
  );
}

/** The toolbar popup: pending incoming transfers, newest first, answerable with one click. */
export function PopupApp(props: PopupAppProps) {
  const t = useT();
  const session = props.session;
  const phase = session?.connection.phase ?? 'connecting';
  // Kept here, not in the card: a predicted Accept hides the card, and a refusal brings it back with the reason.
  const [errors, setErrors] = useState<Readonly<Record<string, ErrorInfo | null>>>({});
  const offers = (session?.chats ?? []).filter((chat) => chat.canRespond).sort((a, b) => (b.pendingOffer?.offeredAt ?? 0) - (a.pendingOffer?.offeredAt ?? 0));
  return (
    <div class="popup">
      <header class="popup-header">
        <BatonMark />
        <h1>{t('popupTitle')}</h1>
        {session?.me && <span class={`status-pill status-${session.status}`}>{t('statusLabel', t(session.status === 'away' ? 'statusAway' : 'statusPresent'))}</span>}
      </header>
      <main>
        {phase === 'signed-out' ? (
          <div class="connection-note" role="status">
            <strong>{t('connectionSignedOut')}</strong>
            <p>{t('popupSignedOut')}</p>
            <button type="button" class="link-button" onClick={props.onOpenSettings}>
              {t('openSettings')}
            </button>
          </div>
        ) : phase !== 'connected' ? (
          <div class="connection-note" role="status">
            {t('popupOffline')}
          </div>
        ) : offers.length === 0 ? (
          <p class="empty">{t('popupEmpty')}</p>
        ) : (
          <ul class="offers">
            {offers.map((chat) => (
              <OfferCard
                key={chat.chatId}
                chat={chat}
                session={session!}
                onAccept={props.onAccept}
                onReject={props.onReject}
                error={errors[chat.chatId] ?? null}
                setError={(error) => setErrors((all) => ({ ...all, [chat.chatId]: error }))}
              />
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
