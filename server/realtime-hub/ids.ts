// Identifiers. connectionIds must never contain ':' because ably-js splits presence ids on it (presencemessage.ts
// parseId; protocol doc §3.3); base64url is ':'-free and `[\w-]`, which also fits the SYNC serial regex (RTP18).
import { randomBytes } from 'node:crypto';

export function randomId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Id for a presence LEAVE the hub synthesises (drop timeout, detach). It must NOT start with the departed
 * connectionId so clients compare it by timestamp (RTP2b1); '~' never appears in a base64url connectionId.
 */
export function synthesizedPresenceId(): string {
  return `~${randomId(6)}:0:0`;
}
