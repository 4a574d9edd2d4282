import { AppError, errorMessage } from '../errors.ts';
import { parseCommandEnvelope, type Command, type CommandError } from '../messaging/commands.ts';
import type { ViewPort } from '../messaging/page-context-relay.ts';
import { createViewFeed } from '../messaging/view-delta-feed.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';

export type CommandPort = ViewPort & { onMessage: { addListener(listener: (message: unknown) => void): void } };

export interface ViewServerDeps {
  diagnostics: Diagnostics;
  /** The state a view that connects now is shown. */
  current(): SessionSnapshot;
  runCommand(command: Command): Promise<unknown>;
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
 * answered with `command-result` whatever happens.
 */
export function createViewServer(deps: ViewServerDeps) {
  const views = new Set<ViewPort>();
  /** Views get the session once, then only what changed (lib/messaging/view-delta.ts, issue 19). */
  const feed = createViewFeed();

  const answer = (port: ViewPort, id: number, command: Command) =>
    deps.runCommand(command).then(
      (data) => port.postMessage({ type: 'command-result', id, ok: true, ...(data === undefined ? {} : { data }) }),
      (error: unknown) => port.postMessage({ type: 'command-result', id, ok: false, error: commandError(error) }),
    );

  return {
    connect(port: CommandPort) {
      views.add(port);
      port.onDisconnect.addListener(() => views.delete(port));
      port.postMessage(feed.full(deps.current()));
      port.onMessage.addListener((message) => {
        const parsed = parseCommandEnvelope(message);
        if ('error' in parsed) {
          deps.diagnostics.record('drop', `view command: ${parsed.error}`);
          if (parsed.id !== undefined) port.postMessage({ type: 'command-result', id: parsed.id, ok: false, error: { code: 'invalid-input', message: parsed.error } });
          return;
        }
        void answer(port, parsed.id, parsed.command);
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
