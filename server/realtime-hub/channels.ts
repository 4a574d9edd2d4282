// Live channel state (who is attached, presence) and the publish path: store first, then fan out one
// pre-serialised frame to every attached subscriber.
import type { ChannelLog, StoredMessage } from './channel-log.ts';
import type { MessageStore } from './message-store.ts';
import { RateBucket } from './limits.ts';
import { PresenceSet } from './presence-set.ts';
import type { WirePresence } from './presence-set.ts';
import { Action, Flag } from './protocol.ts';
import type { OutboundFrame } from './protocol.ts';
import { formatSerial } from './serial.ts';

export interface Subscriber {
  readonly connectionId: string;
  readonly echo: boolean;
  send(frame: string): void;
}

export class Channel {
  readonly name: string;
  readonly members = new PresenceSet();
  /** Subscribers attached on their current transport → granted mode flags. */
  readonly attached = new Map<Subscriber, number>();

  constructor(name: string) {
    this.name = name;
  }
}

/** A message as delivered (TM2): fields the client would otherwise fill from the ProtocolMessage are explicit. */
export function toWireMessage(m: StoredMessage): Record<string, unknown> {
  return {
    id: m.id,
    connectionId: m.connectionId,
    clientId: m.clientId,
    name: m.name,
    data: m.data,
    encoding: m.encoding,
    extras: m.extras,
    timestamp: m.timestamp,
    serial: formatSerial(m.seq),
    action: 0,
  };
}

export function messageFrame(channel: string, messages: readonly StoredMessage[], id?: string, connectionId?: string): OutboundFrame {
  const last = messages.at(-1);
  return {
    action: Action.MESSAGE,
    channel,
    ...(id === undefined ? {} : { id }),
    ...(connectionId === undefined ? {} : { connectionId }),
    timestamp: last?.timestamp ?? Date.now(),
    ...(last ? { channelSerial: formatSerial(last.seq) } : {}),
    messages: messages.map(toWireMessage),
  };
}

/**
 * A message to publish. `idempotent` is true only when the client supplied the id itself: Ably treats only
 * client-supplied ids as idempotency keys (docs pub-sub/advanced "Idempotent publishing"; RSL1k). Ids the hub
 * assigns (`<connectionId>:<msgSerial>:<index>`, TM2a) are readable by every subscriber, so de-duplicating on them
 * would let anyone who saw an agent's message publish the agent's next ids first and silence the agent.
 */
export type PublishInput = Omit<StoredMessage, 'seq'> & { idempotent: boolean };

export interface PublishOrigin {
  /** ProtocolMessage id `<connId>:<msgSerial>` (TM2a), or undefined for REST. */
  protocolId?: string;
  connectionId?: string;
}

export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();
  private readonly store: MessageStore;
  /** Per-channel inbound rate (limits.ts); bounded, oldest forgotten first (a forgotten bucket starts full). */
  private readonly rates = new Map<string, RateBucket>();

  constructor(store: MessageStore) {
    this.store = store;
  }

  get(name: string): Channel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(name);
      this.channels.set(name, channel);
    }
    return channel;
  }

  /** Takes `count` messages from the channel's inbound budget of `rate` per second; false when it is spent. */
  admit(name: string, count: number, rate: number): boolean {
    if (!Number.isFinite(rate)) return true;
    let bucket = this.rates.get(name);
    if (!bucket) {
      bucket = new RateBucket(rate);
      this.rates.set(name, bucket);
      if (this.rates.size > 10_000) this.rates.delete(this.rates.keys().next().value ?? name);
    }
    return bucket.take(count);
  }

  peek(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  /** Forgets live state for channels nobody is attached to or present on (history stays in the store). */
  release(name: string): void {
    const channel = this.channels.get(name);
    if (channel && channel.attached.size === 0 && channel.members.size === 0) this.channels.delete(name);
  }

  get size(): number {
    return this.channels.size;
  }

  log(name: string): ChannelLog {
    return this.store.log(name);
  }

  lastSerial(name: string): string {
    return formatSerial(this.store.log(name).lastSeq);
  }

  /**
   * Stores then fans out. Messages whose id was already published are dropped (idempotent publishing) and get
   * a null serial in the PublishResult (PBR2a). Returns the serials in input order.
   */
  publish(name: string, messages: readonly PublishInput[], origin: PublishOrigin): (string | null)[] {
    const log = this.store.log(name);
    const seen = new Set<string>();
    const fresh = messages.filter((m) => {
      if (!m.idempotent) return true;
      const dup = seen.has(m.id) || log.hasId(m.id);
      seen.add(m.id);
      return !dup;
    });
    const stored = fresh.length > 0 ? log.append(fresh.map(({ idempotent: _key, ...m }) => m)) : [];
    const serialByInput = new Map(fresh.map((m, i) => [m, stored[i] ? formatSerial(stored[i].seq) : null]));
    if (stored.length > 0) {
      const channel = this.channels.get(name);
      if (channel && channel.attached.size > 0) {
        const text = JSON.stringify(messageFrame(name, stored, origin.protocolId, origin.connectionId));
        for (const [subscriber, modes] of channel.attached) {
          if ((modes & Flag.SUBSCRIBE) === 0) continue;
          if (!subscriber.echo && subscriber.connectionId === origin.connectionId) continue;
          subscriber.send(text);
        }
      }
    }
    return messages.map((m) => serialByInput.get(m) ?? null);
  }

  /** Relays presence changes to presence subscribers; presence ignores echo=false (docs channels/options/echo). */
  broadcastPresence(name: string, presence: readonly WirePresence[], protocolId?: string, connectionId?: string): void {
    const channel = this.channels.get(name);
    if (!channel || presence.length === 0) return;
    const frame: OutboundFrame = {
      action: Action.PRESENCE,
      channel: name,
      ...(protocolId === undefined ? {} : { id: protocolId }),
      ...(connectionId === undefined ? {} : { connectionId }),
      channelSerial: this.lastSerial(name),
      timestamp: Date.now(),
      presence: [...presence],
    };
    const text = JSON.stringify(frame);
    for (const [subscriber, modes] of channel.attached) {
      if ((modes & Flag.PRESENCE_SUBSCRIBE) !== 0) subscriber.send(text);
    }
  }
}
