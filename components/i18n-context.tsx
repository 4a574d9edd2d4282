import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/translator';

const I18nContext = createContext<Translate>((key) => key);

export const I18nProvider = I18nContext.Provider;

/** The translator for the view's language; components never call browser.i18n themselves. */
export function useT(): Translate {
  return useContext(I18nContext);
}
