import { render, type ComponentChildren } from 'preact';
import type { LocalePreference } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/translator';
import { loadTranslator } from '@/lib/i18n/load-translator';
import { onLanguagePreferenceChange, readLanguagePreference } from '@/lib/settings/preferences';
import { I18nProvider } from './i18n-context';

/**
 * Shared start of every Baton page: load the agent's language, title the document and
 * render; when the language changes, render again in the new one (component state,
 * such as a half-typed message, survives because the tree keeps its shape).
 */
export async function startView(titleKey: string, renderApp: (t: Translate) => ComponentChildren): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const show = async (preference: LocalePreference) => {
    const { locale, t } = await loadTranslator(preference);
    document.documentElement.lang = locale;
    document.title = t(titleKey);
    render(<I18nProvider value={t}>{renderApp(t)}</I18nProvider>, root);
  };
  onLanguagePreferenceChange((preference) => void show(preference));
  await show(await readLanguagePreference());
}
