// Deterministic message ids. Ably de-duplicates client-supplied ids (docs platform/architecture/idempotency), and
// the fold identifies an event by (clientId, id), so a retried publish or a history merge never applies twice, and
// the arbiter deciding the same completion on two folds publishes it once.
//
// Ably's de-duplication is by id alone, per channel, whoever publishes. An id anyone could work out
// (`${transferId}:accepted:bob`, with the transfer id read off the chat) would let another publisher on the chat, a
// visitor or a colleague, publish it first and have the real acceptance dropped as a duplicate. So each id ends in
// a tag only its author can make: an HMAC of the rest of the id under a secret of the author's session
// (`Author.idKey`), which is never published. The same author and event still give the same id; nobody else can
// give it. The tag is 96 bits (24 hex digits); the id stays far under the schema's 512 characters (limits.ts).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { Principal } from './roles.ts';

export type ControlKind =
  | 'claim'
  | 'assigned'
  | 'offered'
  | 'offer-notice'
  | 'accepted'
  | 'accepted-notice'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'completed'
  | 'takeover'
  | 'assigned-notice'
  | 'ended'
  | 'request';

/**
 * Me as the publisher of control events: my principal, and the secret my ids are tagged with. Without `idKey` the
 * ids carry no tag (tests of the chat core, and predictions of what another agent will publish).
 */
export interface Author extends Principal {
  readonly idKey?: Uint8Array;
}

const TAG_BYTES = 12;
const encoder = new TextEncoder();

/** A fresh secret for one session's ids: 256 random bits from the platform's CSPRNG. */
export function newIdKey(): Uint8Array {
  return randomBytes(32);
}

/** `me` with the secret its control ids are tagged with. */
export function authorOf(me: Principal, idKey: Uint8Array): Author {
  return { ...me, idKey };
}

/**
 * `${key}:${kind}:${clientId}`, plus `:${attempt}` for a retry after the first attempt was rejected for a reason
 * that time can cure (e.g. an expiry published by a clock running ahead of Ably's): the same id would be dropped.
 * Then `:${tag}` when the author has an id key (above).
 */
export function controlId(key: string, kind: ControlKind, author: Author, attempt = 0): string {
  const base = `${key}:${kind}:${author.clientId}`;
  const id = attempt === 0 ? base : `${base}:${attempt}`;
  return author.idKey === undefined ? id : `${id}:${bytesToHex(hmac(sha256, author.idKey, encoder.encode(id)).subarray(0, TAG_BYTES))}`;
}

/**
 * Id for a chat message. `${prefix}:${counter}` sorts in publish order under the natural id order (canonical-order.ts)
 * when two messages from one publisher share a millisecond; use a per-session random prefix and a counter.
 */
export function messageId(prefix: string, counter: number): string {
  return `${prefix}:${counter}`;
}
