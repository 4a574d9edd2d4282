import { PopupApp } from '@/components/popup/popup-app';
import { startView } from '@/components/start-view';
import '@/components/theme.css';
import './style.css';

void startView('popupTitle', () => <PopupApp />);
