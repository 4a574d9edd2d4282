import { withFeatures, type Principal } from '../chat/roles.ts';
import { errorMessage } from '../errors.ts';
import { createRealtimeClient, type RealtimeClientOptions, type RealtimeConnection } from '../realtime/realtime-client.ts';
import { createAgentSession, type AgentSession } from '../session/agent-session.ts';
import { connectionErrorCode, type ConnectionErrorCode } from '../session/connection-error.ts';
import { describeChange } from '../session/connection-info.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import { createCommandHandler, type SessionCommandHandler } from '../session/session-commands.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { identityFromToken, layoutFromToken } from '../session/token-identity.ts';
import { readAgentStatus } from '../settings/preferences.ts';
import { sessionIdKey, type StoredSession } from '../settings/session-settings.ts';
import { connectionFrom, type EffectiveConfig } from './effective-config.ts';
import { arbiterAlarms, followedChatsWriter } from './worker-writes.ts';
import { NOT_SET_UP, runTargetOf, type LiveSettings, type RunTarget } from './run-config.ts';

/** How long a woken worker waits for the followed chats' history before it answers anyway. */
const HISTORY_WAIT_MS = 10_000;
const NO_IDENTITY = 'unable to sign in; the token service gave no agent identity';

export interface SessionRunDeps {
  diagnostics: Diagnostics;
  /** A snapshot for the views: the session's own, or the run's signed-out / connecting state. */
  publish(snapshot: SessionSnapshot): void;
  signedOut(error?: string | null, errorCode?: ConnectionErrorCode): SessionSnapshot;
  connect?: (options: RealtimeClientOptions) => RealtimeConnection;
}

/**
 * One session run: settings → connection → identity → session. It signs in once, reads who it is from the
 * token once, and ends with `stop()`: one AbortController, so nothing of an old run (a late `connected`, a
 * snapshot, a history wait) acts after a newer run began. Settings that need no new connection are applied
 * in place with `apply` (run-config.ts says which).
 */
export function startSessionRun(stored: StoredSession, initial: EffectiveConfig, initialLive: LiveSettings, deps: SessionRunDeps) {
  const { diagnostics } = deps;
  const controller = new AbortController();
  const { signal } = controller;
  const target = runTargetOf(stored, initial);
  let live = initialLive;
  let failed = target.kind !== 'connect';
  let connection: RealtimeConnection | null = null;
  let identity: Principal | null = null;
  let session: AgentSession | null = null;
  let handle: SessionCommandHandler | null = null;

  const principal = () => identity && withFeatures(identity, live.features);
  const handlerFor = (active: AgentSession, me: Principal) =>
    createCommandHandler({ session: active, me, offerTimeoutMs: live.offerTimeoutMs, requestsAllowed: live.requestsAvailable, ...(live.crm ? { crm: live.crm } : {}) });
  const fail = (error: string, errorCode?: ConnectionErrorCode) => {
    failed = true;
    if (!signal.aborted) deps.publish(deps.signedOut(error, errorCode));
  };

  signal.addEventListener('abort', () => {
    session?.dispose();
    connection?.client.close();
  });

  const createSession = async (open: RealtimeConnection, me: Principal) => {
    const [status, idKey] = await Promise.all([readAgentStatus(), sessionIdKey()]);
    return createAgentSession({
      client: open.client,
      history: open.history,
      ...(open.grants ? { grants: open.grants } : {}),
      me,
      idKey,
      name: stored.agent?.name ?? me.clientId,
      status,
      offerTimeoutMs: live.offerTimeoutMs,
      layout: layoutFromToken(open.token()),
      chats: stored.chats,
      diagnostics,
      onChange: (snapshot) => !signal.aborted && deps.publish(snapshot),
      onChatsChange: followedChatsWriter(),
      onWake: arbiterAlarms(),
    });
  };

  const ready = (async () => {
    if (target.kind !== 'connect') return deps.publish(target.kind === 'not-set-up' ? deps.signedOut(NOT_SET_UP, 'not-configured') : deps.signedOut());
    // A woken worker opens a fresh connection rather than ably-js `recover`: recovery
    // re-attaches the old channels before this code has subscribed, and messages
    // delivered in that gap reach no listener (the worker-kill e2e test lost some).
    // Subscribing and then reading history, folded idempotently, loses nothing.
    const open = (deps.connect ?? createRealtimeClient)({ settings: connectionFrom(initial.settings, target.agentId) });
    connection = open;
    deps.publish({ ...deps.signedOut(), connection: { phase: 'connecting', error: null, since: Date.now() } });
    watchUntilSession(open, () => session !== null || signal.aborted, diagnostics, fail);
    if (!(await connected(open, signal))) return;
    identity = identityFromToken(open.token()) ?? null;
    const me = principal();
    if (!me) {
      diagnostics.record('error', NO_IDENTITY);
      return fail(NO_IDENTITY, 'token-service');
    }
    session = await createSession(open, me);
    handle = handlerFor(session, me);
    await session.start().catch((error: unknown) => diagnostics.record('error', `unable to start the session; ${errorMessage(error)}`));
    if (!signal.aborted) await session.loaded(HISTORY_WAIT_MS);
  })();

  return {
    target: target satisfies RunTarget,
    /** Resolves when the session has started and read its chats' history, or the run ended without one. */
    ready,
    /** True once the run cannot give a session (not set up, signed out, failed to connect or sign in). */
    failed: () => failed,
    session: () => session,
    handle: () => handle,
    /** Settings that need no new connection, applied to the running session. */
    async apply(next: LiveSettings) {
      live = next;
      const me = principal();
      if (!session || !me) return;
      handle = handlerFor(session, me);
      await session.reconfigure({ me, offerTimeoutMs: live.offerTimeoutMs });
    },
    stop: () => controller.abort(),
  };
}

export type SessionRun = ReturnType<typeof startSessionRun>;

/** Whether the connection comes up: false when it fails (or the run ends) first, so the run never hangs. */
function connected(open: RealtimeConnection, signal: AbortSignal): Promise<boolean> {
  const { connection } = open.client;
  if (connection.state === 'connected') return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const settle = (up: boolean) => {
      connection.off(onState);
      signal.removeEventListener('abort', onAbort);
      resolve(up && !signal.aborted);
    };
    const onState = () => {
      if (connection.state === 'connected') settle(true);
      else if (connection.state === 'failed' || connection.state === 'closed') settle(false);
    };
    const onAbort = () => settle(false);
    connection.on(onState);
    signal.addEventListener('abort', onAbort);
  });
}

/** Until the session takes over the connection's reporting: its state changes in diagnostics, and a failure shown. */
function watchUntilSession(open: RealtimeConnection, handedOver: () => boolean, diagnostics: Diagnostics, fail: (error: string, errorCode?: ConnectionErrorCode) => void) {
  open.client.connection.on((change) => {
    if (!handedOver()) diagnostics.record('connection', describeChange(change));
  });
  open.client.connection.on('failed', (change) => {
    if (!handedOver()) fail(change.reason?.message ?? 'unable to connect', connectionErrorCode(change.reason));
  });
}
