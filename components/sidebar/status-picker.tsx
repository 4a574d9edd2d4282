import type { AgentStatus } from '@/lib/settings/preferences';
import { useT } from '../i18n-context';

export function StatusPicker({ status, onChange }: { status: AgentStatus; onChange: (status: AgentStatus) => void }) {
  const t = useT();
  return (
    <label class={`status-picker status-${status}`}>
      <span class="visually-hidden">{t('status')}</span>
      <span class="status-dot" aria-hidden="true" />
      <select
        value={status}
        onChange={(event) => onChange(event.currentTarget.value === 'away' ? 'away' : 'present')}
      >
        <option value="present">{t('statusPresent')}</option>
        <option value="away">{t('statusAway')}</option>
      </select>
    </label>
  );
}
