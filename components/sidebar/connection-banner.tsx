import type { ConnectionErrorCode } from '@/lib/session/connection-error';
import type { ConnectionPhase } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';

const TEXT: Record<Exclude<ConnectionPhase, 'connected'>, readonly [string, string | null]> = {
  'signed-out': ['connectionSignedOut', 'connectionSignedOutHint'],
  connecting: ['connectionConnecting', null],
  disconnected: ['connectionReconnecting', 'connectionReconnectingHint'],
  suspended: ['connectionReconnecting', 'connectionReconnectingHint'],
  failed: ['connectionFailed', null],
};

const WHY: Record<ConnectionErrorCode, string> = {
  'not-configured': 'connectionError_not_configured',
  'token-revoked': 'connectionError_token_revoked',
  'token-service': 'connectionError_token_service',
  'sign-in-refused': 'connectionError_sign_in_refused',
};

interface ConnectionBannerProps {
  phase: ConnectionPhase;
  /** The background's English words, for support: behind "Technical details", marked as English. */
  error: string | null;
  errorCode?: ConnectionErrorCode | undefined;
  onOpenSettings: () => void;
}

/** Says plainly what the connection is doing and what the agent can do, in their language; silent when all is well. */
export function ConnectionBanner({ phase, error, errorCode, onOpenSettings }: ConnectionBannerProps) {
  const t = useT();
  if (phase === 'connected') return null;
  const [title, hint] = TEXT[phase];
  const stopped = phase === 'failed' || phase === 'signed-out';
  return (
    <div class={`connection-banner phase-${phase}`} role="status">
      <strong>{t(title)}</strong>
      {errorCode ? <span>{t(WHY[errorCode])}</span> : hint && <span>{t(hint)}</span>}
      {stopped && error && (
        <details class="error-detail">
          <summary>{t('technicalDetails')}</summary>
          <span lang="en">{error}</span>
        </details>
      )}
      {stopped && (
        <button type="button" class="link-button" onClick={onOpenSettings}>
          {t('openSettings')}
        </button>
      )}
    </div>
  );
}
