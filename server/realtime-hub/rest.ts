// The Ably REST paths ably-js uses (protocol doc §2.4, §2.5): /time, channel history (Link or envelope paging),
// presence get, publish. Errors are `{error}` bodies with x-ably-errorcode so the SDK sees their codes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readBody, sendAblyError, sendJson, sendText } from '../lib/http.ts';
import { allows } from './capability.ts';
import { toWireMessage } from './channels.ts';
import type { ChannelRegistry, PublishInput } from './channels.ts';
import type { HistoryQuery } from './channel-log.ts';
import { userClaimFor, verifyAuthorizationHeader } from './credentials.ts';
import type { ApiKey, Principal } from './credentials.ts';
import { randomId } from './ids.ts';
import { parseChannelName } from './parse-frame.ts';
import { ErrorCode, errorInfo } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';
import { parseSerial } from './serial.ts';
import { LimitError } from './limit-errors.ts';
import type { HubLimits } from './limits.ts';
import type { Logger } from '../lib/log.ts';
import { payloadError, stampExtras } from './session-publish.ts';
import { revokedError, type Revocations } from './revocation.ts';

export interface RestDeps {
  registry: ChannelRegistry;
  keys: readonly ApiKey[];
  maxMessageSize: number;
  limits: HubLimits;
  log: Logger;
  revocations: Revocations;
}

const ROUTE = /^\/channels\/([^/]+)\/(messages|presence|presence\/history)$/;

const RestMessageSchema = v.object({
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  clientId: v.nullish(v.string()),
  data: v.optional(v.unknown()),
  encoding: v.nullish(v.string()),
  extras: v.nullish(v.record(v.string(), v.unknown())),
});
// Array first: valibot's object schema also accepts arrays (as objects with no known keys).
const RestPublishSchema = v.union([v.pipe(v.array(RestMessageSchema), v.maxLength(1000)), RestMessageSchema]);

/** Returns true when the path belongs to the REST surface (the response is then handled, possibly async). */
export function handleRest(req: IncomingMessage, res: ServerResponse, url: URL, deps: RestDeps): boolean {
  if (url.pathname === '/time' && req.method === 'GET') {
    sendJson(res, 200, [Date.now()]);
    return true;
  }
  if (url.pathname === '/is-the-internet-up.txt') {
    // Offline connectivity check target (protocol doc §2.3, connectivityCheckUrl).
    sendText(res, 200, 'yes');
    return true;
  }
  const match = ROUTE.exec(url.pathname);
  if (!match?.[1] || !match[2]) return false;
  const name = parseChannelName(safeDecode(match[1]));
  const kind = match[2];
  void (async () => {
    if (name === undefined) return fail(res, errorInfo(ErrorCode.INVALID_CHANNEL_NAME, 400, 'invalid channel name'));
    const clientIdHeader = headerString(req.headers['x-ably-clientid']);
    const auth = await verifyAuthorizationHeader(
      headerString(req.headers.authorization),
      deps.keys,
      clientIdHeader === undefined ? undefined : Buffer.from(clientIdHeader, 'base64').toString('utf8'),
    );
    if (!auth.ok) return fail(res, auth.error);
    if (deps.revocations.isRevoked(auth.principal)) return fail(res, revokedError());
    if (kind === 'messages' && req.method === 'GET') return history(res, url, deps, name, auth.principal);
    if (kind === 'messages' && req.method === 'POST') return publish(req, res, deps, name, auth.principal);
    if (kind === 'presence' && req.method === 'GET') return presence(res, url, deps, name, auth.principal);
    if (kind === 'presence/history' && req.method === 'GET') {
      // Presence history is not stored by this hub (docs/realtime-hub.md, limits).
      return reply(res, url, 200, [], undefined);
    }
    return fail(res, errorInfo(ErrorCode.NOT_FOUND, 405, 'method not allowed'));
  })().catch((error: unknown) => fail(res, errorInfo(ErrorCode.INTERNAL, 500, `internal error; ${String(error).slice(0, 100)}`)));
  return true;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function fail(res: ServerResponse, error: WireErrorInfo): void {
  if (!res.headersSent) sendAblyError(res, error);
}

/** `envelope=json` wraps the response for browsers, whose fetch layer cannot read Link headers (resource.ts). */
function reply(res: ServerResponse, url: URL, status: number, body: unknown, link: string | undefined): void {
  if (url.searchParams.get('envelope') === 'json') {
    sendJson(res, 200, { statusCode: status, headers: link ? { link } : {}, response: body });
  } else {
    sendJson(res, status, body, link ? { link } : {});
  }
}

function parseHistoryQuery(url: URL): HistoryQuery | WireErrorInfo {
  const q = url.searchParams;
  const direction = q.get('direction') ?? 'backwards';
  if (direction !== 'backwards' && direction !== 'forwards') return errorInfo(ErrorCode.BAD_REQUEST, 400, 'invalid direction');
  const limit = Number(q.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return errorInfo(ErrorCode.BAD_REQUEST, 400, 'limit must be 1..1000');
  const num = (key: string) => (q.get(key) === null ? undefined : Number(q.get(key)));
  const start = num('start');
  const end = num('end');
  const cursor = num('cursor');
  if ([start, end, cursor].some((n) => n !== undefined && !Number.isFinite(n))) return errorInfo(ErrorCode.BAD_REQUEST, 400, 'invalid start/end');
  const fromSerial = q.get('from_serial');
  const untilSeq = fromSerial === null ? undefined : parseSerial(fromSerial);
  if (fromSerial !== null && untilSeq === undefined) return errorInfo(ErrorCode.BAD_REQUEST, 400, 'invalid from_serial');
  return { direction, limit, start, end, cursor, untilSeq };
}

function history(res: ServerResponse, url: URL, deps: RestDeps, name: string, principal: Principal): void {
  if (!allows(principal.capability, name, 'history')) {
    return fail(res, errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `permission denied; no history capability on ${name}`));
  }
  const query = parseHistoryQuery(url);
  if ('code' in query) return fail(res, query);
  const { items, nextCursor } = deps.registry.log(name).history(query);
  let link: string | undefined;
  if (nextCursor !== undefined) {
    // Relative `./messages?...` links: ably-js only follows that form (paginatedresource.ts getRelParams).
    const next = new URLSearchParams(url.searchParams);
    next.delete('envelope');
    next.set('cursor', String(nextCursor));
    link = `<./messages?${next.toString()}>; rel="next"`;
  }
  reply(res, url, 200, items.map(toWireMessage), link);
}

async function publish(req: IncomingMessage, res: ServerResponse, deps: RestDeps, name: string, principal: Principal): Promise<void> {
  if (!allows(principal.capability, name, 'publish')) {
    return fail(res, errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `permission denied; no publish capability on ${name}`));
  }
  if (!(req.headers['content-type'] ?? '').includes('json')) {
    return fail(res, errorInfo(ErrorCode.BAD_REQUEST, 415, 'only JSON bodies are supported; set useBinaryProtocol: false'));
  }
  const body = await readBody(req, deps.maxMessageSize * 4 + 4096);
  if (body === undefined) return fail(res, errorInfo(ErrorCode.MESSAGE_TOO_LARGE, 413, 'request too large'));
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail(res, errorInfo(ErrorCode.BAD_REQUEST, 400, 'body is not JSON'));
  }
  const parsed = v.safeParse(RestPublishSchema, raw);
  if (!parsed.success) return fail(res, errorInfo(ErrorCode.BAD_REQUEST, 400, 'invalid message'));
  const inputs = Array.isArray(parsed.output) ? parsed.output : [parsed.output];
  const invalid = payloadError(inputs, deps.maxMessageSize);
  if (invalid) return fail(res, invalid);
  const claim = userClaimFor(principal.channelClaims, name);
  const base = randomId();
  const now = Date.now();
  const messages: PublishInput[] = [];
  for (const [index, m] of inputs.entries()) {
    if (m.clientId && principal.clientId !== '*' && m.clientId !== principal.clientId) {
      return fail(res, errorInfo(ErrorCode.INVALID_CLIENT_ID, 400, 'mismatched clientId'));
    }
    messages.push({
      id: m.id ?? `${base}:${index}`, // RSL1k1 shape
      idempotent: typeof m.id === 'string' && m.id !== '',
      timestamp: now,
      clientId: m.clientId ?? (principal.clientId === '*' ? undefined : principal.clientId),
      name: m.name ?? undefined,
      data: m.data ?? undefined,
      encoding: m.encoding ?? undefined,
      extras: stampExtras(m.extras, claim),
    });
  }
  const limit = deps.limits.inboundMessagesPerChannel;
  if (!deps.registry.admit(name, messages.length, limit)) return fail(res, LimitError.channelRate(name, limit));
  const serials = deps.registry.publish(name, messages, {});
  sendJson(res, 201, { channel: name, messageId: messages[0]?.id, serials });
}

function presence(res: ServerResponse, url: URL, deps: RestDeps, name: string, principal: Principal): void {
  // Reading the presence set needs `subscribe`, as on Ably; `presence` only lets a client enter. (A visitor, who
  // may enter the lobby to wait, must not list the other visitors waiting there.)
  if (!allows(principal.capability, name, 'subscribe')) {
    return fail(res, errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `permission denied; no subscribe capability on ${name}`));
  }
  const filter = { clientId: url.searchParams.get('clientId') ?? undefined, connectionId: url.searchParams.get('connectionId') ?? undefined };
  const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 100) || 100);
  const members = (deps.registry.peek(name)?.members.list(filter) ?? []).slice(0, limit).map((m) => ({ ...m, action: 1 }));
  reply(res, url, 200, members, undefined);
}
