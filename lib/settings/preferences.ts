import { browser } from 'wxt/browser';
import { isLocale, type LocalePreference } from '../i18n/locale.ts';
import { parseCollapsed, SIDEBAR_COLLAPSED_KEY } from './sidebar-layout.ts';

// The agent's own choices, kept in storage.local so they survive restarts.
// Every read goes through a parse: storage is written by other versions of Baton too.
export type AgentStatus = 'present' | 'away';

export const LANGUAGE_PREFERENCE_KEY = 'language';
const LANGUAGE_KEY = LANGUAGE_PREFERENCE_KEY;
/**
 * The language the pages show: the admin's policy over the agent's choice, mirrored by the
 * background (which alone reads managed storage everywhere; a Firefox sidebar frame cannot).
 */
export const SHOWN_LANGUAGE_KEY = 'shownLanguage';
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

/** The storage.local keys `parseViewPreferences` reads (the CRM content script reads them with its own). */
export const VIEW_PREFERENCE_KEYS = [SHOWN_LANGUAGE_KEY, LANGUAGE_KEY, AGENT_STATUS_KEY, SIDEBAR_COLLAPSED_KEY] as const;

export function parseViewPreferences(stored: Record<string, unknown>): ViewPreferences {
  return {
    language: parseLanguagePreference(stored[SHOWN_LANGUAGE_KEY] ?? stored[LANGUAGE_KEY]),
    status: parseAgentStatus(stored[AGENT_STATUS_KEY]),
    collapsed: parseCollapsed(stored[SIDEBAR_COLLAPSED_KEY]),
  };
}

/** Everything a view needs before its first render, in one storage read (start-up budget). */
export async function readViewPreferences(): Promise<ViewPreferences> {
  return parseViewPreferences(await browser.storage.local.get([...VIEW_PREFERENCE_KEYS]));
}

/** The language to show (see SHOWN_LANGUAGE_KEY); the agent's own choice until the background has mirrored it. */
export async function readLanguagePreference(): Promise<LocalePreference> {
  const stored = await browser.storage.local.get([SHOWN_LANGUAGE_KEY, LANGUAGE_KEY]);
  return parseLanguagePreference(stored[SHOWN_LANGUAGE_KEY] ?? stored[LANGUAGE_KEY]);
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
    // The agent's choice shows at once; the mirrored one follows (and wins when the policy locks it).
    const change = changes[SHOWN_LANGUAGE_KEY] ?? changes[LANGUAGE_KEY];
    if (area === 'local' && change && change.newValue !== undefined) listener(parseLanguagePreference(change.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
