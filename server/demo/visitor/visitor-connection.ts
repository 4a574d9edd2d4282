import { BaseRealtime, FetchRequest, RealtimePresence, Rest, WebSocketTransport } from 'ably/modular';
import type { ErrorInfo, TokenParams } from 'ably';

// The widget's realtime client: a visitor token from the token service (`/auth/visitor`, any origin), renewed by
// presenting the previous token so the chat id stays the same (server/token-service/token-service.ts), and the
// same ably-js plugins as Baton's background (lib/realtime/realtime-client.ts). The hub is this page's own server.

const PLUGINS = { WebSocketTransport, FetchRequest, RealtimePresence, Rest };

export interface VisitorConnection {
  readonly client: BaseRealtime;
  readonly chatId: string;
  /** The latest token, kept so a reload can resume the same chat. */
  token(): string;
}

async function requestToken(base: string, previous: string | undefined): Promise<{ token: string; chatId: string }> {
  const response = await fetch(`${base}/auth/visitor`, previous ? { headers: { authorization: `Bearer ${previous}` } } : {});
  const chatId = response.headers.get('x-baton-chat-id');
  const token = (await response.text()).trim();
  if (!response.ok || !chatId || token === '') throw new Error(`unable to get a visitor token; the token service answered ${response.status}`);
  return { token, chatId };
}

/** Signs in as a new visitor, or as the visitor of `resume` when its token is still ours. */
export async function connectVisitor(location: Location, resume?: string): Promise<VisitorConnection> {
  const base = location.origin;
  const first = await requestToken(base, resume);
  let token = first.token;
  const secure = location.protocol === 'https:';
  const port = Number(location.port) || (secure ? 443 : 80);
  const client = new BaseRealtime({
    endpoint: location.hostname,
    ...(secure ? { tlsPort: port } : { port }),
    tls: secure,
    useBinaryProtocol: false,
    transports: ['web_socket'],
    authCallback: (_params: TokenParams, callback: (error: ErrorInfo | string | null, token: string | null) => void) => {
      requestToken(base, token)
        .then((renewed) => {
          token = renewed.token;
          callback(null, token);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error.message : String(error), null));
    },
    plugins: PLUGINS,
  });
  return { client, chatId: first.chatId, token: () => token };
}

export interface AgentName {
  readonly id: string;
  readonly name: string;
}

/** `GET /visit/api/agents`, parsed defensively: entries that are not `{ id, name }` strings are skipped. */
export async function fetchAgentNames(base: string): Promise<AgentName[]> {
  const response = await fetch(`${base}/visit/api/agents`, { headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  const body: unknown = await response.json();
  return parseAgentNames(body);
}

export function parseAgentNames(body: unknown): AgentName[] {
  if (!Array.isArray(body)) return [];
  const names: AgentName[] = [];
  for (const item of body as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const { id, name } = item as Record<string, unknown>;
    if (typeof id === 'string' && typeof name === 'string' && id.length <= 256 && name.length <= 200) names.push({ id, name });
  }
  return names;
}
