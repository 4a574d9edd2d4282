import { browser } from 'wxt/browser';
import { KEEP_AWAKE, OPEN_OPTIONS } from './frame-requests.ts';

/**
 * Firefox suspends the background event page 30 s after the last event it handled
 * (pref extensions.background.idle.timeout), open ports and the WebSocket
 * notwithstanding, and each suspension drops the agent's realtime connection and
 * presence. A sidebar (a CRM tab open) sends one message every `intervalMs`: each
 * delivery restarts the timer, so the agent stays connected while they work in the CRM.
 * Measured in Firefox 153 ESR: docs/architecture.md, "Firefox's event page".
 * Returns the function that stops it.
 */
export function keepBackgroundAwake(intervalMs = 20_000): () => void {
  const ping = () => void browser.runtime.sendMessage({ type: KEEP_AWAKE }).catch(() => {});
  ping();
  const timer = setInterval(ping, intervalMs);
  return () => clearInterval(timer);
}

/**
 * Opens Baton's options page. A Firefox sidebar frame has no runtime.openOptionsPage,
 * so it asks the background (lib/background/frame-requests.ts).
 */
export function openOptionsPage(): Promise<void> {
  if (typeof browser.runtime.openOptionsPage === 'function') return browser.runtime.openOptionsPage();
  return browser.runtime.sendMessage({ type: OPEN_OPTIONS }).then(() => undefined);
}
