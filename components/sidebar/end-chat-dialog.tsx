import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n-context';
import { onModalKeyDown } from './modal-keys';

/**
 * "End chat" cannot be undone, so it asks first: an alert dialog whose focus starts on Cancel (the safe answer),
 * Tab stays inside, Escape cancels.
 */
export function EndChatDialog(props: { visitorName: string; onEnd: () => void; onCancel: () => void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div class="dialog-backdrop">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="end-chat-heading"
        aria-describedby="end-chat-explanation"
        ref={dialogRef}
        onKeyDown={(event) => onModalKeyDown(event, dialogRef.current, props.onCancel)}
      >
        <h2 id="end-chat-heading">{t('endChatQuestion', props.visitorName)}</h2>
        <p id="end-chat-explanation">{t('endChatExplanation')}</p>
        <div class="dialog-actions">
          <button type="button" class="secondary-button" ref={cancelRef} onClick={props.onCancel}>
            {t('cancel')}
          </button>
          <button type="button" class="danger-button" onClick={props.onEnd}>
            {t('endChat')}
          </button>
        </div>
      </div>
    </div>
  );
}
