import { browser } from 'wxt/browser';
import type { ViewPort } from '../messaging/page-context-relay.ts';
import type { ViewUpdate } from '../messaging/protocol.ts';
import { pickCrmTab, type CandidateTab } from './pick-crm-tab.ts';

/**
 * The CRM tabs that have Baton's sidebar (their sidebar frame holds a view port), and
 * bringing one to the front on a chat: after an accept in the popup, a notification or a
 * shortcut. With no such tab, the CRM opens and its sidebar gets the chat when it connects.
 */
export function createSidebarTabs(crmHomeUrl: () => Promise<string | null>) {
  const ports = new Map<number, Set<ViewPort>>();
  const waiting = new Map<number, ViewUpdate>();

  const post = (tabId: number, update: ViewUpdate) => {
    for (const port of ports.get(tabId) ?? []) port.postMessage(update);
  };

  return {
    connect(tabId: number, port: ViewPort) {
      const tabPorts = ports.get(tabId) ?? new Set<ViewPort>();
      ports.set(tabId, tabPorts.add(port));
      port.onDisconnect.addListener(() => {
        tabPorts.delete(port);
        if (tabPorts.size === 0) ports.delete(tabId);
      });
      const update = waiting.get(tabId);
      waiting.delete(tabId);
      if (update) port.postMessage(update);
    },
    forgetTab(tabId: number) {
      ports.delete(tabId);
      waiting.delete(tabId);
    },
    async reveal(chatId?: string): Promise<void> {
      const update: ViewUpdate = { type: 'reveal', ...(chatId ? { chatId } : {}) };
      const found = await Promise.all([...ports.keys()].map((id) => browser.tabs.get(id).catch(() => undefined)));
      const candidates = found.filter((tab): tab is typeof tab & CandidateTab => tab?.id !== undefined);
      const focused = await browser.windows.getLastFocused().catch(() => undefined);
      const target = pickCrmTab(candidates, focused?.id);
      if (target) {
        await browser.tabs.update(target.id, { active: true });
        await browser.windows.update(target.windowId, { focused: true });
        return post(target.id, update);
      }
      const url = await crmHomeUrl();
      if (!url) return;
      const tab = await browser.tabs.create({ url });
      if (tab.id !== undefined) waiting.set(tab.id, update);
    },
  };
}

export type SidebarTabs = ReturnType<typeof createSidebarTabs>;
