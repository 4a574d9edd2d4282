// Ably realtime protocol constants as ably-js 2.28 speaks them (protocol doc §3.2, §3.7; TR2, TR3).

export const Action = {
  HEARTBEAT: 0,
  ACK: 1,
  NACK: 2,
  CONNECT: 3,
  CONNECTED: 4,
  DISCONNECT: 5,
  DISCONNECTED: 6,
  CLOSE: 7,
  CLOSED: 8,
  ERROR: 9,
  ATTACH: 10,
  ATTACHED: 11,
  DETACH: 12,
  DETACHED: 13,
  PRESENCE: 14,
  MESSAGE: 15,
  SYNC: 16,
  AUTH: 17,
} as const;

export const Flag = {
  HAS_PRESENCE: 1 << 0,
  HAS_BACKLOG: 1 << 1,
  RESUMED: 1 << 2,
  PRESENCE: 1 << 16,
  PUBLISH: 1 << 17,
  SUBSCRIBE: 1 << 18,
  PRESENCE_SUBSCRIBE: 1 << 19,
} as const;

/** The four basic channel modes (0xF0000); absent ATTACH flags mean "all of them" (RTL4l). */
export const ALL_MODES = Flag.PRESENCE | Flag.PUBLISH | Flag.SUBSCRIBE | Flag.PRESENCE_SUBSCRIBE;

/** Presence actions (TP2). */
export const PresenceAction = { ABSENT: 0, PRESENT: 1, ENTER: 2, LEAVE: 3, UPDATE: 4 } as const;

/** Error codes used by the hub (ably-common protocol/errors.json; protocol doc §3.12). */
export const ErrorCode = {
  BAD_REQUEST: 40000,
  MESSAGE_TOO_LARGE: 40009,
  INVALID_CHANNEL_NAME: 40010,
  INVALID_CLIENT_ID: 40012,
  UNAUTHORIZED: 40100,
  INVALID_CREDENTIALS: 40101,
  INCOMPATIBLE_CREDENTIALS: 40102,
  TOKEN_UNRECOGNISED: 40140,
  TOKEN_REVOKED: 40141,
  TOKEN_EXPIRED: 40142,
  REVOKE_NEEDS_KEY: 40162,
  CAPABILITY_DENIED: 40160,
  NOT_FOUND: 40400,
  RATE_LIMIT: 42924,
  INTERNAL: 50000,
  UNABLE_TO_RECOVER: 80008,
  CONNECTION_CLOSED: 80017,
  CHANNEL_DETACHED: 90001,
  PRESENCE_NO_CLIENT_ID: 91000,
} as const;

export interface WireErrorInfo {
  message: string;
  code: number;
  statusCode: number;
  href?: string;
}

/** What the hub sends: a JSON ProtocolMessage (TR4). Fields are omitted, never null. */
export interface OutboundFrame {
  action: number;
  id?: string;
  channel?: string;
  channelSerial?: string;
  connectionId?: string;
  connectionDetails?: Record<string, unknown>;
  count?: number;
  error?: WireErrorInfo;
  flags?: number;
  msgSerial?: number;
  messages?: unknown[];
  presence?: unknown[];
  timestamp?: number;
  params?: Record<string, string>;
  res?: unknown[];
}

export function errorInfo(code: number, statusCode: number, message: string): WireErrorInfo {
  return { code, statusCode, message, href: `https://help.ably.io/error/${code}` };
}
