import { BaseRealtime, FetchRequest, RealtimePresence, Rest, WebSocketTransport } from 'ably/modular';
import type { ErrorInfo, TokenParams } from 'ably';
import type { WidgetSettings } from './widget-settings.ts';

// The widget's realtime client: a visitor token from the token service (`/auth/visitor`, any origin), renewed by
// presenting the previous token so the chat id stays the same (server/token-service/token-service.ts), and the
// same ably-js plugins as Baton's background (lib/realtime/realtime-client.ts). The endpoint is Ably's own unless
// the website owner names a self-hosted hub (`data-realtime`).

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
export async function connectVisitor(settings: Pick<WidgetSettings, 'tokenService' | 'realtime'>, resume?: string): Promise<VisitorConnection> {
  const base = settings.tokenService;
  const first = await requestToken(base, resume);
  let token = first.token;
  const hub = settings.realtime;
  const endpoint = hub === 'ably' ? {} : { endpoint: hub.host, tls: hub.tls, ...(hub.tls ? { tlsPort: hub.port } : { port: hub.port }) };
  const client = new BaseRealtime({
    ...endpoint,
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

/** `GET <token service>/widget/agents`, parsed defensively: entries that are not `{ id, name }` strings are skipped. */
export async function fetchAgentNames(base: string): Promise<AgentName[]> {
  const response = await fetch(`${base}/widget/agents`, { headers: { accept: 'application/json' } });
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
