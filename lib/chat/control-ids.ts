// Deterministic message ids. Ably de-duplicates client-supplied ids (docs platform/architecture/idempotency), and
// the fold identifies an event by (clientId, id), so a retried publish or a history merge never applies twice.
// The publisher's clientId is part of the id: Ably's de-duplication is by id alone, so an id anyone could guess
// (`${transferId}:accepted`) would let another agent publish it first and have the real acceptance dropped.

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
 * `${key}:${kind}:${clientId}`, plus `:${attempt}` for a retry after the first attempt was rejected for a reason
 * that time can cure (e.g. an expiry published by a clock running ahead of Ably's): the same id would be dropped.
 */
export function controlId(key: string, kind: ControlKind, clientId: string, attempt = 0): string {
  const id = `${key}:${kind}:${clientId}`;
  return attempt === 0 ? id : `${id}:${attempt}`;
}

/**
 * Id for a chat message. `${prefix}:${counter}` sorts in publish order under the natural id order (canonical-order.ts)
 * when two messages from one publisher share a millisecond; use a per-session random prefix and a counter.
 */
export function messageId(prefix: string, counter: number): string {
  return `${prefix}:${counter}`;
}
