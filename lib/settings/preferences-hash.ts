import { isLocale } from '../i18n/locale.ts';
import type { ViewPreferences } from './preferences.ts';

// The CRM content script has read storage.local before it places the sidebar (the collapsed width, the policy's
// sites), so it hands the sidebar the preferences it needs for its first render in the frame's URL fragment: the
// sidebar renders at once instead of waiting for a storage read of its own (issue 19, "sidebar usable"). The
// sidebar still reads storage right after and follows it; the fragment only decides the first frame.
// sidebar.html is web-accessible, so any page may load it with any fragment: it is parsed, and a bad one is
// ignored (the sidebar then waits for storage, as before).

export function viewPreferencesHash(preferences: ViewPreferences): string {
  const params = new URLSearchParams({ lang: preferences.language, status: preferences.status, collapsed: preferences.collapsed ? '1' : '0' });
  return `#${params.toString()}`;
}

export function parseViewPreferencesHash(hash: string): ViewPreferences | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = params.get('lang');
  const status = params.get('status');
  const collapsed = params.get('collapsed');
  if (lang === null || !(lang === 'auto' || isLocale(lang))) return null;
  if (status !== 'present' && status !== 'away') return null;
  if (collapsed !== '0' && collapsed !== '1') return null;
  return { language: lang, status, collapsed: collapsed === '1' };
}
