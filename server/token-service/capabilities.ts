// Who may do what on which channel (shared/design/architecture.md §2). One function per kind of principal, so
// the rules are reviewed in one place and unit-tested.
import { formatUserClaim } from '../../lib/chat/roles.ts';
import type { Role } from './roster.ts';

export type CapabilityMap = Record<string, readonly string[]>;

export function agentCapability(agentId: string): CapabilityMap {
  return {
    agents: ['presence', 'subscribe'],
    lobby: ['subscribe'],
    'chat:*': ['publish', 'subscribe', 'history'],
    'inbox:*': ['publish'],
    // history: offers made while the agent's browser was closed are read back on sign-in.
    [`inbox:${agentId}`]: ['publish', 'subscribe', 'history'],
  };
}

export function visitorCapability(chatId: string): CapabilityMap {
  return {
    [`chat:${chatId}`]: ['publish', 'subscribe', 'history'],
    lobby: ['presence'],
  };
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
