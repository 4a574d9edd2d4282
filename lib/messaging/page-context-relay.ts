import { parsePageContext, type PageContext } from '../crm/page-context.ts';
import type { ViewUpdate } from './protocol.ts';

/** The part of a runtime Port the relay uses; tests pass a fake. */
export interface ViewPort {
  postMessage(message: ViewUpdate): void;
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PageContextRelay {
  /** A content script in `tabId` reported what its page shows. Returns false if it was dropped. */
  report(tabId: number, payload: unknown): boolean;
  /** A view in `tabId` (the sidebar frame) connected: it gets the current context at once. */
  connect(tabId: number, port: ViewPort): void;
  forgetTab(tabId: number): void;
}

/**
 * Carries each tab's page context from its content script to the sidebar in the same
 * tab. The content script cannot talk to the sidebar frame directly without the CRM
 * page being able to listen in (window.postMessage), so the background relays it.
 */
export function createPageContextRelay(onDrop: (reason: string) => void = () => {}): PageContextRelay {
  const contexts = new Map<number, PageContext>();
  const ports = new Map<number, Set<ViewPort>>();

  const send = (tabId: number) => {
    const update: ViewUpdate = { type: 'page-context', context: contexts.get(tabId) ?? null };
    for (const port of ports.get(tabId) ?? []) port.postMessage(update);
  };

  return {
    report(tabId, payload) {
      const context = parsePageContext(payload);
      if (!context) {
        onDrop('page context: malformed report');
        return false;
      }
      contexts.set(tabId, context);
      send(tabId);
      return true;
    },
    connect(tabId, port) {
      const tabPorts = ports.get(tabId) ?? new Set<ViewPort>();
      tabPorts.add(port);
      ports.set(tabId, tabPorts);
      port.onDisconnect.addListener(() => {
        tabPorts.delete(port);
        if (tabPorts.size === 0) ports.delete(tabId);
      });
      send(tabId);
    },
    forgetTab(tabId) {
      contexts.delete(tabId);
      ports.delete(tabId);
    },
  };
}
