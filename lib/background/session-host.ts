import { browser } from 'wxt/browser';
import { AppError } from '../errors.ts';
import type { Command } from '../messaging/commands.ts';
import { DEFAULT_SETTINGS } from '../policy/defaults.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import type { ConnectionErrorCode } from '../session/connection-error.ts';
import type { SessionCommandHandler } from '../session/session-commands.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { AGENT_KEY, CHATS_KEY, WORKER_STARTED_KEY, readStoredSession, type StoredSession } from '../settings/session-settings.ts';
import { createAlerts } from './alerts.ts';
import { createCommandRouter } from './command-router.ts';
import { readEffectiveConfig, type EffectiveConfig } from './effective-config.ts';
import type { Notice, WithdrawnOffer } from './notices.ts';
import { createReadiness } from './readiness.ts';
import { fetchRoster } from './roster.ts';
import { liveSettingsOf, NOT_SET_UP, runTargetOf, type LiveSettings } from './run-config.ts';
import { startSessionRun, type SessionRun, type SessionRunDeps } from './session-run.ts';
import { createViewServer, type CommandPort, type ViewServerDeps } from './view-server.ts';

export interface SessionHostOptions {
  diagnostics: Diagnostics;
  showNotice(notice: Notice, snapshot: SessionSnapshot, config: EffectiveConfig): void;
  /** An offer's notice is over: off the screen with it (alerts.ts). */
  withdrawNotice(offer: WithdrawnOffer): void;
  /** Focuses a CRM tab's sidebar on the chat, or opens the CRM (lib/background/sidebar-tabs.ts). */
  revealChat(chatId: string): Promise<void>;
  /** How a run connects; the real ably client unless a test gives another. */
  connect?: SessionRunDeps['connect'];
  /** Chrome: the lanes views offer the service worker, and what keeps it running while they carry traffic (view-server.ts). */
  lanes?: Pick<ViewServerDeps, 'lanes' | 'onLaneActivity'>;
}

/**
 * The background's side of the agent session, put together from its parts: the view server (ports and
 * snapshots), the command router (one handler per command), the session run (settings → connection →
 * identity → session) and the alerts (badge and notices). `refresh` brings the run in line with storage and
 * policy: a new run only when where or as whom it connects changed, else the change is applied in place.
 */
export function createSessionHost(options: SessionHostOptions) {
  const { diagnostics } = options;
  const readiness = createReadiness();
  const alerts = createAlerts({ showNotice: options.showNotice, withdrawNotice: options.withdrawNotice });
  let run: SessionRun | null = null;
  let config: EffectiveConfig | null = null;
  let live: LiveSettings | null = null;
  let last: SessionSnapshot | null = null;
  let firstStart = true;

  const signedOut = (error: string | null = null, errorCode?: ConnectionErrorCode): SessionSnapshot => ({
    connection: { phase: 'signed-out', error, ...(errorCode ? { errorCode } : {}), since: Date.now() },
    me: null,
    status: 'present',
    agents: [],
    lobby: [],
    chats: [],
    offerTimeoutMs: live?.offerTimeoutMs ?? DEFAULT_SETTINGS.offerTimeoutSeconds * 1000,
    now: Date.now(),
  });

  const publishSnapshot = (session: SessionSnapshot) => {
    const snapshot = { ...session, crmAvailable: live?.crmAvailable ?? false, requestsAvailable: live?.requestsAvailable ?? false };
    last = snapshot;
    views.publish(snapshot);
    alerts.update(snapshot, config);
  };

  const stop = () => {
    run?.stop();
    run = null;
  };

  const noteStart = (stored: StoredSession) => {
    if (!firstStart) return;
    // storage.session outlives the worker but not the browser: a mark left there means Chrome stopped
    // this worker and woke it again, so the session is restored rather than started afresh.
    firstStart = false;
    void browser.storage.session.set({ [WORKER_STARTED_KEY]: Date.now() });
    diagnostics.record('info', stored.wakeUp ? 'worker woke up; restoring the session' : 'cold start');
  };

  /** One decision at a time, in call order; returns what the caller may wait for (the run being ready). */
  const decide = async (): Promise<{ ready: Promise<void> }> => {
    const stored = await readStoredSession();
    const next = await readEffectiveConfig(stored.connection);
    for (const problem of next.problems) diagnostics.record('drop', `policy ${problem.key}: ${problem.reason}`);
    noteStart(stored);
    config = next;
    live = liveSettingsOf(next);
    if (run && run.target.key === runTargetOf(stored, next).key && !run.failed()) {
      await run.apply(live);
      if (last) publishSnapshot(last);
      return { ready: run.ready };
    }
    stop();
    const settle = readiness.begin();
    run = startSessionRun(stored, next, live, { diagnostics, publish: publishSnapshot, signedOut, ...(options.connect ? { connect: options.connect } : {}) });
    return { ready: run.ready.finally(settle) };
  };
  let deciding: Promise<unknown> = Promise.resolve();
  const refresh = (): Promise<void> => {
    const decided = deciding.then(decide);
    deciding = decided.catch((error: unknown) => diagnostics.record('error', `unable to start the session; ${String(error)}`));
    return decided.then((outcome) => outcome.ready);
  };

  const runSession: SessionCommandHandler = async (command) => {
    // A command that woke the worker (a view, a notification button, a shortcut) waits for the session.
    await readiness.whenReady();
    const handle = run?.handle();
    if (!handle) throw new AppError('not-signed-in', `unable to ${command.type}; Baton is not connected`);
    return handle(command);
  };

  const runCommand = createCommandRouter({
    diagnostics,
    runSession,
    async signIn(agentId) {
      const stored = await readStoredSession();
      const { settings } = await readEffectiveConfig(stored.connection);
      if (settings.tokenServiceUrl === '') throw new AppError('not-configured', NOT_SET_UP);
      const name = (await fetchRoster(settings.tokenServiceUrl)).find((agent) => agent.id === agentId)?.name ?? agentId;
      // Another agent starts with no chats; the same one signing in again keeps those it follows (its run goes on).
      const chats: Record<string, unknown> = stored.agent?.id === agentId ? {} : { [CHATS_KEY]: {} };
      await browser.storage.local.set({ [AGENT_KEY]: { id: agentId, name }, ...chats });
      await refresh();
    },
    async signOut() {
      stop();
      await browser.storage.local.remove([AGENT_KEY, CHATS_KEY]);
      publishSnapshot(signedOut());
    },
    revealChat: options.revealChat,
  });

  const views = createViewServer({ diagnostics, current: () => last ?? signedOut(), runCommand, ...options.lanes });

  return {
    /** Reads storage and policy and applies them: call at start and whenever either changed. */
    refresh,
    stop,
    runCommand: (command: Command): Promise<unknown> => runCommand(command),
    snapshot: () => last ?? signedOut(),
    /** A view connected: it gets the current state at once, then every change. */
    connectView: (port: CommandPort) => views.connect(port),
    /** Resolves when the session has started (or could not): what woken-up handlers wait for. */
    ready: () => readiness.whenReady(),
    async onAlarm(name: string) {
      if (!name.startsWith('arbiter:')) return;
      // An alarm that woke the worker fires before the session is back; it must not be lost.
      await readiness.whenReady();
      run?.session()?.runArbiter(name.slice('arbiter:'.length));
    },
  };
}

export type SessionHost = ReturnType<typeof createSessionHost>;
