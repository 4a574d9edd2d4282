import { browser } from 'wxt/browser';
import { isLocale, type LocalePreference } from '../i18n/locale.ts';

// The agent's own choices, kept in storage.local so they survive restarts.
// Every read goes through a parse: storage is written by other versions of Baton too.
export type AgentStatus = 'present' | 'away';

const LANGUAGE_KEY = 'language';
const AGENT_STATUS_KEY = 'agentStatus';

export function parseLanguagePreference(value: unknown): LocalePreference {
  return isLocale(value) ? value : 'auto';
}

export function parseAgentStatus(value: unknown): AgentStatus {
  return value === 'away' ? 'away' : 'present';
}

export async function readLanguagePreference(): Promise<LocalePreference> {
  const stored = await browser.storage.local.get(LANGUAGE_KEY);
  return parseLanguagePreference(stored[LANGUAGE_KEY]);
}

export async function writeLanguagePreference(preference: LocalePreference): Promise<void> {
  await browser.storage.local.set({ [LANGUAGE_KEY]: preference });
}

export async function readAgentStatus(): Promise<AgentStatus> {
  const stored = await browser.storage.local.get(AGENT_STATUS_KEY);
  return parseAgentStatus(stored[AGENT_STATUS_KEY]);
}

export async function writeAgentStatus(status: AgentStatus): Promise<void> {
  await browser.storage.local.set({ [AGENT_STATUS_KEY]: status });
}

/** Calls `listener` whenever the language preference changes; returns the unsubscribe. */
export function onLanguagePreferenceChange(listener: (preference: LocalePreference) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[LANGUAGE_KEY];
    if (area === 'local' && change) listener(parseLanguagePreference(change.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
