import { browser } from 'wxt/browser';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { startView } from '@/components/start-view';
import { connectToBackground } from '@/lib/messaging/view-connection';
import { createSidebarModel } from '@/lib/models/sidebar-model';
import { readViewPreferences, writeAgentStatus } from '@/lib/settings/preferences';
import { SIDEBAR_COLLAPSED_KEY } from '@/lib/settings/sidebar-layout';
import '@/components/theme.css';
import './style.css';

async function start() {
  const preferences = await readViewPreferences();
  const model = createSidebarModel(
    {
      saveCollapsed: (collapsed) => browser.storage.local.set({ [SIDEBAR_COLLAPSED_KEY]: collapsed }),
      saveStatus: writeAgentStatus,
    },
    preferences,
  );
  startView('sidebarLabel', preferences.language, () => <SidebarApp model={model} />);
  // End of the "content script starts → sidebar usable" budget, read by `npm run bench`.
  performance.mark('baton:usable');
  connectToBackground(model.applyUpdate, (reason) => console.warn(`[baton] dropped: ${reason}`));
}

void start();
