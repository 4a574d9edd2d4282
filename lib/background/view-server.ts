import { AppError, errorMessage } from '../errors.ts';
import { parseCommandEnvelope, type Command, type CommandError } from '../messaging/commands.ts';
import { isLaneSwitch, LANE_READY, parseLaneClaim } from '../messaging/direct-lane.ts';
import type { ViewPort } from '../messaging/page-context-relay.ts';
import type { ViewUpdate } from '../messaging/protocol.ts';
import { createViewFeed } from '../messaging/view-delta-feed.ts';
import type { LaneOffers, LanePort } from './lane-offers.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';

export type CommandPort = ViewPort & { onMessage: { addListener(listener: (message: unknown) => void): void } };

/** Where a view's updates go: its runtime port, or its direct lane once the lane is ready. */
interface ViewOut {
  postMessage(update: ViewUpdate): void;
}

export interface ViewServerDeps {
  diagnostics: Diagnostics;
  /** The state a view that connects now is shown. */
  current(): SessionSnapshot;
  runCommand(command: Command): Promise<unknown>;
  /** The lanes views offered this worker (lane-offers.ts); without it every view stays on its runtime port. */
  lanes?: LaneOffers;
  /**
   * Something moved on a direct lane. Chrome counts a runtime port's messages as activity that keeps the service
   * worker running, and a MessagePort's not, so the background tells Chrome itself (an extension API call).
   */
  onLaneActivity?(): void;
}

/** A failed command as views get it: the error's code (AppError) with its parameters, and the English message for logs. */
export function commandError(error: unknown): CommandError {
  if (!(error instanceof AppError)) return { code: 'refused', message: errorMessage(error) };
  // Parameters for the view's translation, when the error carries them (lib/errors.ts).
  const params: unknown = 'params' in error ? error.params : undefined;
  return { code: error.code, message: error.message, ...(isParams(params) ? { params } : {}) };
}

function isParams(value: unknown): value is Record<string, string | number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number');
}

/**
 * The views' side of the background: each view (sidebar, popup, options) holds a port; it gets the current
 * snapshot at once and every change after, and its commands come in on the same port, parsed, and are
 * answered with `command-result` whatever happens. A view that also offered a direct lane (Chrome:
 * lib/messaging/direct-lane.ts) gets its changes and answers there once the lane is ready, and may send commands
 * on it; the port still says when the view goes away.
 */
export function createViewServer(deps: ViewServerDeps) {
  const views = new Set<ViewOut>();
  /** Views get the session once, then only what changed (lib/messaging/view-delta.ts, issue 19). */
  const feed = createViewFeed();

  const answer = (out: ViewOut, id: number, command: Command) =>
    deps.runCommand(command).then(
      (data) => out.postMessage({ type: 'command-result', id, ok: true, ...(data === undefined ? {} : { data }) }),
      (error: unknown) => out.postMessage({ type: 'command-result', id, ok: false, error: commandError(error) }),
    );

  return {
    connect(port: CommandPort) {
      let lane: LanePort | undefined;
      let connected = true;
      const out: ViewOut = {
        postMessage(update) {
          if (!lane) return port.postMessage(update);
          deps.onLaneActivity?.();
          try {
            lane.postMessage(update);
          } catch {
            // Structured clone refuses what JSON (the runtime port's encoding) drops, e.g. a function: send it as the
            // port would have, on the lane, so the order holds.
            lane.postMessage(JSON.parse(JSON.stringify(update)) as unknown);
          }
        },
      };
      const onCommand = (message: unknown) => {
        const parsed = parseCommandEnvelope(message);
        if ('error' in parsed) {
          deps.diagnostics.record('drop', `view command: ${parsed.error}`);
          if (parsed.id !== undefined) out.postMessage({ type: 'command-result', id: parsed.id, ok: false, error: { code: 'invalid-input', message: parsed.error } });
          return;
        }
        void answer(out, parsed.id, parsed.command);
      };
      /** Commands that came on the lane before the view's `lane-switch` on the port (null once it came). */
      let held: unknown[] | null = [];
      const useLane = (claimed: LanePort | undefined) => {
        if (!claimed) return deps.diagnostics.record('info', "a view's direct lane did not come; it stays on its runtime port");
        if (!connected || lane) return claimed.close();
        // Last on the port: the view applies what the lane brings only after this, so nothing is applied out of order.
        port.postMessage({ type: LANE_READY } as const);
        lane = claimed;
        lane.onmessage = (event) => {
          deps.onLaneActivity?.();
          // The view's commands sent on the port before its switch run first, in the order it sent them.
          if (held) held.push(event.data);
          else onCommand(event.data);
        };
      };
      const switched = () => {
        const commands = held ?? [];
        held = null;
        commands.forEach(onCommand);
      };
      views.add(out);
      port.onDisconnect.addListener(() => {
        connected = false;
        views.delete(out);
        lane?.close();
      });
      port.postMessage(feed.full(deps.current()));
      port.onMessage.addListener((message) => {
        if (isLaneSwitch(message)) return switched();
        const nonce = parseLaneClaim(message);
        if (nonce === undefined) return onCommand(message);
        if (deps.lanes) void deps.lanes.claim(nonce).then(useLane);
      });
    },
    /** Every connected view gets what changed since the last state it was sent. */
    publish(snapshot: SessionSnapshot) {
      const update = feed.publish(snapshot);
      if (update) for (const view of views) view.postMessage(update);
    },
    size: () => views.size,
  };
}

export type ViewServer = ReturnType<typeof createViewServer>;
