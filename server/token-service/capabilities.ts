// Who may do what on which channel (shared/design/architecture.md §2). One function per kind of principal, so
// the rules are reviewed in one place and unit-tested.
import { formatUserClaim } from '../../lib/chat/roles.ts';
import { LEGACY_LAYOUT, SHARDS_CLAIM, agentsChannelOf, lobbyChannelOf, type PresenceLayout } from '../../lib/realtime/presence-shards.ts';
import type { Role } from './roster.ts';

export type CapabilityMap = Record<string, readonly string[]>;

/**
 * An agent is present on its own agents shard only (Ably enforces it: a forged clientId cannot fill another
 * shard), and may read every agents and lobby shard ("Transfer to" across teams, the Dashboard). Chats come from
 * `chats`: the role's `chat:*` share and one entry per chat the agent may act on now (agent-capability.ts).
 */
export function agentCapability(agentId: string, layout: PresenceLayout = LEGACY_LAYOUT, chats: CapabilityMap = {}): CapabilityMap {
  const shards: CapabilityMap =
    layout.shards === null
      ? { agents: ['presence', 'subscribe'], lobby: ['subscribe'] }
      : { 'agents:*': ['subscribe'], [agentsChannelOf(layout, agentId)]: ['presence', 'subscribe'], 'lobby:*': ['subscribe'] };
  return {
    ...shards,
    ...chats,
    'inbox:*': ['publish'],
    // history: offers made while the agent's browser was closed are read back on sign-in.
    [`inbox:${agentId}`]: ['publish', 'subscribe', 'history'],
  };
}

export function visitorCapability(chatId: string, layout: PresenceLayout = LEGACY_LAYOUT): CapabilityMap {
  return {
    [`chat:${chatId}`]: ['publish', 'subscribe', 'history'],
    [lobbyChannelOf(layout, chatId)]: ['presence'],
  };
}

/** The token claim that tells clients the layout (none for the legacy single channels). */
export function layoutClaims(layout: PresenceLayout): Record<string, number> {
  return layout.shards === null ? {} : { [SHARDS_CLAIM]: layout.shards };
}

export function visitorClientId(chatId: string): string {
  return `visitor:${chatId}`;
}

/**
 * The trusted role claim, on every channel (`ably.channel.*`); the hub/Ably stamps it as extras.userClaim, and
 * every client reads it with the chat core's parseUserClaim, so it is written in that grammar
 * ("agent", "agent,listener", "agent,listener,manager", "visitor").
 */
export function roleClaims(role: Role | 'visitor'): Record<string, string> {
  const roles =
    role === 'visitor'
      ? { kind: 'visitor' as const, manager: false, listener: false }
      : { kind: 'agent' as const, manager: role === 'manager', listener: role === 'manager' || role === 'can-listen-in' };
  return { '*': formatUserClaim(roles) };
}
