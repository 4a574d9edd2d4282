import { browser } from 'wxt/browser';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { startView } from '@/components/start-view';
import { keepBackgroundAwake, openOptionsPage } from '@/lib/messaging/keep-awake';
import { connectToBackground } from '@/lib/messaging/view-connection';
import { createSidebarModel } from '@/lib/models/sidebar-model';
import type { ViewUpdate } from '@/lib/messaging/protocol';
import { earlyViewPreferences } from '@/lib/settings/early-preferences';
import { SIDEBAR_COLLAPSED_KEY } from '@/lib/settings/sidebar-layout';
import '@/components/theme.css';
import './style.css';

async function start() {
  // The port first: the worker's session travels while the page reads its preferences and renders.
  const early: ViewUpdate[] = [];
  let deliver: (update: ViewUpdate) => void = (update) => {
    early.push(update);
  };
  const background = connectToBackground(
    (update) => deliver(update),
    (reason) => console.warn(`[baton] dropped: ${reason}`),
  );
  // Read since the page was parsed (public/sidebar-early.js), while this module loaded.
  const preferences = await earlyViewPreferences();
  let sessionShown = false;
  deliver = (update) => {
    if (update.type === 'reveal') return reveal(update.chatId);
    model.applyUpdate(update);
    if (update.type === 'session' && !sessionShown) {
      sessionShown = true;
      // The agent's chats are on screen once the render this update scheduled has run (read by `npm run bench`).
      setTimeout(() => performance.mark('baton:session-shown'), 0);
    }
  };
  const model = createSidebarModel(
    {
      saveCollapsed: (collapsed) => browser.storage.local.set({ [SIDEBAR_COLLAPSED_KEY]: collapsed }),
      send: background.send,
    },
    preferences,
  );
  // The background brings this tab forward (popup accept, notification, shortcut): show the chat.
  const reveal = (chatId: string | undefined) => {
    if (model.collapsed.value) void model.setCollapsed(false);
    if (chatId) {
      model.selectTab('chats');
      model.openChat(chatId);
    }
    window.focus();
  };
  const openSettings = () => void openOptionsPage();
  // Firefox's event page sleeps when idle; a CRM tab with Baton keeps it (and the agent) connected.
  if (import.meta.env.FIREFOX) keepBackgroundAwake();
  for (const update of early.splice(0)) deliver(update);
  startView('sidebarLabel', preferences.language, () => <SidebarApp model={model} onOpenSettings={openSettings} />);
  // End of the "content script starts → sidebar usable" budget, read by `npm run bench`.
  performance.mark('baton:usable');
}

void start();
