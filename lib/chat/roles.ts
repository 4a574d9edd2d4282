// Roles come only from the trusted user claim that the hub (or Ably) stamps on a message as `extras.userClaim`,
// copied from the publisher's JWT `ably.channel.<pattern>` claim (docs auth/capabilities "user claims";
// server/realtime-hub/credentials.ts userClaimFor). Nothing in `data` is ever read as identity.
import { LIMITS } from './limits.ts';

/** The trusted identity of a publisher or of the local viewer. */
export interface Principal {
  readonly clientId: string;
  readonly kind: 'visitor' | 'agent';
  /** May take over any chat and transfer someone else's chat. Implies `listener`. */
  readonly manager: boolean;
  /** "Can listen in": may watch an ongoing chat silently. */
  readonly listener: boolean;
}

export type Roles = Omit<Principal, 'clientId'>;

const TOKENS = new Set(['visitor', 'agent', 'listener', 'manager']);

/**
 * The claim grammar: role tokens separated by commas and/or whitespace, e.g. `"agent"`, `"agent,listener"`,
 * `"manager"`, `"visitor"`; or the same tokens as JSON, `{"roles":["agent","manager"]}` or `{"role":"manager"}`.
 * Unknown tokens are ignored so the token service can add roles later. `manager` and `listener` imply `agent`;
 * `manager` implies `listener`. A claim that mixes `visitor` with an agent role, or names no known role, is invalid.
 */
export function parseUserClaim(claim: unknown): Roles | undefined {
  if (typeof claim !== 'string' || claim.length === 0 || claim.length > LIMITS.userClaim) return undefined;
  const tokens = claimTokens(claim.trim());
  if (tokens === undefined) return undefined;
  const has = (t: string): boolean => tokens.includes(t);
  const manager = has('manager');
  const listener = manager || has('listener');
  const agent = listener || has('agent');
  if (has('visitor')) return agent ? undefined : { kind: 'visitor', manager: false, listener: false };
  return agent ? { kind: 'agent', manager, listener } : undefined;
}

function claimTokens(claim: string): string[] | undefined {
  if (!claim.startsWith('{')) return claim.toLowerCase().split(/[\s,]+/).filter((t) => TOKENS.has(t));
  let parsed: unknown;
  try {
    parsed = JSON.parse(claim);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const roles: unknown = 'roles' in parsed ? parsed.roles : 'role' in parsed ? [parsed.role] : undefined;
  if (!Array.isArray(roles)) return undefined;
  return roles.filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase()).filter((t) => TOKENS.has(t));
}

/** The claim string the token service should put in `ably.channel.chat:*` / `ably.channel.inbox:*`. */
export function formatUserClaim(roles: Roles): string {
  if (roles.kind === 'visitor') return 'visitor';
  if (roles.manager) return 'agent,listener,manager';
  return roles.listener ? 'agent,listener' : 'agent';
}

export function principal(clientId: string, roles: Roles): Principal {
  return { clientId, kind: roles.kind, manager: roles.manager, listener: roles.listener };
}

/**
 * The organisation's switches (policy `features`) applied to what the token says: they only
 * ever take rights away. Without `managerTakeover` a manager is no more than a listener; without
 * `listenIn` only managers (who reach chats from the Dashboard to take them over) still watch.
 */
export function withFeatures(who: Principal, features: { managerTakeover: boolean; listenIn: boolean }): Principal {
  const manager = who.manager && features.managerTakeover;
  return { ...who, manager, listener: manager || (who.listener && features.listenIn) };
}
