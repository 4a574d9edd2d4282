import { useT } from '../i18n-context';

/** The queue and the agent's own chats. Empty until the realtime session feeds it. */
export function ChatsPanel({ connected }: { connected: boolean }) {
  const t = useT();
  return (
    <>
      <section class="panel-section" aria-labelledby="queue-heading">
        <div class="section-header">
          <h2 id="queue-heading">{t('inQueue')}</h2>
          <span class="count" aria-hidden="true">0</span>
        </div>
        <p class="empty">{t('queueEmpty')}</p>
        <button type="button" class="primary-button" disabled={!connected}>
          {t('getNextInQueue')}
        </button>
      </section>
      <section class="panel-section" aria-labelledby="my-chats-heading">
        <h2 id="my-chats-heading">{t('myChats')}</h2>
        <p class="empty">{t('noChats')}</p>
      </section>
    </>
  );
}
