import { BatonMark } from '../baton-mark';
import { useT } from '../i18n-context';

/** The toolbar popup: pending incoming transfers at a glance (none until the session exists). */
export function PopupApp() {
  const t = useT();
  return (
    <div class="popup">
      <header class="popup-header">
        <BatonMark />
        <h1>{t('popupTitle')}</h1>
      </header>
      <main>
        <p class="empty">{t('popupEmpty')}</p>
        <div class="connection-note" role="status">
          <strong>{t('connectionOffline')}</strong>
        </div>
      </main>
    </div>
  );
}
