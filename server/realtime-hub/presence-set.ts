// A channel's presence members, keyed by (connectionId, clientId) as Ably does (RTP2). Members keep the id
// `<connId>:<msgSerial>:<index>` of the message that last set them, because clients order members by it (RTP2b2).
import { PresenceAction } from './protocol.ts';

export interface PresenceMember {
  id: string;
  clientId: string;
  connectionId: string;
  timestamp: number;
  data?: unknown;
  encoding?: string;
  extras?: Record<string, unknown>;
}

/** A presence message as sent to clients (TP3). */
export interface WirePresence extends PresenceMember {
  action: number;
}

const keyOf = (connectionId: string, clientId: string) => `${connectionId}\u0000${clientId}`;

export class PresenceSet {
  private readonly members = new Map<string, PresenceMember>();

  get size(): number {
    return this.members.size;
  }

  has(connectionId: string, clientId: string): boolean {
    return this.members.has(keyOf(connectionId, clientId));
  }

  list(filter: { clientId?: string; connectionId?: string } = {}): PresenceMember[] {
    return [...this.members.values()].filter(
      (m) => (filter.clientId === undefined || m.clientId === filter.clientId) && (filter.connectionId === undefined || m.connectionId === filter.connectionId),
    );
  }

  /** Applies ENTER/UPDATE/PRESENT; an ENTER by a member already present is relayed as UPDATE (as Ably does). */
  upsert(member: PresenceMember, action: number): WirePresence {
    const key = keyOf(member.connectionId, member.clientId);
    const existed = this.members.has(key);
    this.members.set(key, member);
    const relayed = action === PresenceAction.ENTER && existed ? PresenceAction.UPDATE : action === PresenceAction.PRESENT ? PresenceAction.ENTER : action;
    return { ...member, action: relayed };
  }

  /** Removes a member; undefined when it was not present (nothing to relay). */
  remove(connectionId: string, clientId: string): PresenceMember | undefined {
    const key = keyOf(connectionId, clientId);
    const member = this.members.get(key);
    if (member) this.members.delete(key);
    return member;
  }

  /** Removes every member a connection holds (detach, close, drop timeout). */
  removeConnection(connectionId: string): PresenceMember[] {
    const gone = this.list({ connectionId });
    for (const m of gone) this.members.delete(keyOf(m.connectionId, m.clientId));
    return gone;
  }

  /** The SYNC payload: every member as PRESENT with its original id and timestamp (RTP18, RTP19). */
  snapshot(): WirePresence[] {
    return [...this.members.values()].map((m) => ({ ...m, action: PresenceAction.PRESENT }));
  }
}
