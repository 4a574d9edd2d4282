import { createRealtimeClient } from '../realtime/realtime-client.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import { createAgentSession } from './agent-session.ts';
import { createDiagnostics } from './diagnostics.ts';
import { createCommandHandler } from './session-commands.ts';
import type { SessionSnapshot } from './session-snapshot.ts';
import { identityFromToken, layoutFromToken } from './token-identity.ts';

export interface HeadlessAgentOptions {
  /** Token service base URL, e.g. http://127.0.0.1:8377 */
  origin: string;
  /** The local hub's port. */
  port: number;
  agentId: string;
  name: string;
  status?: AgentStatus;
  offerTimeoutMs?: number;
  onChange?(snapshot: SessionSnapshot): void;
  /** Asks the token service (default: `fetch`); a test holds it back to play a slow service. */
  fetchToken?(url: string): Promise<Response>;
}

/**
 * The agent session that Baton's background runs, without a browser: simulated
 * colleagues in the demo, and integration tests, use exactly the extension's code.
 */
export async function startHeadlessAgent(options: HeadlessAgentOptions) {
  let token = '';
  const { client, history, grants } = createRealtimeClient({
    settings: { tokenServiceUrl: options.origin, realtimeEndpoint: '127.0.0.1', realtimePort: options.port, tls: false, agentId: options.agentId },
    fetchToken: async (url) => {
      const response = await (options.fetchToken ?? fetch)(url);
      if (response.ok) token = await response.clone().text();
      return response;
    },
  });
  await client.connection.once('connected');
  const me = identityFromToken(token);
  if (!me) {
    client.close();
    throw new Error(`unable to sign in ${options.agentId}; the token service gave no agent identity`);
  }
  const offerTimeoutMs = options.offerTimeoutMs ?? 120_000;
  let latest: SessionSnapshot | undefined;
  const session = createAgentSession({
    client,
    history,
    grants,
    me,
    name: options.name,
    status: options.status ?? 'present',
    offerTimeoutMs,
    layout: layoutFromToken(token),
    chats: {},
    diagnostics: createDiagnostics(200),
    onChange: (snapshot) => {
      latest = snapshot;
      options.onChange?.(snapshot);
    },
    onChatsChange: () => {},
    onWake: () => {},
  });
  const handle = createCommandHandler({ session, me, offerTimeoutMs });
  await session.start();
  return {
    me,
    session,
    handle,
    snapshot: () => latest,
    stop() {
      session.dispose();
      client.close();
    },
  };
}

/** Polls until `read` gives a truthy value (integration tests and scripts). */
export async function until<T>(what: string, read: () => T | undefined | false | null, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
