import type { SessionSnapshot } from '@/lib/session/session-snapshot';

/** A colleague's display name from presence (or their id when they are gone). */
export function agentName(session: SessionSnapshot | null, clientId: string): string {
  if (session?.me?.clientId === clientId) return session.me.name;
  return session?.agents.find((agent) => agent.clientId === clientId)?.name ?? clientId;
}
