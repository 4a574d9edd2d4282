import type { ConnectionSettings } from './connection-settings.ts';

// Channel history straight over Ably's REST API (`GET /channels/{name}/messages`, RSL2),
// instead of ably-js' `Rest` plugin: that plugin costs the worker ~26 KB for this one
// call (research ably-protocol.md §5.2). The local hub serves the same path, paging
// with `Link: <./messages?…>; rel="next"` (§2.5) as Ably does.

/** One page of messages, newest first; the subset of ably-js' PaginatedResult that Baton reads. */
export interface HistoryPage {
  items: unknown[];
  hasNext(): boolean;
  next(): Promise<HistoryPage | null | undefined>;
}

/** Reads a channel's history backwards from now, `limit` messages a page. */
export type ChannelHistory = (channelName: string, limit: number) => Promise<HistoryPage>;

export interface RestHistoryOptions {
  /** e.g. `http://127.0.0.1:8377` for the hub, `https://main.realtime.ably.net` for Ably. */
  baseUrl: string;
  /** The token the realtime connection was last given; `renew` asks for a fresh one after a token error. */
  token(): string;
  renew(): Promise<void>;
  fetch?: typeof fetch;
}

/** Where ably-js would send REST requests for these settings (its `endpoint` → primary domain rule). */
export function restBaseUrl(settings: ConnectionSettings): string {
  const endpoint = settings.realtimeEndpoint;
  const host = !endpoint || endpoint === 'main' ? 'main.realtime.ably.net' : endpoint;
  const port = settings.realtimePort ? `:${settings.realtimePort}` : '';
  return `${settings.tls ? 'https' : 'http'}://${host}${port}`;
}

export class HistoryError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  constructor(message: string, status: number, code: number | undefined) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Ably token errors (40140–40149): the token expired or was replaced; renewing fixes them. */
const isTokenError = (code: number | undefined) => code !== undefined && code >= 40140 && code < 40150;

export function createRestHistory(options: RestHistoryOptions): ChannelHistory {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  const get = async (url: string, retried = false): Promise<Response> => {
    // ably-js base64s the token in the Bearer header (auth.ts); Ably and the hub accept that form.
    const response = await fetchImpl(url, { headers: { authorization: `Bearer ${btoa(options.token())}`, accept: 'application/json' } });
    if (response.ok) return response;
    const code = Number(response.headers.get('x-ably-errorcode')) || undefined;
    if (!retried && isTokenError(code)) {
      await options.renew();
      return get(url, true);
    }
    const body = await response.text().catch(() => '');
    throw new HistoryError(`unable to read history; ${response.status} ${code ?? ''} ${body.slice(0, 200)}`.trim(), response.status, code);
  };

  const page = async (url: string): Promise<HistoryPage> => {
    const response = await get(url);
    const body: unknown = await response.json();
    if (!Array.isArray(body)) throw new HistoryError('unable to read history; the answer is not a list of messages', response.status, undefined);
    const nextUrl = nextLink(response.headers.get('link'), url);
    return {
      items: body.map(decodeMessage),
      hasNext: () => nextUrl !== undefined,
      next: async () => (nextUrl === undefined ? null : page(nextUrl)),
    };
  };

  return (channelName, limit) => page(`${options.baseUrl}/channels/${encodeURIComponent(channelName)}/messages?direction=backwards&limit=${limit}`);
}

/** The `rel="next"` target of a Link header, resolved against the request (Ably writes `./messages?…`). */
export function nextLink(header: string | null, requestUrl: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match?.[1]) return new URL(match[1], requestUrl).toString();
  }
  return undefined;
}

/**
 * Undoes a message's `encoding` right to left as ably-js does (json, base64, utf-8),
 * stopping at anything else (cipher, vcdiff), which is left encoded for the parser to
 * drop. A message that is not an object is passed on untouched: the chat core's parser
 * decides what is malformed.
 */
export function decodeMessage(message: unknown): unknown {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return message;
  const record = message as Record<string, unknown>;
  if (typeof record['encoding'] !== 'string' || record['encoding'] === '') return message;
  const steps = record['encoding'].split('/');
  let data: unknown = record['data'];
  try {
    while (steps.length > 0) {
      const step = steps.at(-1);
      if (step === 'json' && typeof data === 'string') data = JSON.parse(data);
      else if (step === 'base64' && typeof data === 'string') data = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      else if (step === 'utf-8' && data instanceof Uint8Array) data = new TextDecoder().decode(data);
      else break;
      steps.pop();
    }
  } catch {
    return { ...record, data: record['data'], encoding: record['encoding'] };
  }
  const rest: Record<string, unknown> = { ...record, data };
  if (steps.length > 0) rest['encoding'] = steps.join('/');
  else delete rest['encoding'];
  return rest;
}
