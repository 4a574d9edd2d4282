import { browser } from 'wxt/browser';
import { isLocale, type LocalePreference } from '../i18n/locale.ts';
import { parseCollapsed, SIDEBAR_COLLAPSED_KEY } from './sidebar-layout.ts';

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

export interface ViewPreferences {
  language: LocalePreference;
  status: AgentStatus;
  collapsed: boolean;
}

/** Everything a view needs before its first render, in one storage read (start-up budget). */
export async function readViewPreferences(): Promise<ViewPreferences> {
  const stored = await browser.storage.local.get([LANGUAGE_KEY, AGENT_STATUS_KEY, SIDEBAR_COLLAPSED_KEY]);
  return {
    language: parseLanguagePreference(stored[LANGUAGE_KEY]),
    status: parseAgentStatus(stored[AGENT_STATUS_KEY]),
    collapsed: parseCollapsed(stored[SIDEBAR_COLLAPSED_KEY]),
  };
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
