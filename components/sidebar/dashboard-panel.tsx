import { useT } from '../i18n-context';

export function DashboardPanel() {
  const t = useT();
  return (
    <section class="panel-section" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">{t('ongoingChatSessions')}</h2>
      <p class="empty">{t('dashboardEmpty')}</p>
    </section>
  );
}
