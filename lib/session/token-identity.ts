import { parseUserClaim, principal, type Principal } from '../chat/roles.ts';
import { LEGACY_LAYOUT, parsePresenceLayout, type PresenceLayout } from '../realtime/presence-shards.ts';

// Who the token service says we are. The background reads its own JWT (it fetched it;
// no need to verify a signature the hub checks anyway) for the clientId and the role
// claim, so the UI can show what the agent may do before any message arrives. The
// realtime engine enforces the same claims on everything published.
function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function identityFromToken(jwt: string): Principal | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  let claims: unknown;
  try {
    claims = decodeSegment(payload);
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const clientId = 'x-ably-clientId' in claims ? claims['x-ably-clientId'] : undefined;
  const claim = 'ably.channel.*' in claims ? claims['ably.channel.*'] : undefined;
  const roles = parseUserClaim(claim);
  if (typeof clientId !== 'string' || clientId.length === 0 || !roles || roles.kind !== 'agent') return undefined;
  return principal(clientId, roles);
}

/** The presence layout the token names (presence-shards.ts); the legacy single channels when it names none. */
export function layoutFromToken(jwt: string | undefined): PresenceLayout {
  const payload = jwt?.split('.')[1];
  if (!payload) return LEGACY_LAYOUT;
  try {
    return parsePresenceLayout(decodeSegment(payload));
  } catch {
    return LEGACY_LAYOUT;
  }
}
