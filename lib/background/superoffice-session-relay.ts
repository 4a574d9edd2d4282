import { browser } from 'wxt/browser';
import type { SuperOfficeCallMessage } from '../crm/superoffice-session.ts';
import { NO_TAB, type SuperOfficeTabRelay } from '../crm/superoffice-session-transport.ts';
import { pickCrmTab, type CandidateTab } from './pick-crm-tab.ts';

/**
 * The browser half of SuperOffice's `session` mode: send the call to Baton's content script in a tab of the
 * tenant (the one the agent looks at first), and hand its reply to createSessionTransport, which parses it.
 * A tab that is signed out or on another page lets the next one try. No tab → NO_TAB.
 */
export function browserSuperOfficeRelay(tenantUrl: string): SuperOfficeTabRelay {
  const root = new URL(tenantUrl.endsWith('/') ? tenantUrl : `${tenantUrl}/`);
  // Match patterns carry no port; the prefix check below does.
  const pattern = `${root.protocol}//${root.hostname}/*`;
  const prefix = root.href.toLowerCase();
  return async (message: SuperOfficeCallMessage) => {
    const [tabs, focused] = await Promise.all([browser.tabs.query({ url: pattern }), browser.windows.getLastFocused().catch(() => undefined)]);
    const candidates: CandidateTab[] = [];
    for (const tab of tabs) {
      if (tab.id === undefined || !tab.url?.toLowerCase().startsWith(prefix)) continue;
      candidates.push({ id: tab.id, windowId: tab.windowId ?? -1, active: tab.active, ...(tab.lastAccessed !== undefined ? { lastAccessed: tab.lastAccessed } : {}) });
    }
    let last: unknown = NO_TAB;
    while (candidates.length > 0) {
      const tab = pickCrmTab(candidates, focused?.id);
      if (!tab) break;
      candidates.splice(candidates.indexOf(tab), 1);
      last = await browser.tabs.sendMessage(tab.id, message).catch((error: unknown) => (candidates.length > 0 ? NO_TAB : Promise.reject(error)));
      const reason = typeof last === 'object' && last !== null ? (last as { reason?: unknown }).reason : undefined;
      if (last !== NO_TAB && reason !== 'signed-out' && reason !== 'wrong-page') return last;
    }
    return last;
  };
}
