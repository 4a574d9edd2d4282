import { isLocale, type LocalePreference } from '../i18n/locale.ts';
import { AGENT_SETTING_KEYS, type AgentSettingKey } from './defaults.ts';

// What the agent chose on the options page, kept in storage.local under the setting's own
// name (`language` is already there, lib/settings/preferences.ts). Older or newer Batons
// write the same area, so a value that does not fit is treated as "no choice made".

export type AgentChoices = { readonly notifications?: boolean; readonly sound?: boolean; readonly language?: LocalePreference };

/** The storage.local keys to read: `browser.storage.local.get([...AGENT_CHOICE_KEYS])`. */
export const AGENT_CHOICE_KEYS: readonly AgentSettingKey[] = AGENT_SETTING_KEYS;

export function parseAgentChoices(raw: unknown): AgentChoices {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const read = (key: AgentSettingKey): unknown => (Object.hasOwn(raw, key) ? Reflect.get(raw, key) : undefined);
  const notifications = read('notifications');
  const sound = read('sound');
  const language = read('language');
  return {
    ...(typeof notifications === 'boolean' ? { notifications } : {}),
    ...(typeof sound === 'boolean' ? { sound } : {}),
    ...(language === 'auto' || isLocale(language) ? { language } : {}),
  };
}
