// The chat core's one error vocabulary. Codes are what code and tests compare; the texts follow the
// `unable to <do X>; <why>` form of ably-chat-js and are for logs and diagnostics (the UI translates codes).

/** Why a wire message never reached the fold. */
export type DropReason =
  | 'malformed-envelope'
  | 'missing-identity'
  | 'untrusted-claim'
  | 'unknown-event'
  | 'malformed-data'
  | 'too-large';

export interface Dropped {
  readonly drop: DropReason;
  /** First schema issue, for the diagnostics log; never shown to a person. */
  readonly detail: string | null;
}

/** Why the fold recorded an event without applying it (an invalid transition), or why a command was refused. */
export type Rejection =
  | 'not-permitted'
  | 'not-owner'
  | 'not-manager'
  | 'not-this-visitor'
  | 'chat-ended'
  | 'already-assigned'
  | 'not-assigned'
  | 'duplicate-claim'
  | 'stale-seq'
  | 'offer-pending'
  | 'self-transfer'
  | 'duplicate-transfer'
  | 'invalid-expiry'
  | 'unknown-transfer'
  | 'offer-not-pending'
  | 'not-offered-to-you'
  | 'offer-accepted'
  | 'offer-expired'
  | 'not-yet-expired'
  | 'not-offerer'
  | 'not-accepted'
  | 'owner-mismatch'
  | 'already-owner'
  | 'invalid-input';

const WHY: Readonly<Record<Rejection, string>> = {
  'not-permitted': 'the sender’s role does not allow it',
  'not-owner': 'the sender does not own the chat',
  'not-manager': 'only a manager may do this',
  'not-this-visitor': 'the sender is not this chat’s visitor',
  'chat-ended': 'the chat has ended',
  'already-assigned': 'the chat already has an owner',
  'not-assigned': 'the chat has no owner yet',
  'duplicate-claim': 'this agent has already claimed the chat',
  'stale-seq': 'the ownership sequence number is not the next one',
  'offer-pending': 'another transfer offer is pending',
  'self-transfer': 'the chat cannot be offered to its owner or to the offerer',
  'duplicate-transfer': 'this transfer id was already used',
  'invalid-expiry': 'the expiry time is in the past or too far ahead',
  'unknown-transfer': 'no offer with this transfer id exists',
  'offer-not-pending': 'the offer is no longer pending',
  'not-offered-to-you': 'the offer was made to someone else',
  'offer-accepted': 'the offer was already accepted',
  'offer-expired': 'the offer had expired',
  'not-yet-expired': 'the offer’s expiry time has not passed',
  'not-offerer': 'only the agent who made the offer may complete it',
  'not-accepted': 'the offer has not been accepted',
  'owner-mismatch': 'the new owner is not the agent the offer was made to',
  'already-owner': 'that agent already owns the chat',
  'invalid-input': 'the input is empty, malformed or too large',
};

/** Every rejection code: each is also an error code the views translate (lib/errors.ts). */
export const REJECTIONS = Object.keys(WHY) as readonly Rejection[];

export function describeRejection(action: string, reason: Rejection): string {
  return `unable to ${action}; ${WHY[reason]}`;
}

const DROP_WHY: Readonly<Record<DropReason, string>> = {
  'malformed-envelope': 'the message lacks a valid id, name or timestamp',
  'missing-identity': 'the message has no clientId',
  'untrusted-claim': 'the message carries no valid role claim',
  'unknown-event': 'the event name is not one Baton knows',
  'malformed-data': 'the payload does not match the event’s schema',
  'too-large': 'a field in the payload is longer than allowed',
};

export function describeDrop(dropped: Dropped): string {
  const base = `unable to read message; ${DROP_WHY[dropped.drop]}`;
  return dropped.detail === null ? base : `${base} (${dropped.detail})`;
}
