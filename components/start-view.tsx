import { render, type ComponentChildren } from 'preact';
import type { LocalePreference } from '@/lib/i18n/locale';
import type { Translate } from '@/lib/i18n/translator';
import { translatorFor } from '@/lib/i18n/translator-for';
import { onLanguagePreferenceChange } from '@/lib/settings/preferences';
import { I18nProvider } from './i18n-context';

/**
 * Shared start of every Baton page: pick the agent's language, title the document and
 * render; when the language changes, render again in the new one (component state,
 * such as a half-typed message, survives because the tree keeps its shape). Returns the same re-render, for a
 * page that learns the language some other way.
 */
export function startView(
  titleKey: string,
  preference: LocalePreference,
  renderApp: (t: Translate) => ComponentChildren,
): (preference: LocalePreference) => void {
  const root = document.getElementById('app');
  if (!root) return () => {};
  const show = (preference: LocalePreference) => {
    const { locale, t } = translatorFor(preference);
    document.documentElement.lang = locale;
    document.title = t(titleKey);
    render(<I18nProvider value={t}>{renderApp(t)}</I18nProvider>, root);
  };
  onLanguagePreferenceChange(show);
  show(preference);
  return show;
}
