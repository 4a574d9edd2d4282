// One Ably connection: outlives its WebSocket for connectionStateTtl so the client can resume (RTN15) or recover
// (RTN16). Inbound frames are parsed, then handled strictly in order; an AUTH pauses the queue while it verifies.
import type { WebSocket } from 'ws';
import type { Subscriber } from './channels.ts';
import { handleAttach, handleDetach, leaveAll, leaveChannelPresence, recheckChannels } from './session-attach.ts';
import { handlePresence, handlePublish } from './session-publish.ts';
import type { Outcome } from './session-publish.ts';
import { LimitError } from './limit-errors.ts';
import { RateBucket, WindowCounter } from './limits.ts';
import type { Principal } from './credentials.ts';
import { verifyJwt } from './credentials.ts';
import type { HubContext } from './hub-context.ts';
import { randomId } from './ids.ts';
import { parseInboundValue, peekPublish } from './parse-frame.ts';
import type { ConnectParams, InboundFrame } from './parse-frame.ts';
import { Action, ErrorCode, errorInfo } from './protocol.ts';
import { revokedError } from './revocation.ts';
import type { OutboundFrame, WireErrorInfo } from './protocol.ts';

const ACK_CACHE = 256;

export class Session implements Subscriber {
  readonly connectionId = randomId();
  readonly connectionKey: string;
  principal: Principal;
  echo: boolean;
  readonly ctx: HubContext;
  /** Channels this connection has attached (on any transport) or holds presence on. */
  readonly channels = new Set<string>();
  private ws: WebSocket | undefined;
  private heartbeats = false;
  private remainPresentFor: number;
  private expectedMsgSerial = 0;
  private readonly ackCache = new Map<number, unknown[]>();
  private readonly queue: string[] = [];
  private busy = false;
  private lastSentAt = 0;
  private pongSeen = true;
  /** Frames per second (fatal 42924) and messages per second (42911, fatal 42921 far above), limits.ts. */
  private readonly frames = new WindowCounter();
  private readonly published: RateBucket;
  private readonly rejected = new WindowCounter();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private leaveTimer: NodeJS.Timeout | undefined;
  private ttlTimer: NodeJS.Timeout | undefined;
  private authTimers: NodeJS.Timeout[] = [];
  disposed = false;

  constructor(ctx: HubContext, principal: Principal, params: ConnectParams) {
    this.ctx = ctx;
    this.principal = principal;
    this.echo = params.echo;
    this.remainPresentFor = params.remainPresentFor ?? ctx.config.presenceLeaveDelayMs;
    this.published = new RateBucket(ctx.config.limits.inboundMessagesPerConnection);
    // `!` separates id and secret like Ably's keys; the secret makes the key unguessable from the public id.
    this.connectionKey = `${this.connectionId}!${randomId(18)}`;
  }

  /** The clientId clients see in connectionDetails; a key without clientId stays anonymous-but-privileged. */
  get detailsClientId(): string | undefined {
    return this.principal.method === 'key' && this.principal.clientId === '*' ? undefined : this.principal.clientId;
  }

  /** Attaches a (new) transport; a previous one is closed without presence side effects (resume takeover). */
  bind(ws: WebSocket, params: ConnectParams, principal: Principal, error?: WireErrorInfo): void {
    const previous = this.ws;
    this.ws = undefined;
    if (previous) {
      this.detachTransport();
      previous.terminate();
    }
    clearTimeout(this.leaveTimer);
    clearTimeout(this.ttlTimer);
    this.ws = ws;
    this.principal = principal;
    this.echo = params.echo;
    this.heartbeats = params.heartbeats;
    if (params.remainPresentFor !== undefined) this.remainPresentFor = params.remainPresentFor;
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      if (isBinary) return this.fatal(errorInfo(ErrorCode.BAD_REQUEST, 400, 'binary frames are not supported; use format=json'));
      this.enqueue(data.toString());
    });
    ws.on('pong', () => {
      if (this.ws === ws) this.pongSeen = true;
    });
    ws.on('close', () => {
      if (this.ws === ws) this.onTransportLost('socket closed');
    });
    ws.on('error', () => ws.terminate());
    this.sendConnected(error);
    this.scheduleAuthExpiry();
    this.startHeartbeats(params.heartbeatInterval);
  }

  private sendConnected(error?: WireErrorInfo): void {
    const c = this.ctx.config;
    this.sendFrame({
      action: Action.CONNECTED,
      connectionId: this.connectionId,
      connectionDetails: {
        clientId: this.detailsClientId,
        connectionKey: this.connectionKey,
        connectionStateTtl: c.connectionStateTtlMs,
        maxIdleInterval: c.heartbeatIntervalMs,
        maxMessageSize: c.maxMessageSize,
        maxFrameSize: c.maxFrameSize,
        maxInboundRate: c.limits.inboundMessagesPerConnection === Number.POSITIVE_INFINITY ? undefined : c.limits.inboundMessagesPerConnection,
        serverId: c.serverId,
        siteCode: 'local',
      },
      ...(error ? { error } : {}),
    });
  }

  send(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.ctx.config.maxBufferedBytes) {
      // A slow consumer is cut rather than buffered without bound; it resumes and replays from the log.
      this.ctx.log.warn('slow_consumer_dropped', { connectionId: this.connectionId, buffered: ws.bufferedAmount });
      ws.terminate();
      return;
    }
    ws.send(text);
    this.lastSentAt = Date.now();
  }

  sendFrame(frame: OutboundFrame): void {
    this.send(JSON.stringify(frame));
  }

  /** Connection-level ERROR: the client goes FAILED (RTN15j), the socket closes, state is discarded. */
  fatal(error: WireErrorInfo, abusive = false): void {
    this.ctx.log.info('connection_failed', { connectionId: this.connectionId, code: error.code, reason: error.message });
    const ws = this.ws;
    this.sendFrame({ action: Action.ERROR, error });
    this.dispose('failed');
    if (abusive) this.ctx.penalize(this.principal);
    if (abusive && ws) {
      // A flooder's queued frames are not read any more (pause), and its socket goes soon after the ERROR is out.
      ws.pause();
      setTimeout(() => ws.terminate(), 100).unref();
    }
  }

  private enqueue(text: string): void {
    const maxFrames = this.ctx.config.limits.protocolMessagesPerSecond;
    if (this.frames.add(1) > maxFrames) return this.fatal(LimitError.protocolRateFatal(maxFrames), true);
    // Bounded: a client that sends faster than its frames are handled (while an AUTH is verified) is cut.
    if (this.queue.length >= maxFrames) return this.fatal(LimitError.protocolRateFatal(maxFrames), true);
    this.queue.push(text);
    this.drain();
  }

  private drain(): void {
    while (!this.busy && this.queue.length > 0 && !this.disposed) {
      const text = this.queue.shift() ?? '';
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return this.fatal(errorInfo(ErrorCode.BAD_REQUEST, 400, 'unable to process frame; frame is not JSON (only format=json is supported)'));
      }
      if (this.refusedOverRate(raw)) continue;
      const parsed = parseInboundValue(raw);
      if (!parsed.ok) return this.fatal(errorInfo(ErrorCode.BAD_REQUEST, 400, `unable to process frame; ${parsed.reason}`));
      // Token lifetime is checked on every frame, not only by the expiry timer: a client that delays the closing
      // handshake must not keep publishing on an expired token. AUTH (the renewal) and CLOSE still pass.
      if (this.tokenExpired() && parsed.frame.action !== Action.AUTH && parsed.frame.action !== Action.CLOSE) return this.expireTransport();
      let pending: Promise<void> | undefined;
      try {
        pending = this.handle(parsed.frame);
      } catch (error) {
        this.ctx.log.error('frame_handler_failed', { connectionId: this.connectionId, action: parsed.frame.action, error: String(error) });
        return this.fatal(errorInfo(ErrorCode.INTERNAL, 500, 'internal error'));
      }
      if (pending) {
        this.busy = true;
        void pending.finally(() => {
          this.busy = false;
          this.drain();
        });
      }
    }
  }

  private handle(frame: InboundFrame): Promise<void> | undefined {
    switch (frame.action) {
      case Action.HEARTBEAT:
        // RTN13e: connection.ping() waits for a HEARTBEAT echoing its id.
        this.sendFrame({ action: Action.HEARTBEAT, ...(frame.id ? { id: frame.id } : {}) });
        return undefined;
      case Action.ATTACH:
        handleAttach(this, frame);
        return undefined;
      case Action.DETACH:
        handleDetach(this, frame);
        return undefined;
      case Action.MESSAGE:
      case Action.PRESENCE:
        this.acknowledged(frame);
        return undefined;
      case Action.AUTH:
        return this.reauthenticate(frame.auth?.accessToken ?? undefined);
      case Action.CLOSE:
        this.sendFrame({ action: Action.CLOSED });
        this.dispose('closed');
        return undefined;
      case Action.DISCONNECT:
        // ably-js sends DISCONNECT before dropping a transport; treat it as an abrupt drop (state kept for resume).
        this.ws?.close(1000);
        return undefined;
      case Action.SYNC:
        // A client-requested sync: answer with a fresh ATTACHED-independent SYNC of the current set.
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * MESSAGE/PRESENCE carry msgSerial and are ACKed in order (RTN7). A resent serial after resume is not
   * processed again: it is re-ACKed with the original result (RTN19a2).
   */
  private acknowledged(frame: InboundFrame): void {
    const serial = frame.msgSerial ?? undefined;
    if (serial !== undefined && serial < this.expectedMsgSerial) {
      this.sendFrame({ action: Action.ACK, msgSerial: serial, count: 1, res: this.ackCache.get(serial) ?? [{ serials: [] }] });
      return;
    }
    if (serial !== undefined) this.expectedMsgSerial = serial + 1;
    let outcome: Outcome;
    try {
      outcome = frame.action === Action.MESSAGE ? handlePublish(this, frame) : handlePresence(this, frame);
    } catch (error) {
      // A store failure (disk full, I/O error) NACKs this publish; the log took no serial for it (channel-log.ts).
      this.ctx.log.error('publish_failed', { connectionId: this.connectionId, error: String(error) });
      outcome = { ok: false, error: errorInfo(ErrorCode.INTERNAL, 500, 'unable to store the message; try again') };
    }
    if (this.disposed) return;
    if (serial === undefined) return;
    if (outcome.ok) {
      this.ackCache.set(serial, outcome.res);
      if (this.ackCache.size > ACK_CACHE) this.ackCache.delete(this.ackCache.keys().next().value ?? -1);
      this.sendFrame({ action: Action.ACK, msgSerial: serial, count: 1, res: outcome.res });
    } else {
      this.sendFrame({ action: Action.NACK, msgSerial: serial, count: 1, error: outcome.error });
    }
  }

  /**
   * Ably's per-connection publish rate counts messages, not frames (a frame may carry up to 1,000): over it the
   * publish is NACKed with 42911 and the connection stays; far over it (20×) the connection is closed, 42921.
   */
  private refusedOverRate(raw: unknown): boolean {
    const publish = peekPublish(raw);
    // A resent serial (after resume) is re-ACKed from the cache, never counted twice (RTN19a2).
    if (!publish || (publish.serial !== undefined && publish.serial < this.expectedMsgSerial)) return false;
    const { inboundMessagesPerConnection: rate, fatalRateMultiple } = this.ctx.config.limits;
    if (this.published.take(publish.count)) return false;
    if (this.rejected.add(publish.count) > rate * fatalRateMultiple) {
      this.fatal(LimitError.connectionRateFatal(rate), true);
      return true;
    }
    if (publish.serial !== undefined) {
      this.expectedMsgSerial = publish.serial + 1;
      this.sendFrame({ action: Action.NACK, msgSerial: publish.serial, count: 1, error: LimitError.connectionRate(rate) });
    }
    return true;
  }

  /** In-band re-auth (RTC8a): a new CONNECTED on success; a clientId change or bad token fails the connection. */
  private async reauthenticate(token: string | undefined): Promise<void> {
    if (!token) return this.fatal(errorInfo(ErrorCode.TOKEN_UNRECOGNISED, 401, 'AUTH without accessToken'));
    const result = await verifyJwt(token, this.ctx.config.keys);
    if (this.disposed) return;
    if (!result.ok) return this.fatal(result.error);
    if (this.ctx.revocations.isRevoked(result.principal)) return this.fatal(revokedError());
    const next = result.principal;
    if (this.principal.clientId !== '*' && next.clientId !== this.principal.clientId) {
      return this.fatal(errorInfo(ErrorCode.INCOMPATIBLE_CREDENTIALS, 401, 'new token has a different clientId'));
    }
    this.principal = next;
    this.scheduleAuthExpiry();
    this.sendConnected();
    recheckChannels(this);
  }

  /** RTN22: ask for a new token shortly before expiry; at expiry force it with DISCONNECTED 40142 (RTN15h2). */
  private scheduleAuthExpiry(): void {
    for (const t of this.authTimers) clearTimeout(t);
    this.authTimers = [];
    const expiresAt = this.principal.expiresAt;
    if (expiresAt === undefined) return;
    const left = expiresAt - Date.now();
    const lead = Math.min(this.ctx.config.authRequestLeadMs, left / 2);
    this.authTimers.push(
      setTimeout(() => this.sendFrame({ action: Action.AUTH }), Math.max(0, left - lead)),
      setTimeout(() => this.expireTransport(), Math.max(0, left)),
    );
  }

  private tokenExpired(): boolean {
    const expiresAt = this.principal.expiresAt;
    return expiresAt !== undefined && Date.now() >= expiresAt;
  }

  /**
   * The token expired on an open connection: DISCONNECTED with 40142 makes ably-js renew its token and resume
   * (RTN15h2). The transport is let go at once (no frame from it is handled any more, however long the client
   * takes to answer the close); the connection state is kept for that resume.
   */
  private expireTransport(error = errorInfo(ErrorCode.TOKEN_EXPIRED, 401, 'Key/token expired')): void {
    const ws = this.ws;
    if (!ws) return;
    this.sendFrame({ action: Action.DISCONNECTED, error });
    this.queue.length = 0;
    this.onTransportLost(error.message);
    ws.close(1000);
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  /**
   * This connection's token was revoked: like an expiry, DISCONNECTED (40141, a token error) and the transport let
   * go; ably-js asks its authCallback for a new token, which the token service refuses to an agent it no longer
   * knows. Nothing more is read from this transport.
   */
  revokeTransport(): void {
    this.expireTransport(revokedError());
  }

  /** RTN22: ask the client to re-authenticate now (a revocation with allowReauthMargin). */
  requestAuth(): void {
    this.sendFrame({ action: Action.AUTH });
  }

  private startHeartbeats(requestedInterval: number | undefined): void {
    clearInterval(this.heartbeatTimer);
    const interval = requestedInterval ?? this.ctx.config.heartbeatIntervalMs;
    this.pongSeen = true;
    this.heartbeatTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws) return;
      // A peer that answered no WebSocket ping for a whole interval is gone (half-open TCP): drop it.
      if (!this.pongSeen) return ws.terminate();
      this.pongSeen = false;
      ws.ping();
      // Browsers cannot see WebSocket pings, so they ask for protocol heartbeats (RTN23b).
      if (this.heartbeats && Date.now() - this.lastSentAt >= interval / 2) this.sendFrame({ action: Action.HEARTBEAT });
    }, Math.max(250, interval * 0.9));
    this.heartbeatTimer.unref();
  }

  private detachTransport(): void {
    clearInterval(this.heartbeatTimer);
    for (const t of this.authTimers) clearTimeout(t);
    this.authTimers = [];
    // RTL3d: the client re-ATTACHes on the next transport; until then nothing may be pushed (RTL17 drops it).
    for (const name of this.channels) this.ctx.registry.peek(name)?.attached.delete(this);
  }

  /** Abrupt drop: keep state for resume; members leave after remainPresentFor; state goes after the TTL. */
  private onTransportLost(reason: string): void {
    this.ctx.log.debug('transport_lost', { connectionId: this.connectionId, reason });
    this.ws = undefined;
    this.detachTransport();
    this.leaveTimer = setTimeout(() => {
      for (const name of [...this.channels]) leaveChannelPresence(this, name);
    }, this.remainPresentFor);
    this.ttlTimer = setTimeout(() => this.dispose('expired'), this.ctx.config.connectionStateTtlMs);
  }

  /** Hub shutdown: timers stop and the socket is cut without CLOSED or presence traffic (looks like a crash). */
  shutdown(): void {
    this.disposed = true;
    clearTimeout(this.leaveTimer);
    clearTimeout(this.ttlTimer);
    clearInterval(this.heartbeatTimer);
    for (const t of this.authTimers) clearTimeout(t);
    this.ws?.terminate();
    this.ws = undefined;
  }

  /** Discards the connection: members leave at once, socket closes, resume becomes impossible. */
  dispose(reason: string): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.leaveTimer);
    clearTimeout(this.ttlTimer);
    const ws = this.ws;
    this.ws = undefined;
    this.detachTransport();
    leaveAll(this);
    this.queue.length = 0;
    ws?.close(1000);
    this.ctx.forget(this.connectionId);
    this.ctx.log.debug('connection_disposed', { connectionId: this.connectionId, reason });
  }
}
