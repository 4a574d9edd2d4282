import type { ConnectionPhase } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';

const TEXT: Record<Exclude<ConnectionPhase, 'connected'>, readonly [string, string | null]> = {
  'signed-out': ['connectionSignedOut', 'connectionSignedOutHint'],
  connecting: ['connectionConnecting', null],
  disconnected: ['connectionReconnecting', 'connectionReconnectingHint'],
  suspended: ['connectionReconnecting', 'connectionReconnectingHint'],
  failed: ['connectionFailed', null],
};

/** Says plainly what the connection is doing and what the agent can do; silent when all is well. */
export function ConnectionBanner({ phase, error, onOpenSettings }: { phase: ConnectionPhase; error: string | null; onOpenSettings: () => void }) {
  const t = useT();
  if (phase === 'connected') return null;
  const [title, hint] = TEXT[phase];
  return (
    <div class={`connection-banner phase-${phase}`} role="status">
      <strong>{t(title)}</strong>
      {hint && <span>{t(hint)}</span>}
      {(phase === 'failed' || phase === 'signed-out') && error && <span class="error-detail">{error}</span>}
      {(phase === 'signed-out' || phase === 'failed') && (
        <button type="button" class="link-button" onClick={onOpenSettings}>
          {t('openSettings')}
        </button>
      )}
    </div>
  );
}
