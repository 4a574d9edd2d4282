// What Baton publishes: an Ably message to be sent by the background's realtime client. Built from a draft domain
// event, so what a client sends is exactly what parseChatEvent reads back (round-trip tested).
import type { ChatEvent, InboxEvent, LoggedEvent, Position } from './events.ts';
import { logOf } from './fold.ts';
import type { ChatState } from './fold.ts';
import { principal, type Principal } from './roles.ts';

export interface Publish {
  readonly channel: string;
  readonly name: string;
  /** Deterministic for control events; undefined lets Ably assign one (chat messages, typing). */
  readonly id: string | undefined;
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * A shortcut beside the log's own event (the acceptance's notice to the offerer): sent without waiting for the one
   * before it, and a failure is logged, not shown, since the log's copy still gets through.
   */
  readonly hint?: true;
}

export function chatChannel(chatId: string): string {
  return `chat:${chatId}`;
}

export function inboxChannel(agentId: string): string {
  return `inbox:${agentId}`;
}

/**
 * The envelope Ably would stamp on an event published now; commands check their draft events against the fold. The
 * sender is my principal alone: an author's id key (control-ids.ts) never goes into an event, drafted or kept.
 */
export function envelope(me: Principal, now: number, id: string): Position & { readonly sender: Principal } {
  return { id, timestamp: now, clientId: me.clientId, sender: principal(me.clientId, me) };
}

export function toPublish(channel: string, event: ChatEvent | InboxEvent, id: string | undefined): Publish {
  const { type, id: _id, timestamp: _timestamp, clientId: _clientId, sender: _sender, ...data } = event;
  return { channel, name: type, id, data };
}

/**
 * How many of my earlier events of this type for this transfer the fold rejected (e.g. an expiry from a clock ahead of
 * Ably's, an acceptance that sorted before the offer under clock skew). A retry needs a fresh id, because Ably would
 * drop a second publish with the old one. Scans the log, so it is only called when a publish is due.
 */
export function retryAttempt(state: ChatState, me: string, type: LoggedEvent['type'], transferId: string): number {
  let attempts = 0;
  for (const { event, outcome } of logOf(state)) {
    if (outcome.applied || event.clientId !== me || event.type !== type) continue;
    if ('transferId' in event && event.transferId === transferId) attempts++;
  }
  return attempts;
}
