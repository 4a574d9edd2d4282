import { browser } from 'wxt/browser';
import type { Command, CommandOutcome, Result } from './commands.ts';
import { LANE_CLAIM, LANE_SWITCH, offerLane } from './direct-lane.ts';
import { parseViewUpdate, VIEW_PORT_NAME, type ViewUpdate } from './protocol.ts';
import { createViewReceiver } from './view-delta-feed.ts';

const RECONNECT_DELAY_MS = 250;
const COMMAND_TIMEOUT_MS = 15_000;

/** Sends one command; the answer is typed by the command's type (lib/messaging/commands.ts `CommandResults`). */
export type SendCommand = <C extends Command>(command: C) => Promise<CommandOutcome<C['type']>>;

export interface BackgroundConnection {
  send: SendCommand;
  dispose(): void;
}

/**
 * The one place a result is given its command's type. The port carries only what Baton's own background
 * posted (Chrome names the sender), and the background's handler table is checked against `CommandResults`
 * at compile time, so the data is what the map says; like the session snapshot, it is shape-checked only.
 */
function outcomeOf<C extends Command>(update: Extract<ViewUpdate, { type: 'command-result' }>): CommandOutcome<C['type']> {
  if (!update.ok) return { ok: false, error: update.error };
  return { ok: true, data: update.data as Result<C['type']> };
}

/**
 * Keeps a view (sidebar, popup, options) connected to the background. Chrome stops the
 * service worker when it is idle, which disconnects the port; the view reconnects and
 * gets a fresh snapshot, so it never shows stale state for long. Commands go out on the
 * same port and resolve with the background's answer (or a timeout, never silence). In Chrome
 * the port is joined by a direct lane to the service worker (direct-lane.ts), which then carries
 * the session and the commands both ways; the port still tells each side when the other is gone.
 */
export function connectToBackground(
  onUpdate: (update: ViewUpdate) => void,
  onDrop: (reason: string) => void = () => {},
): BackgroundConnection {
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  /** The port's direct lane as offered (closed with its port), and the same lane once the background said it is ready. */
  let offered: MessagePort | undefined;
  let lane: MessagePort | undefined;
  const closeLane = () => {
    offered?.close();
    offered = undefined;
    lane = undefined;
  };
  let nextId = 1;
  const pending = new Map<number, (update: Extract<ViewUpdate, { type: 'command-result' }>) => void>();
  // The session comes as one snapshot, then patches; views still get whole snapshots (structurally shared).
  // A missed patch reconnects the port, which sends the whole session again.
  const sessions = createViewReceiver((reason) => {
    onDrop(reason);
    const stale = port;
    port = undefined;
    closeLane();
    stale?.disconnect();
    connect();
  });

  /** One message from the background; `laneReady` is what the port's `lane-ready` does (nothing on the lane). */
  const receive = (message: unknown, laneReady?: () => void) => {
    const update = parseViewUpdate(message);
    if (!update) return onDrop('view update: malformed message from background');
    if (update.type === 'command-result') {
      const settle = pending.get(update.id);
      pending.delete(update.id);
      settle?.(update);
      return;
    }
    if (update.type === 'session' || update.type === 'session-patch') {
      const snapshot = sessions.receive({ ...update, seq: update.seq ?? 0 } as Parameters<typeof sessions.receive>[0]);
      if (snapshot) onUpdate({ type: 'session', snapshot });
      return;
    }
    if (update.type === 'lane-ready') return laneReady?.();
    onUpdate(update);
  };

  // One port at a time: a command sent while a reconnect is scheduled connects at once and
  // cancels the scheduled one, which would otherwise open a second port (every update twice).
  const connect = () => {
    clearTimeout(timer);
    if (disposed || port) return;
    const opened = browser.runtime.connect({ name: VIEW_PORT_NAME });
    port = opened;
    // Chrome: a direct lane to the service worker beside the port (direct-lane.ts). What it brings waits until the
    // port says `lane-ready`, after everything the port carried before it.
    const mine = offerLane();
    offered = mine?.port;
    let early: unknown[] | null = [];
    if (mine) {
      mine.port.onmessage = (event: MessageEvent) => (early ? early.push(event.data) : receive(event.data));
      opened.postMessage({ type: LANE_CLAIM, nonce: mine.nonce });
    }
    const switchToLane = () => {
      if (!mine || !early || offered !== mine.port) return;
      // Last on the port from this side too: the worker runs lane commands only after it (direct-lane.ts).
      opened.postMessage({ type: LANE_SWITCH });
      lane = mine.port;
      const queued = early;
      early = null;
      for (const message of queued) receive(message);
    };
    opened.onMessage.addListener((message: unknown) => receive(message, switchToLane));
    opened.onDisconnect.addListener(() => {
      // The lane goes with the port: a stopped worker closes neither, and the reconnect offers a new one.
      mine?.port.close();
      if (offered === mine?.port) closeLane();
      if (port === opened) port = undefined;
      timer = setTimeout(connect, RECONNECT_DELAY_MS);
    });
  };

  connect();
  return {
    send<C extends Command>(command: C) {
      const id = nextId++;
      return new Promise<CommandOutcome<C['type']>>((resolve) => {
        const timeout = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'timeout', message: 'unable to reach Baton’s background; it did not answer in time', params: { count: COMMAND_TIMEOUT_MS / 1000 } } });
        }, COMMAND_TIMEOUT_MS);
        pending.set(id, (update) => {
          clearTimeout(timeout);
          resolve(outcomeOf<C>(update));
        });
        connect();
        (lane ?? port)?.postMessage({ type: 'command', id, command });
      });
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      closeLane();
      port?.disconnect();
    },
  };
}
