import { BaseRealtime, FetchRequest, RealtimePresence, Rest, WebSocketTransport } from 'ably/modular';
import type { ClientOptions, ErrorInfo, TokenParams } from 'ably';
import { agentTokenUrl, type ConnectionSettings } from './connection-settings.ts';

// Only the plugins Baton uses keep the worker small: WebSocket (the one transport that
// works in a service worker), fetch (mandatory for HTTP, no XHR in a worker), presence,
// and Rest for channel history (research: ably-protocol.md §5.2).
const PLUGINS = { WebSocketTransport, FetchRequest, RealtimePresence, Rest };

export type TokenFetch = (url: string) => Promise<Response>;

/**
 * Builds ably-js' authCallback over the token service, which answers with the JWT as
 * text (RSA8c). Credentials are sent so an SSO proxy's session cookie reaches it.
 */
export function createAuthCallback(settings: ConnectionSettings, fetchToken: TokenFetch = (url) => fetch(url, { credentials: 'include' })) {
  return (_params: TokenParams, callback: (error: ErrorInfo | string | null, token: string | null) => void) => {
    fetchToken(agentTokenUrl(settings))
      .then(async (response) => {
        const body = await response.text();
        if (!response.ok) throw new Error(`unable to get a token; the token service answered ${response.status}: ${body.slice(0, 200)}`);
        callback(null, body.trim());
      })
      .catch((error: unknown) => callback(error instanceof Error ? error.message : String(error), null));
  };
}

export interface RealtimeClientOptions {
  settings: ConnectionSettings;
  fetchToken?: TokenFetch;
}

export function createRealtimeClient({ settings, fetchToken }: RealtimeClientOptions): BaseRealtime {
  const options: ClientOptions = {
    authCallback: createAuthCallback(settings, fetchToken),
    tls: settings.tls,
    useBinaryProtocol: false,
    transports: ['web_socket'],
    // A worker has no `beforeunload`; closing is Baton's own decision (sign-out).
    closeOnUnload: false,
    echoMessages: true,
    ...(settings.realtimeEndpoint ? { endpoint: settings.realtimeEndpoint } : {}),
    ...(settings.realtimePort ? (settings.tls ? { tlsPort: settings.realtimePort } : { port: settings.realtimePort }) : {}),
  };
  return new BaseRealtime({ ...options, plugins: PLUGINS });
}
