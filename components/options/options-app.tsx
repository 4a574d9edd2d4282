import { useEffect, useState } from 'preact/hooks';
import type { LocalePreference } from '@/lib/i18n/locale';
import { BatonMark } from '../baton-mark';
import type { PolicyProblem } from '@/lib/policy/policy-problem';
import { AccountSection, type AccountSectionProps } from './account-section';
import { AlertsSection, type AlertSettings } from './alerts-section';
import { PolicyProblems } from './policy-problems';
import { DiagnosticsSection } from './diagnostics-section';
import { ShortcutsSection, type Shortcut } from './shortcuts-section';
import { SiteAccessSection, type SiteAccessSectionProps } from './site-access-section';
import { useT } from '../i18n-context';

export interface OptionsAppProps {
  version: string;
  language: LocalePreference;
  onLanguageChange: (language: LocalePreference) => Promise<void>;
  account: AccountSectionProps;
  onExportDiagnostics: () => void;
  /** The effective alert settings and the policy's problems, from the background. */
  loadSettings: () => Promise<{ alerts: AlertSettings; languageLocked: boolean; problems: readonly PolicyProblem[] } | null>;
  onAlertChange: (key: 'notifications' | 'sound', value: boolean) => Promise<void>;
  siteAccess: SiteAccessSectionProps;
  shortcuts: readonly Shortcut[];
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
  const [settings, setSettings] = useState<Awaited<ReturnType<OptionsAppProps['loadSettings']>>>(null);
  const reload = () => void props.loadSettings().then(setSettings);
  useEffect(reload, []);

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
          <select
            id="language"
            value={props.language}
            disabled={settings?.languageLocked ?? false}
            onChange={(event) => changeLanguage(event.currentTarget.value)}
          >
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
        <AlertsSection settings={settings?.alerts ?? null} onChange={(key, value) => void props.onAlertChange(key, value).then(reload)} />
        <SiteAccessSection {...props.siteAccess} />
        <ShortcutsSection shortcuts={props.shortcuts} />
        <PolicyProblems problems={settings?.problems ?? []} />
        <DiagnosticsSection onExport={props.onExportDiagnostics} />
      </main>
      <footer>{t('optionsVersion', props.version)}</footer>
    </div>
  );
}
