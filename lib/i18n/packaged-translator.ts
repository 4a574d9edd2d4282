import { browser } from 'wxt/browser';
import { resolveLocale, type Locale, type LocalePreference } from './locale.ts';
import { createTranslator, parseMessages, type Messages, type Translate } from './translator.ts';

// The background speaks only in notifications, rarely and asynchronously, so it reads the
// message tables from the extension package when it first needs them instead of bundling
// both languages: that keeps ~28 KB out of the worker's bundle, which has a size budget
// (the pages bundle them, where start-up time matters more; see translator-for.ts).
const tables = new Map<Locale, Promise<Messages>>();

function table(locale: Locale): Promise<Messages> {
  let loading = tables.get(locale);
  if (!loading) {
    loading = fetch(browser.runtime.getURL(`/_locales/${locale}/messages.json`))
      .then((response) => response.json() as Promise<unknown>)
      .then((json) => parseMessages(json) ?? {})
      // A broken package must not cost every later notification: retry next time.
      .catch((error: unknown) => {
        tables.delete(locale);
        throw error;
      });
    tables.set(locale, loading);
  }
  return loading;
}

const translators = new Map<Locale, Promise<Translate>>();

/**
 * The translator for the agent's language, read from the packaged `_locales`, English filling gaps. Made once per
 * language: a worker's CPU profile during transfers showed it rebuilt for every notification.
 */
export function loadPackagedTranslator(preference: LocalePreference): Promise<Translate> {
  const locale = resolveLocale(preference, browser.i18n.getUILanguage());
  let translator = translators.get(locale);
  if (!translator) {
    translator = Promise.all([table(locale), locale === 'en' ? Promise.resolve({}) : table('en')]).then(([own, english]) => createTranslator(own, english, locale));
    // A table that failed to load is read again next time (table()), so its translator is made again too.
    translator.catch(() => translators.delete(locale));
    translators.set(locale, translator);
  }
  return translator;
}
