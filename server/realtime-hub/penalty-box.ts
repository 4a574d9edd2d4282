// Flood protection at the door (issue 14). A client the hub had to cut for abuse (42921, 42924) used to reconnect
// at once and cost the hub a TLS-free handshake, a token check and its first flood frames every few milliseconds,
// which is what slowed well-behaved connections down. Ably blocks such traffic at its edge, before it reaches the
// platform, with HTTP 429 and `x-ably-errorcode: 42922` (docs: platform/errors/codes/42922). The hub does the same:
// the identity that was cut (key name + clientId, both verified, so nobody can lock a colleague out by naming them)
// is refused at the WebSocket upgrade for a while, doubling with each repeat offence and forgiven after a quiet spell.

export interface PenaltyBoxOptions {
  firstMs?: number;
  maxMs?: number;
  /** An identity with no offence for this long starts again at `firstMs`. */
  forgiveAfterMs?: number;
}

interface Record {
  until: number;
  lastPenaltyMs: number;
  lastOffenceAt: number;
}

export class PenaltyBox {
  private readonly records = new Map<string, Record>();
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly forgiveAfterMs: number;

  constructor(options: PenaltyBoxOptions = {}) {
    this.firstMs = options.firstMs ?? 1_000;
    this.maxMs = options.maxMs ?? 30_000;
    this.forgiveAfterMs = options.forgiveAfterMs ?? 60_000;
  }

  /** Whether anybody is boxed: the door check costs a credential verification, so it is skipped when nobody is. */
  get empty(): boolean {
    return this.records.size === 0;
  }

  /** Records an abusive close; returns how long the identity is now refused. */
  penalize(identity: string, now = Date.now()): number {
    this.sweep(now);
    const previous = this.records.get(identity);
    const penaltyMs = previous ? Math.min(this.maxMs, previous.lastPenaltyMs * 2) : this.firstMs;
    this.records.set(identity, { until: now + penaltyMs, lastPenaltyMs: penaltyMs, lastOffenceAt: now });
    return penaltyMs;
  }

  /** Milliseconds until the identity may connect again; 0 when it may now. */
  refusedFor(identity: string, now = Date.now()): number {
    const record = this.records.get(identity);
    return record ? Math.max(0, record.until - now) : 0;
  }

  private sweep(now: number): void {
    for (const [identity, record] of this.records) if (now - record.lastOffenceAt > this.forgiveAfterMs) this.records.delete(identity);
  }
}

/** The identity a penalty applies to: verified key name and clientId (an anonymous client is its key's anonymous). */
export function penaltyIdentity(principal: { keyName: string; clientId: string | undefined }): string {
  return `${principal.keyName}\u0000${principal.clientId ?? ''}`;
}
