import type { Effective } from '@/lib/policy/effective-settings';
import { useT } from '../i18n-context';

export interface AlertSettings {
  notifications: Effective<boolean>;
  sound: Effective<boolean>;
}

function Toggle(props: { id: string; label: string; setting: Effective<boolean>; onChange: (value: boolean) => void }) {
  const t = useT();
  return (
    <div class="field toggle-field">
      <label for={props.id}>{props.label}</label>
      <span class="field-controls">
        {props.setting.locked && (
          <span class="managed-badge" id={`${props.id}-managed`}>
            {t('optionsManaged')}
          </span>
        )}
        <input
          id={props.id}
          type="checkbox"
          checked={props.setting.value}
          disabled={props.setting.locked}
          aria-describedby={props.setting.locked ? `${props.id}-managed` : undefined}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
      </span>
    </div>
  );
}

/** Notifications and sound: the agent's to choose, unless the organisation's policy locks them. */
export function AlertsSection(props: { settings: AlertSettings | null; onChange: (key: 'notifications' | 'sound', value: boolean) => void }) {
  const t = useT();
  if (!props.settings) return null;
  return (
    <section class="options-section" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('optionsAlerts')}</h2>
      <Toggle id="notifications" label={t('optionsNotifications')} setting={props.settings.notifications} onChange={(value) => props.onChange('notifications', value)} />
      <Toggle id="sound" label={t('optionsSound')} setting={props.settings.sound} onChange={(value) => props.onChange('sound', value)} />
    </section>
  );
}
