import { PopupApp } from '@/components/popup/popup-app';
import { startView } from '@/components/start-view';
import { readLanguagePreference } from '@/lib/settings/preferences';
import '@/components/theme.css';
import './style.css';

async function start() {
  startView('popupTitle', await readLanguagePreference(), () => <PopupApp />);
}

void start();
