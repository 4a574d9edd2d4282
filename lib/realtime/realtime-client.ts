import { BaseRealtime, FetchRequest, RealtimePresence, WebSocketTransport } from 'ably/modular';
import type { ClientOptions, ErrorInfo, TokenParams } from 'ably';
import { agentTokenUrl, type ConnectionSettings } from './connection-settings.ts';
import { createChatGrants, type ChatGrants } from './chat-grants.ts';
import { createRestHistory, restBaseUrl, type ChannelHistory } from './rest-history.ts';
import { parseTokenGrants } from './token-grants.ts';

// Only the plugins Baton uses keep the worker small: WebSocket (the one transport that
// works in a service worker), fetch (mandatory for HTTP, no XHR in a worker) and
// presence (research: ably-protocol.md §5.2). Not `Rest`: history is one REST call,
// made directly (rest-history.ts), which saves ~26 KB.
const PLUGINS = { WebSocketTransport, FetchRequest, RealtimePresence };

export type TokenFetch = (url: string) => Promise<Response>;

/** ably-js' authCallback, plus `again()`: see createAuthCallback. */
export interface AuthCallback {
  (params: TokenParams, callback: (error: ErrorInfo | string | null, token: string | null) => void): void;
  again(): boolean;
}

/**
 * Builds ably-js' authCallback over the token service, which answers with the JWT as
 * text (RSA8c). Credentials are sent so an SSO proxy's session cookie reaches it.
 * `again()` asks the token service anew for the request under way and answers ably-js with
 * that newer token (false when none is under way): the service grants from the chats' logs
 * as it reads them, so a request sent before an offer landed would bring a token that cannot
 * accept it, and the Accept would wait for a second round trip after this one (chat-grants.ts).
 */
export function createAuthCallback(
  settings: ConnectionSettings,
  fetchToken: TokenFetch = (url) => fetch(url, { credentials: 'include' }),
  onToken: (token: string) => void = () => {},
  chats: () => readonly string[] = () => [],
): AuthCallback {
  let renew: (() => void) | null = null;
  const request = async () => {
    const response = await fetchToken(agentTokenUrl(settings, chats()));
    const body = await response.text();
    if (!response.ok) throw new Error(`unable to get a token; the token service answered ${response.status}: ${body.slice(0, 200)}`);
    return body.trim();
  };
  const start = () => {
    const attempt = request();
    attempt.catch(() => {}); // a request asked again is never awaited; its failure is not this callback's
    return attempt;
  };
  const authCallback = (_params: TokenParams, callback: (error: ErrorInfo | string | null, token: string | null) => void) => {
    let attempt = start();
    renew = () => (attempt = start());
    const answer = async () => {
      for (;;) {
        const mine = attempt;
        try {
          const token = await mine;
          if (mine !== attempt) continue;
          renew = null;
          onToken(token);
          return callback(null, token);
        } catch (error) {
          if (mine !== attempt) continue;
          renew = null;
          return callback(error instanceof Error ? error.message : String(error), null);
        }
      }
    };
    void answer();
  };
  return Object.assign(authCallback, {
    again() {
      renew?.();
      return renew !== null;
    },
  });
}

export interface RealtimeClientOptions {
  settings: ConnectionSettings;
  fetchToken?: TokenFetch;
}

export interface RealtimeConnection {
  client: BaseRealtime;
  /** Channel history over REST with the connection's current token. */
  history: ChannelHistory;
  /** The token the connection holds now ('' before the first): who the token service says we are. */
  token(): string;
  /** Which chats the token covers; re-authorizes in place as that changes (absent: the token is never narrowed per chat). */
  grants?: ChatGrants;
}

export function createRealtimeClient({ settings, fetchToken }: RealtimeClientOptions): RealtimeConnection {
  let token = '';
  const grants = createChatGrants({ authorize: () => client.auth.authorize(), again: () => authCallback.again() });
  const onToken = (fresh: string) => {
    token = fresh;
    grants.onToken(parseTokenGrants(fresh));
  };
  const authCallback = createAuthCallback(settings, fetchToken, onToken, grants.asked);
  const options: ClientOptions = {
    authCallback,
    tls: settings.tls,
    useBinaryProtocol: false,
    transports: ['web_socket'],
    // A worker has no `beforeunload`; closing is Baton's own decision (sign-out).
    closeOnUnload: false,
    echoMessages: true,
    ...(settings.realtimeEndpoint ? { endpoint: settings.realtimeEndpoint } : {}),
    ...(settings.realtimePort ? (settings.tls ? { tlsPort: settings.realtimePort } : { port: settings.realtimePort }) : {}),
  };
  const client = new BaseRealtime({ ...options, plugins: PLUGINS });
  const history = createRestHistory({
    baseUrl: restBaseUrl(settings),
    token: () => token,
    // A rejected token (expired early, revoked): authorize() runs authCallback again and re-auths the connection.
    renew: async () => void (await client.auth.authorize()),
  });
  return { client, history, token: () => token, grants };
}
