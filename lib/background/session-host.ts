import type { BaseRealtime } from 'ably/modular';
import { browser } from 'wxt/browser';
import type { Principal } from '../chat/roles.ts';
import { AppError, errorMessage } from '../errors.ts';
import { parseCommandEnvelope, type Command } from '../messaging/commands.ts';
import type { ViewPort } from '../messaging/page-context-relay.ts';
import { createRealtimeClient } from '../realtime/realtime-client.ts';
import { readAgentStatus, writeAgentStatus } from '../settings/preferences.ts';
import { AGENT_KEY, CHATS_KEY, WORKER_STARTED_KEY, readStoredSession, type StoredSession } from '../settings/session-settings.ts';
import { createAgentSession, type AgentSession } from '../session/agent-session.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import { createCommandHandler } from '../session/session-commands.ts';
import { withFeatures } from '../chat/roles.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { identityFromToken, layoutFromToken } from '../session/token-identity.ts';
import { DEFAULT_SETTINGS } from '../policy/defaults.ts';
import { connectionFrom, readEffectiveConfig, type EffectiveConfig } from './effective-config.ts';
import { badgeText, noticesBetween, type Notice } from './notices.ts';
import { createReadiness } from './readiness.ts';
import { fetchRoster } from './roster.ts';
import { crmAdapterFor } from './crm-adapter-for.ts';

export interface SessionHostOptions {
  diagnostics: Diagnostics;
  showNotice(notice: Notice, snapshot: SessionSnapshot, config: EffectiveConfig): void;
  /** Focuses a CRM tab's sidebar on the chat, or opens the CRM (lib/background/sidebar-tabs.ts). */
  revealChat(chatId: string): Promise<void>;
}

interface Running {
  client: BaseRealtime;
  session: AgentSession | null;
  me: Principal | null;
  handle: ((command: Command) => Promise<unknown>) | null;
}

/**
 * The background's side of the agent session: builds it from storage after the worker
 * was stopped, serves views over their ports,
 * keeps the badge, raises notifications and persists what must survive.
 */
/** A release package before the organisation's policy names its token service (lib/policy/defaults.ts). */
/** How long a woken worker waits for the followed chats' history before it answers anyway. */
const HISTORY_WAIT_MS = 10_000;

export const NOT_SET_UP = "unable to connect; Baton is not set up yet: your organization's policy must name its token service (tokenServiceUrl)";

export function createSessionHost(options: SessionHostOptions) {
  const { diagnostics } = options;
  const views = new Set<ViewPort>();
  let running: Running | null = null;
  let last: SessionSnapshot | null = null;
  let generation = 0;
  let firstStart = true;
  let offerTimeoutMs = DEFAULT_SETTINGS.offerTimeoutSeconds * 1000;
  /** Whether the policy names a CRM adapter; every snapshot carries it, whoever made it. */
  let crmAvailable = false;
  /** The policy's `features.createRequest`, with a CRM to create it in. */
  let requestsAvailable = false;
  let config: EffectiveConfig | null = null;
  const readiness = createReadiness();

  const signedOut = (error: string | null = null): SessionSnapshot => ({
    connection: { phase: 'signed-out', error, since: Date.now() },
    me: null,
    status: 'present',
    agents: [],
    lobby: [],
    chats: [],
    offerTimeoutMs,
    now: Date.now(),
    crmAvailable,
    requestsAvailable,
  });

  const publishSnapshot = (session: SessionSnapshot) => {
    const snapshot = { ...session, crmAvailable, requestsAvailable };
    const previous = last;
    last = snapshot;
    for (const view of views) view.postMessage({ type: 'session', snapshot });
    void browser.action.setBadgeText({ text: badgeText(snapshot) }).catch(() => {});
    if (config) for (const notice of noticesBetween(previous, snapshot)) options.showNotice(notice, snapshot, config);
  };

  const stop = () => {
    generation += 1;
    running?.session?.dispose();
    running?.client.close();
    running = null;
  };

  const start = async (stored?: StoredSession) => {
    stop();
    const ready = readiness.begin();
    try {
      await startRun(stored);
    } finally {
      ready();
    }
  };

  /** One session run: settings, connection, identity, session, and the history of the chats it follows. */
  const startRun = async (stored?: StoredSession) => {
    const mine = generation;
    const settings = stored ?? (await readStoredSession());
    const effective = await readEffectiveConfig(settings.connection);
    if (mine !== generation) return;
    config = effective;
    offerTimeoutMs = effective.settings.offerTimeoutSeconds * 1000;
    const crm = crmAdapterFor(effective.settings);
    crmAvailable = crm !== undefined;
    const features = effective.effective.features;
    requestsAvailable = crmAvailable && features.createRequest.value;
    for (const problem of effective.problems) diagnostics.record('drop', `policy ${problem.key}: ${problem.reason}`);
    if (firstStart) {
      // storage.session outlives the worker but not the browser: a mark left there means Chrome stopped
      // this worker and woke it again, so the session is restored rather than started afresh.
      firstStart = false;
      void browser.storage.session.set({ [WORKER_STARTED_KEY]: Date.now() });
      diagnostics.record('info', settings.wakeUp ? 'worker woke up; restoring the session' : 'cold start');
    }
    if (effective.settings.tokenServiceUrl === '') return publishSnapshot(signedOut(NOT_SET_UP));
    const agentId = settings.agent?.id ?? settings.connection?.agentId;
    if (!agentId) return publishSnapshot(signedOut());

    const connection = connectionFrom(effective.settings, agentId);
    let token = '';
    // A woken worker opens a fresh connection rather than ably-js `recover`: recovery
    // re-attaches the old channels before this code has subscribed, and messages
    // delivered in that gap reach no listener (the worker-kill e2e test lost some).
    // Subscribing and then reading history, folded idempotently, loses nothing.
    const { client, history, grants } = createRealtimeClient({
      settings: connection,
      fetchToken: async (url) => {
        const response = await fetch(url, { credentials: 'include' });
        if (response.ok) token = await response.clone().text();
        return response;
      },
    });
    running = { client, session: null, me: null, handle: null };
    publishSnapshot({ ...signedOut(), connection: { phase: 'connecting', error: null, since: Date.now() } });
    client.connection.on((change) => {
      if (mine === generation && !running?.session) diagnostics.record('connection', `${change.previous} → ${change.current}${change.reason ? ` (${change.reason.code}: ${change.reason.message})` : ''}`);
    });
    client.connection.on('failed', (change) => {
      if (mine === generation && !running?.session) publishSnapshot(signedOut(change.reason?.message ?? 'unable to connect'));
    });
    await client.connection.once('connected');
    if (mine !== generation) return;
    const identity = identityFromToken(token);
    if (!identity) {
      diagnostics.record('error', 'unable to sign in; the token service gave no agent identity');
      return publishSnapshot(signedOut('unable to sign in; the token service gave no agent identity'));
    }
    // The organisation's switches narrow what the role allows (never widen it): without them the
    // controls are hidden and this background refuses the commands, whatever the token says.
    const me = withFeatures(identity, { managerTakeover: features.managerTakeover.value, listenIn: features.listenIn.value });
    const session = createAgentSession({
      client,
      history,
      grants,
      me,
      name: settings.agent?.name ?? me.clientId,
      status: await readAgentStatus(),
      offerTimeoutMs,
      layout: layoutFromToken(token),
      chats: settings.chats,
      diagnostics,
      onChange: (snapshot) => mine === generation && publishSnapshot(snapshot),
      onChatsChange: (chats) => void browser.storage.local.set({ [CHATS_KEY]: chats }),
      onWake: (chatId, at) => void browser.alarms.create(`arbiter:${chatId}`, { when: Math.max(at, Date.now() + 1000) }),
    });
    running = { client, session, me, handle: createCommandHandler({ session, me, offerTimeoutMs, requestsAllowed: requestsAvailable, ...(crm ? { crm } : {}) }) };
    await session.start().catch((error: unknown) => diagnostics.record('error', `unable to start the session; ${errorMessage(error)}`));
    await session.loaded(HISTORY_WAIT_MS);
  };

  const signIn = async (agentId: string, tokenServiceUrl: string) => {
    if (tokenServiceUrl === '') throw new AppError('not-configured', NOT_SET_UP);
    const name = (await fetchRoster(tokenServiceUrl)).find((agent) => agent.id === agentId)?.name ?? agentId;
    await browser.storage.local.set({ [AGENT_KEY]: { id: agentId, name }, [CHATS_KEY]: {} });
    await start();
  };

  const runCommand = async (command: Command): Promise<unknown> => {
    if (command.type === 'get-settings') {
      const { effective, problems } = await readEffectiveConfig((await readStoredSession()).connection);
      return { effective, problems };
    }
    if (command.type === 'list-agents') {
      const stored = await readStoredSession();
      return { agents: await fetchRoster((await readEffectiveConfig(stored.connection)).settings.tokenServiceUrl), signedIn: stored.agent };
    }
    if (command.type === 'export-diagnostics') {
      return { exportedAt: new Date().toISOString(), version: browser.runtime.getManifest().version, drops: diagnostics.dropCounts(), entries: diagnostics.entries() };
    }
    if (command.type === 'sign-in') {
      const stored = await readStoredSession();
      return signIn(command.agentId, (await readEffectiveConfig(stored.connection)).settings.tokenServiceUrl);
    }
    if (command.type === 'sign-out') {
      stop();
      await browser.storage.local.remove([AGENT_KEY, CHATS_KEY]);
      return publishSnapshot(signedOut());
    }
    if (command.type === 'reveal-chat') return options.revealChat(command.chatId);
    if (command.type === 'set-status') await writeAgentStatus(command.status);
    // A command that woke the worker (a view, a notification button, a shortcut) waits for the session.
    await readiness.whenReady();
    if (!running?.handle) throw new AppError('not-signed-in', `unable to ${command.type}; Baton is not connected`);
    return running.handle(command);
  };

  return {
    start,
    stop,
    runCommand,
    snapshot: () => last ?? signedOut(),
    /** A view connected: it gets the current state at once, then every change. */
    connectView(port: ViewPort & { onMessage: { addListener(listener: (message: unknown) => void): void } }) {
      views.add(port);
      port.onDisconnect.addListener(() => views.delete(port));
      port.postMessage({ type: 'session', snapshot: last ?? signedOut() });
      port.onMessage.addListener((message) => {
        const parsed = parseCommandEnvelope(message);
        if ('error' in parsed) {
          diagnostics.record('drop', `view command: ${parsed.error}`);
          if (parsed.id !== undefined) port.postMessage({ type: 'command-result', id: parsed.id, ok: false, error: { code: 'invalid-input', message: parsed.error } });
          return;
        }
        runCommand(parsed.command).then(
          (data) => port.postMessage({ type: 'command-result', id: parsed.id, ok: true, ...(data === undefined ? {} : { data }) }),
          (error: unknown) =>
            port.postMessage({
              type: 'command-result',
              id: parsed.id,
              ok: false,
              error: { code: error instanceof AppError ? error.code : 'refused', message: errorMessage(error) },
            }),
        );
      });
    },
    /** Resolves when the session has started (or could not): what woken-up handlers wait for. */
    ready: () => readiness.whenReady(),
    async onAlarm(name: string) {
      if (!name.startsWith('arbiter:')) return;
      // An alarm that woke the worker fires before the session is back; it must not be lost.
      await readiness.whenReady();
      running?.session?.runArbiter(name.slice('arbiter:'.length));
    },
  };
}

export type SessionHost = ReturnType<typeof createSessionHost>;
