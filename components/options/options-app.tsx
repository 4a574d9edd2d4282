import { useState } from 'preact/hooks';
import type { LocalePreference } from '@/lib/i18n/locale';
import { BatonMark } from '../baton-mark';
import { AccountSection, type AccountSectionProps } from './account-section';
import { DiagnosticsSection } from './diagnostics-section';
import { useT } from '../i18n-context';

export interface OptionsAppProps {
  version: string;
  language: LocalePreference;
  onLanguageChange: (language: LocalePreference) => Promise<void>;
  account: AccountSectionProps;
  onExportDiagnostics: () => void;
}

// Language names are written in their own language, as every multilingual product does.
const LANGUAGE_NAMES: ReadonlyArray<readonly [LocalePreference, string]> = [
  ['en', 'English'],
  ['da', 'Dansk'],
];

/** Settings the agent controls. Managed (locked) settings join this page with the policy work. */
export function OptionsApp(props: OptionsAppProps) {
  const t = useT();
  const [saved, setSaved] = useState(false);

  const changeLanguage = async (value: string) => {
    const language = LANGUAGE_NAMES.find(([code]) => code === value)?.[0] ?? 'auto';
    await props.onLanguageChange(language);
    setSaved(true);
  };

  return (
    <div class="options">
      <header class="options-header">
        <BatonMark size={32} />
        <h1>{t('optionsTitle')}</h1>
      </header>
      <main>
        <AccountSection {...props.account} />
        <div class="field">
          <label for="language">{t('optionsLanguage')}</label>
          <select id="language" value={props.language} onChange={(event) => changeLanguage(event.currentTarget.value)}>
            <option value="auto">{t('optionsLanguageBrowser')}</option>
            {LANGUAGE_NAMES.map(([code, name]) => (
              <option value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <p class="saved" role="status">
          {saved ? t('optionsSaved') : ''}
        </p>
        <DiagnosticsSection onExport={props.onExportDiagnostics} />
      </main>
      <footer>{t('optionsVersion', props.version)}</footer>
    </div>
  );
}
