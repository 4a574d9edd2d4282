import { browser } from 'wxt/browser';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { startView } from '@/components/start-view';
import { connectToBackground } from '@/lib/messaging/view-connection';
import { createSidebarModel } from '@/lib/models/sidebar-model';
import { readAgentStatus, writeAgentStatus } from '@/lib/settings/preferences';
import { parseCollapsed, SIDEBAR_COLLAPSED_KEY } from '@/lib/settings/sidebar-layout';
import '@/components/theme.css';
import './style.css';

async function start() {
  const [status, stored] = await Promise.all([readAgentStatus(), browser.storage.local.get(SIDEBAR_COLLAPSED_KEY)]);
  const model = createSidebarModel(
    {
      saveCollapsed: (collapsed) => browser.storage.local.set({ [SIDEBAR_COLLAPSED_KEY]: collapsed }),
      saveStatus: writeAgentStatus,
    },
    { collapsed: parseCollapsed(stored[SIDEBAR_COLLAPSED_KEY]), status },
  );
  connectToBackground(model.applyUpdate, (reason) => console.warn(`[baton] dropped: ${reason}`));
  await startView('sidebarLabel', () => <SidebarApp model={model} />);
  // End of the "content script starts → sidebar usable" budget, read by `npm run bench`.
  performance.mark('baton:usable');
}

void start();
