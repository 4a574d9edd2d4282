import * as v from 'valibot';

// Where Baton's realtime session connects, and how it gets tokens. Development and the
// demo use the local hub; production points at Ably and the organisation's token
// service (set by managed policy). The extension never holds an Ably API key.
export interface ConnectionSettings {
  /** Base URL of the token service, e.g. `http://127.0.0.1:8377` or `https://baton.example.com`. */
  tokenServiceUrl: string;
  /**
   * ably-js `endpoint`: a host name (`127.0.0.1`, `localhost`, anything with a dot) for a
   * self-hosted hub, or undefined for Ably's own (`main`).
   */
  realtimeEndpoint?: string;
  realtimePort?: number;
  tls: boolean;
  /** Local token-service mode: which roster agent to sign in as. SSO mode ignores it. */
  agentId?: string;
}

export const LOCAL_HUB_PORT = 8377;

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  tokenServiceUrl: `http://127.0.0.1:${LOCAL_HUB_PORT}`,
  realtimeEndpoint: '127.0.0.1',
  realtimePort: LOCAL_HUB_PORT,
  tls: false,
};

const SettingsSchema = v.object({
  tokenServiceUrl: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//), v.maxLength(2048)),
  realtimeEndpoint: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9.-]{1,253}$/))),
  realtimePort: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))),
  tls: v.boolean(),
  agentId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@-]{1,128}$/))),
});

/** Stored or policy-provided settings, merged over the defaults; anything malformed is dropped. */
export function parseConnectionSettings(value: unknown): ConnectionSettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const result = v.safeParse(SettingsSchema, { ...DEFAULT_CONNECTION_SETTINGS, ...value });
  return result.success ? result.output : undefined;
}

/** The token-service URL for this agent, asking about `chats` (chat-grants.ts). */
export function agentTokenUrl(settings: ConnectionSettings, chats: readonly string[] = []): string {
  const url = new URL('/auth/agent', settings.tokenServiceUrl);
  if (settings.agentId) url.searchParams.set('agentId', settings.agentId);
  if (chats.length > 0) url.searchParams.set('chats', chats.join(','));
  return url.toString();
}
