import { browser } from 'wxt/browser';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { resolveLocale, type Locale, type LocalePreference } from './locale.ts';
import { createTranslator, parseMessages, type Messages, type Translate } from './translator.ts';

// Both tables are bundled (a few KB) rather than fetched: the sidebar has a start-up
// budget, and a fetch per page load was its slowest step. Each is checked on first use,
// so an English agent's page never validates the Danish table.
const RAW: Record<Locale, unknown> = { en, da };
const TABLES: Partial<Record<Locale, Messages>> = {};
const table = (locale: Locale): Messages => (TABLES[locale] ??= parseMessages(RAW[locale]) ?? {});

/** The translator for the agent's language, with English filling any gap. */
export function translatorFor(preference: LocalePreference): { locale: Locale; t: Translate } {
  const locale = resolveLocale(preference, browser.i18n.getUILanguage());
  return { locale, t: createTranslator(table(locale), locale === 'en' ? {} : table('en'), locale) };
}
