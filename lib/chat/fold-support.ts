// Small pieces of the fold: transcript entries, typing marks, event identity and the order between copies.
import { comparePositions } from './canonical-order.ts';
import type { LoggedEvent, MessageEvent, TypingEvent } from './events.ts';
import type { Register } from './register.ts';

export interface TranscriptEntry {
  readonly id: string;
  readonly clientId: string;
  readonly timestamp: number;
  readonly authorKind: 'visitor' | 'agent';
  readonly text: string;
  /** The author owned the chat at this message's place in the canonical order. */
  readonly fromOwner: boolean;
  /** Counts as "the agent's reply": only the owner's messages do, never a listener's or a former owner's. */
  readonly countsAsReply: boolean;
}

export interface TypingMark {
  readonly typing: boolean;
  readonly timestamp: number;
  readonly id: string;
  readonly clientId: string;
  readonly authorKind: 'visitor' | 'agent';
}

export function transcriptEntry(event: MessageEvent, before: Register): TranscriptEntry {
  const agent = event.sender.kind === 'agent';
  const fromOwner = agent && before.owner === event.clientId;
  return {
    id: event.id,
    clientId: event.clientId,
    timestamp: event.timestamp,
    authorKind: event.sender.kind,
    text: event.text,
    fromOwner,
    countsAsReply: fromOwner,
  };
}

export function typingMark(event: TypingEvent): TypingMark {
  return {
    typing: event.typing,
    timestamp: event.timestamp,
    id: event.id,
    clientId: event.clientId,
    authorKind: event.sender.kind,
  };
}

/** An event's identity: Ably message ids are unique per publisher, and a forged id cannot shadow someone else's. */
export function keyOf(event: LoggedEvent): string {
  return `${event.clientId}\u0000${event.id}`;
}

/**
 * Two copies of one message (same clientId and id) that differ: keep the earlier timestamp, then the smaller
 * serialisation, so every client keeps the same copy whichever it saw first.
 */
export function prefer(candidate: LoggedEvent, kept: LoggedEvent): boolean {
  if (candidate.timestamp !== kept.timestamp) return candidate.timestamp < kept.timestamp;
  const a = JSON.stringify(candidate);
  const b = JSON.stringify(kept);
  return a < b;
}

export function mergeSorted(a: readonly LoggedEvent[], b: readonly LoggedEvent[]): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && comparePositions(x, y) <= 0)) {
      if (x !== undefined) out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
