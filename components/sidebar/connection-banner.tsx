import type { ConnectionState } from '@/lib/models/sidebar-model';
import { useT } from '../i18n-context';

/** Says plainly when Baton cannot reach the chat service; silent when all is well. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const t = useT();
  if (state === 'connected') return null;
  return (
    <div class="connection-banner" role="status">
      <strong>{t('connectionOffline')}</strong>
      <span>{t('connectionOfflineHint')}</span>
    </div>
  );
}
