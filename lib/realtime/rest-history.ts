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

/**
 * Reads a channel's history backwards from now, `limit` messages a page; with `start`, only messages whose Ably
 * timestamp is at or after it (ms since the epoch, inclusive, as Ably's REST `start` parameter).
 */
export type ChannelHistory = (channelName: string, limit: number, start?: number) => Promise<HistoryPage>;

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

  /** One page: the messages and the next page's URL, renewing the token once on a token error. */
  const read = async (url: string, retried = false): Promise<{ items: unknown[]; next: string | undefined }> => {
    // ably-js base64s the token in the Bearer header (auth.ts); Ably and the hub accept that form.
    const response = await fetchImpl(url, { headers: { authorization: `Bearer ${btoa(options.token())}`, accept: 'application/json' } });
    const answer = unwrap(response.status, response.headers, await response.json().catch(() => undefined));
    if (answer.ok) return { items: answer.items, next: withEnvelope(nextLink(answer.link, url)) };
    if (!retried && isTokenError(answer.code)) {
      await options.renew();
      return read(url, true);
    }
    throw new HistoryError(`unable to read history; ${answer.status} ${answer.code ?? ''} ${answer.message}`.trim(), answer.status, answer.code);
  };

  const page = async (url: string): Promise<HistoryPage> => {
    const { items, next } = await read(url);
    return {
      items: items.map(decodeMessage),
      hasNext: () => next !== undefined,
      next: async () => (next === undefined ? null : page(next)),
    };
  };

  return (channelName, limit, start) => {
    const since = start === undefined ? '' : `&start=${Math.max(0, Math.floor(start))}`;
    return page(withEnvelope(`${options.baseUrl}/channels/${encodeURIComponent(channelName)}/messages?direction=backwards&limit=${limit}${since}`)!);
  };
}

/**
 * `envelope=json`, as ably-js asks for in browsers: the status and the `Link` header come in the body, because a
 * cross-origin fetch cannot read a `Link` header Ably does not expose.
 */
function withEnvelope(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  parsed.searchParams.set('envelope', 'json');
  return parsed.toString();
}

type Answer = { ok: true; items: unknown[]; link: string | null } | { ok: false; status: number; code: number | undefined; message: string };

/** Reads an enveloped (`{statusCode, headers, response}`) or a plain answer. */
function unwrap(httpStatus: number, headers: Headers, body: unknown): Answer {
  const envelope = isRecord(body) && typeof body['statusCode'] === 'number' ? body : undefined;
  const status = envelope ? (envelope['statusCode'] as number) : httpStatus;
  const payload = envelope ? envelope['response'] : body;
  const link = envelope ? (isRecord(envelope['headers']) && typeof envelope['headers']['link'] === 'string' ? envelope['headers']['link'] : null) : headers.get('link');
  if (status >= 200 && status < 300) {
    return Array.isArray(payload) ? { ok: true, items: payload, link } : { ok: false, status, code: undefined, message: 'the answer is not a list of messages' };
  }
  const error = isRecord(payload) && isRecord(payload['error']) ? payload['error'] : undefined;
  const code = typeof error?.['code'] === 'number' ? error['code'] : Number(headers.get('x-ably-errorcode')) || undefined;
  return { ok: false, status, code, message: typeof error?.['message'] === 'string' ? error['message'].slice(0, 200) : '' };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
