// Shared steps of parseChatEvent and parseInboxEvent: the envelope, the publisher's identity, the data schema.
import * as v from 'valibot';
import type { Position } from './events.ts';
import { LIMITS } from './limits.ts';
import type { Dropped, DropReason } from './reasons.ts';
import { parseUserClaim, principal } from './roles.ts';
import type { Principal } from './roles.ts';
import { EnvelopeSchema, userClaimOf } from './schemas.ts';

/** What Baton reads of an Ably message (InboundMessage from ably-js, or a history item). */
export interface WireMessage {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly data?: unknown;
  readonly clientId?: unknown;
  readonly timestamp?: unknown;
  readonly extras?: unknown;
}

export interface Envelope extends Position {
  readonly name: string;
  readonly data: unknown;
  readonly sender: Principal;
}

export function dropped(drop: DropReason, detail: string | null = null): Dropped {
  return { drop, detail: detail === null ? null : detail.slice(0, 200) };
}

export function isDropped(value: object): value is Dropped {
  return 'drop' in value;
}

export function parseEnvelope(message: unknown): Envelope | Dropped {
  const envelope = v.safeParse(EnvelopeSchema, message);
  if (!envelope.success) return dropped('malformed-envelope', issueText(envelope.issues[0]));
  const clientId = typeof message === 'object' && message !== null && 'clientId' in message ? message.clientId : undefined;
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > LIMITS.clientId) {
    return dropped('missing-identity');
  }
  const extras = typeof message === 'object' && message !== null && 'extras' in message ? message.extras : undefined;
  const roles = parseUserClaim(userClaimOf(extras));
  if (roles === undefined) return dropped('untrusted-claim');
  return {
    timestamp: envelope.output.timestamp,
    id: envelope.output.id,
    clientId,
    name: envelope.output.name,
    // Ably delivers JSON payloads decoded; a message with no data (claim, chat.ended) reads as an empty object.
    data: envelope.output.data ?? {},
    sender: principal(clientId, roles),
  };
}

/** Runs a data schema; a field over its length bound is `too-large`, anything else `malformed-data`. */
export function parseData<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | Dropped {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const tooLarge = result.issues.some((issue) => issue.type === 'max_length');
  return dropped(tooLarge ? 'too-large' : 'malformed-data', issueText(result.issues[0]));
}

function issueText(issue: v.BaseIssue<unknown> | undefined): string | null {
  if (issue === undefined) return null;
  const path = v.getDotPath(issue);
  return path === null ? issue.message : `${path}: ${issue.message}`;
}
