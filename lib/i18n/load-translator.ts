import { browser } from 'wxt/browser';
import { resolveLocale, type Locale, type LocalePreference } from './locale.ts';
import { createTranslator, parseMessages, type Messages, type Translate } from './translator.ts';

async function loadMessages(locale: Locale): Promise<Messages> {
  const response = await fetch(browser.runtime.getURL(`/_locales/${locale}/messages.json`));
  return parseMessages(await response.json()) ?? {};
}

/** Loads the translator for the agent's language, with English filling any gap. */
export async function loadTranslator(preference: LocalePreference): Promise<{ locale: Locale; t: Translate }> {
  const locale = resolveLocale(preference, browser.i18n.getUILanguage());
  const [messages, fallback] = await Promise.all([
    loadMessages(locale),
    locale === 'en' ? Promise.resolve({}) : loadMessages('en'),
  ]);
  return { locale, t: createTranslator(messages, fallback) };
}
