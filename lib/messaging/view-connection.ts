import { browser } from 'wxt/browser';
import type { ErrorInfo } from '../errors.ts';
import type { Command } from './commands.ts';
import { parseViewUpdate, VIEW_PORT_NAME, type ViewUpdate } from './protocol.ts';

const RECONNECT_DELAY_MS = 250;
const COMMAND_TIMEOUT_MS = 15_000;

export interface CommandOutcome {
  ok: boolean;
  data?: unknown;
  /** Views show `errorText(t, error)`, never `message` (English, for diagnostics). */
  error?: ErrorInfo;
}

export interface BackgroundConnection {
  send(command: Command): Promise<CommandOutcome>;
  dispose(): void;
}

/**
 * Keeps a view (sidebar, popup, options) connected to the background. Chrome stops the
 * service worker when it is idle, which disconnects the port; the view reconnects and
 * gets a fresh snapshot, so it never shows stale state for long. Commands go out on the
 * same port and resolve with the background's answer (or a timeout, never silence).
 */
export function connectToBackground(
  onUpdate: (update: ViewUpdate) => void,
  onDrop: (reason: string) => void = () => {},
): BackgroundConnection {
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let nextId = 1;
  const pending = new Map<number, (outcome: CommandOutcome) => void>();

  // One port at a time: a command sent while a reconnect is scheduled connects at once and
  // cancels the scheduled one, which would otherwise open a second port (every update twice).
  const connect = () => {
    clearTimeout(timer);
    if (disposed || port) return;
    port = browser.runtime.connect({ name: VIEW_PORT_NAME });
    port.onMessage.addListener((message: unknown) => {
      const update = parseViewUpdate(message);
      if (!update) return onDrop('view update: malformed message from background');
      if (update.type === 'command-result') {
        const settle = pending.get(update.id);
        pending.delete(update.id);
        settle?.({ ok: update.ok, ...('data' in update && update.data !== undefined ? { data: update.data } : {}), ...('error' in update && update.error ? { error: update.error } : {}) });
        return;
      }
      onUpdate(update);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      timer = setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };

  connect();
  return {
    send(command) {
      const id = nextId++;
      return new Promise((resolve) => {
        const timeout = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'timeout', message: 'unable to reach Baton’s background; it did not answer in time', params: { count: COMMAND_TIMEOUT_MS / 1000 } } });
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, (outcome) => {
          clearTimeout(timeout);
          resolve(outcome);
        });
        connect();
        port?.postMessage({ type: 'command', id, command });
      });
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      port?.disconnect();
    },
  };
}
