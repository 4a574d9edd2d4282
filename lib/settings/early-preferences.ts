import { parseViewPreferences, readViewPreferences, type ViewPreferences } from './preferences.ts';

// public/sidebar-early.js runs as sidebar.html is parsed, before the page's modules are fetched and compiled: it
// starts the one storage read the sidebar's first render needs (the agent's language), so the read overlaps the
// module load instead of following it (docs/architecture.md, "The frame's wait"). It is a classic script in public/
// because Vite bundles only modules, and it is kept to two lines because it counts in the sidebar's size budget.
// Its keys are VIEW_PREFERENCE_KEYS (a unit test keeps them equal); what it reads is parsed here, never trusted.

/** The global public/sidebar-early.js sets: the storage read it started while the page was parsed. */
export const EARLY_PREFERENCES_GLOBAL = 'batonEarlyPreferences';

/**
 * The view preferences from the read the page's early script started (public/sidebar-early.js), parsed like any
 * other read; a page without it, or a read that failed or brought something else, reads storage again here.
 */
export async function earlyViewPreferences(scope: object = globalThis): Promise<ViewPreferences> {
  const stored: unknown = await Promise.resolve((scope as Record<string, unknown>)[EARLY_PREFERENCES_GLOBAL]).catch(() => null);
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? parseViewPreferences(stored as Record<string, unknown>) : readViewPreferences();
}
