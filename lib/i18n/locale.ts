export const SUPPORTED_LOCALES = ['en', 'da'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export type LocalePreference = Locale | 'auto';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The language Baton speaks: the agent's (or, later, the admin's) choice, else the
 * browser's UI language when Baton has it, else English. `da-DK` and `da` both mean Danish.
 */
export function resolveLocale(preference: LocalePreference, uiLanguage: string): Locale {
  if (preference !== 'auto') return preference;
  const primary = uiLanguage.toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : 'en';
}
