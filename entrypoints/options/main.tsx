import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/options/options-app';
import { startView } from '@/components/start-view';
import { readLanguagePreference, writeLanguagePreference } from '@/lib/settings/preferences';
import '@/components/theme.css';
import './style.css';

async function start() {
  const language = await readLanguagePreference();
  startView('optionsTitle', language, () => (
    <OptionsApp
      version={browser.runtime.getManifest().version}
      language={language}
      onLanguageChange={writeLanguagePreference}
    />
  ));
}

void start();
