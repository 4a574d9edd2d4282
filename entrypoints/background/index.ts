import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createPageContextRelay } from '@/lib/messaging/page-context-relay';
import { isPageContextReport, VIEW_PORT_NAME } from '@/lib/messaging/protocol';

export default defineBackground(() => {
  console.info(`[baton] background ${browser.runtime.getManifest().version} started`);

  const relay = createPageContextRelay((reason) => console.warn(`[baton] dropped: ${reason}`));
  const isOwn = (senderId: string | undefined) => senderId === browser.runtime.id;

  // Listeners are registered synchronously so a worker woken by one of these events gets it.
  browser.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    if (!isOwn(sender.id) || tabId === undefined || !isPageContextReport(message)) return;
    relay.report(tabId, message);
  });

  browser.runtime.onConnect.addListener((port) => {
    const tabId = port.sender?.tab?.id;
    if (port.name !== VIEW_PORT_NAME || !isOwn(port.sender?.id) || tabId === undefined) return;
    relay.connect(tabId, port);
  });

  browser.tabs.onRemoved.addListener((tabId) => relay.forgetTab(tabId));
});
