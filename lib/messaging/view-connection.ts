import { browser } from 'wxt/browser';
import { parseViewUpdate, VIEW_PORT_NAME, type ViewUpdate } from './protocol.ts';

const RECONNECT_DELAY_MS = 250;

/**
 * Keeps a view (sidebar, popup, options) connected to the background. Chrome stops the
 * service worker when it is idle, which disconnects the port; the view reconnects and
 * gets a fresh snapshot, so it never shows stale state for long. Returns the dispose.
 */
export function connectToBackground(
  onUpdate: (update: ViewUpdate) => void,
  onDrop: (reason: string) => void = () => {},
): () => void {
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;

  const connect = () => {
    if (disposed) return;
    port = browser.runtime.connect({ name: VIEW_PORT_NAME });
    port.onMessage.addListener((message: unknown) => {
      const update = parseViewUpdate(message);
      if (update) onUpdate(update);
      else onDrop('view update: malformed message from background');
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      timer = setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };

  connect();
  return () => {
    disposed = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
