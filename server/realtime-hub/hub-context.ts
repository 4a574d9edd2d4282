// What every connection session shares with the hub.
import type { Logger } from '../lib/log.ts';
import type { ChannelRegistry } from './channels.ts';
import type { ApiKey, Principal } from './credentials.ts';
import type { HubLimits } from './limits.ts';
import type { Revocations } from './revocation.ts';

export interface HubConfig {
  keys: readonly ApiKey[];
  /** How long a dropped connection can be resumed (CD2f; Ably: 120 s). */
  connectionStateTtlMs: number;
  /** How long members of an abruptly dropped connection stay present (Ably: 15 s; `remainPresentFor` overrides). */
  presenceLeaveDelayMs: number;
  /** Server heartbeat period and the advertised maxIdleInterval (RTN23; Ably: 15 s). */
  heartbeatIntervalMs: number;
  /** Max size of one message's name + data + extras + clientId (TO3l8; Ably Free/Standard: 64 KiB). */
  maxMessageSize: number;
  /** Max WebSocket frame; larger frames close that client's socket (CD2d). */
  maxFrameSize: number;
  /** Ably's limits (limits.ts; docs/realtime-hub.md "Limits"). */
  limits: HubLimits;
  /** Send AUTH (RTN22) this long before a token expires so the client renews in-band. */
  authRequestLeadMs: number;
  /** Bytes queued on one socket before it is dropped as a slow consumer (it resumes and replays). */
  maxBufferedBytes: number;
  serverId: string;
}

export interface HubContext {
  config: HubConfig;
  registry: ChannelRegistry;
  log: Logger;
  /** Revoked tokens (revocation.ts), checked at connect, on AUTH and on REST. */
  revocations: Revocations;
  /** Called when a session's state is discarded (CLOSE, TTL expiry, failed). */
  forget(connectionId: string): void;
  /** A connection was cut for abuse: its identity is refused at the door for a while (penalty-box.ts). */
  penalize(principal: Principal): void;
}
