import { useEffect, useRef, useState } from 'preact/hooks';
import type { PendingOfferView } from '@/lib/chat/view';
import { useT } from '../i18n-context';
import { useNow } from './use-now';

/** m:ss until the deadline, from the local clock; never negative. */
export function formatTimeLeft(expiresAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The sender's pending transfer: who it waits for, the time left, and Cancel transfer. */
export function PendingTransfer(props: { offer: PendingOfferView; toName: string; canCancel: boolean; onCancel: () => void }) {
  const t = useT();
  const now = useNow();
  return (
    <div class="offer-bar outgoing">
      <strong>{t('waitingFor', props.toName)}</strong>
      {/* Read out when asked for, not every second. */}
      <span class="time-left">{t('timeLeft', formatTimeLeft(props.offer.expiresAt, now))}</span>
      {props.offer.note && <p class="offer-note">{t('offerNote', props.offer.note)}</p>}
      {props.canCancel && (
        <button type="button" class="secondary-button" onClick={props.onCancel}>
          {t('cancelTransfer')}
        </button>
      )}
    </div>
  );
}

/** The receiver's offer under the chat: the note, Accept transfer, Reject transfer (with an optional reason). */
export function IncomingOffer(props: {
  offer: PendingOfferView;
  fromName: string;
  onAccept: () => void;
  onReject: (reason: string) => void;
}) {
  const t = useT();
  const now = useNow();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);
  return (
    <div class="offer-bar incoming" role="group" aria-label={t('notifyOfferTitle', props.fromName)}>
      <strong>{t('transferredToYou', props.fromName)}</strong>
      <span class="time-left">{t('timeLeft', formatTimeLeft(props.offer.expiresAt, now))}</span>
      {props.offer.note && <p class="offer-note">{t('offerNote', props.offer.note)}</p>}
      {/* At the deadline on my clock the offer can no longer be taken; the expiry event follows shortly. */}
      {props.offer.expiresAt <= now ? (
        <p class="notice" role="status">
          {t('offerExpired')}
        </p>
      ) : rejecting ? (
        <form
          class="reject-form"
          onSubmit={(event) => {
            event.preventDefault();
            props.onReject(reason);
          }}
        >
          <label class="field">
            <span>{t('rejectReason')}</span>
            <input ref={reasonRef} type="text" maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
          </label>
          <div class="dialog-actions">
            <button type="button" class="secondary-button" onClick={() => setRejecting(false)}>
              {t('cancel')}
            </button>
            <button type="submit" class="danger-button">
              {t('rejectTransfer')}
            </button>
          </div>
        </form>
      ) : (
        <div class="dialog-actions">
          <button type="button" class="primary-button" onClick={props.onAccept}>
            {t('acceptTransfer')}
          </button>
          <button type="button" class="secondary-button" onClick={() => setRejecting(true)}>
            {t('rejectTransfer')}
          </button>
        </div>
      )}
    </div>
  );
}
