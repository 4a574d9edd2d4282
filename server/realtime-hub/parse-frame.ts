// Inbound frames are untrusted: every one goes through parseInboundFrame before the hub looks at it.
// Shapes follow TR4 (ProtocolMessage), TM (Message) and TP3 (PresenceMessage); ably-js sends `null` for empty
// fields (ably-js issue #2199), so nullable is accepted everywhere and normalised away.
import * as v from 'valibot';

const optionalString = v.nullish(v.string());
const extras = v.nullish(v.record(v.string(), v.unknown()));

const InboundMessageSchema = v.object({
  id: optionalString,
  name: optionalString,
  clientId: optionalString,
  data: v.optional(v.unknown()),
  encoding: optionalString,
  extras,
});

const InboundPresenceSchema = v.object({
  id: optionalString,
  action: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4))),
  clientId: optionalString,
  data: v.optional(v.unknown()),
  encoding: optionalString,
  extras,
});

const ProtocolMessageSchema = v.object({
  action: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30)),
  id: optionalString,
  channel: optionalString,
  channelSerial: optionalString,
  flags: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
  msgSerial: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
  messages: v.nullish(v.pipe(v.array(InboundMessageSchema), v.maxLength(1000))),
  presence: v.nullish(v.pipe(v.array(InboundPresenceSchema), v.maxLength(1000))),
  params: v.nullish(v.record(v.string(), v.string())),
  auth: v.nullish(v.object({ accessToken: optionalString })),
});

export type InboundFrame = v.InferOutput<typeof ProtocolMessageSchema>;
export type InboundMessage = v.InferOutput<typeof InboundMessageSchema>;
export type InboundPresence = v.InferOutput<typeof InboundPresenceSchema>;

export type ParsedFrame = { ok: true; frame: InboundFrame } | { ok: false; reason: string };

/** Parses one text frame; the reason is short and safe to echo back to the client. */
export function parseInboundFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'frame is not JSON (only format=json is supported)' };
  }
  return parseInboundValue(raw);
}

/** Validates an already JSON-parsed frame. */
export function parseInboundValue(raw: unknown): ParsedFrame {
  const parsed = v.safeParse(ProtocolMessageSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, reason: `invalid protocol message${path ? ` at ${path}` : ''}: ${issue.message}`.slice(0, 200) };
  }
  return { ok: true, frame: parsed.output };
}

const MAX_CHANNEL_BYTES = 180;

/** Channel names: non-empty, bounded (they become file names), no qualifier prefix `[...]` (not supported). */
export function parseChannelName(name: string | null | undefined): string | undefined {
  if (typeof name !== 'string' || name === '' || Buffer.byteLength(name) > MAX_CHANNEL_BYTES) return undefined;
  if (name.startsWith('[') || name.includes('\n')) return undefined;
  return name;
}

export interface ConnectParams {
  key?: string;
  accessToken?: string;
  clientId?: string;
  format: string;
  heartbeats: boolean;
  echo: boolean;
  resume?: string;
  recover?: string;
  remainPresentFor?: number;
  heartbeatInterval?: number;
}

/** Query parameters of the WebSocket upgrade (protocol doc §2.1; RTN2). */
export function parseConnectParams(url: URL): ConnectParams {
  const q = url.searchParams;
  const get = (name: string) => q.get(name) ?? undefined;
  const int = (name: string, min: number, max: number) => {
    const n = Number(get(name));
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  return {
    key: get('key'),
    accessToken: get('access_token') ?? get('accessToken'),
    clientId: get('clientId'),
    format: get('format') ?? 'json',
    heartbeats: get('heartbeats') === 'true',
    echo: get('echo') !== 'false',
    resume: get('resume'),
    recover: get('recover'),
    remainPresentFor: int('remainPresentFor', 0, 600_000),
    heartbeatInterval: int('heartbeatInterval', 1000, 1_800_000),
  };
}

/**
 * A publish's msgSerial and message count, read before full validation so a connection over its rate is refused
 * for the price of JSON.parse, not of validating up to 1,000 messages it will not be allowed to send.
 */
export function peekPublish(raw: unknown): { serial: number | undefined; count: number } | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as { action?: unknown; msgSerial?: unknown; messages?: unknown; presence?: unknown };
  const items = r.action === 15 ? r.messages : r.action === 14 ? r.presence : undefined;
  if (!Array.isArray(items)) return undefined;
  const serial = typeof r.msgSerial === 'number' && Number.isSafeInteger(r.msgSerial) && r.msgSerial >= 0 ? r.msgSerial : undefined;
  return { serial, count: Math.max(1, items.length) };
}
