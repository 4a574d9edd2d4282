import * as v from 'valibot';
import { withoutBidiControls } from '../chat/display-text.ts';

// Agents announce themselves on their `agents:{k}` shard's presence (presence-shards.ts). The
// member's identity is its clientId (set by the hub/Ably from the token), never the data.

export type PresenceStatus = 'present' | 'away';

export interface AgentPresence {
  clientId: string;
  name: string;
  status: PresenceStatus;
  activeChats: number;
}

const DataSchema = v.object({
  name: v.pipe(v.string(), v.transform(withoutBidiControls), v.trim(), v.minLength(1), v.maxLength(120)),
  status: v.picklist(['present', 'away']),
  activeChats: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
});

export type AgentPresenceData = v.InferOutput<typeof DataSchema>;

/** The part of an Ably presence message Baton reads. */
export interface PresenceMemberLike {
  clientId?: string;
  data?: unknown;
}

// ably-js hands back the same member objects until a member changes, and every presence event re-reads the
// whole set: parse each member object once (a team of 100 would otherwise re-parse 100 members per event).
const parsedAgents = new WeakMap<PresenceMemberLike, AgentPresence | undefined>();

export function parseAgentPresence(member: PresenceMemberLike): AgentPresence | undefined {
  if (parsedAgents.has(member)) return parsedAgents.get(member);
  const agent = parseAgentPresenceData(member);
  parsedAgents.set(member, agent);
  return agent;
}

function parseAgentPresenceData(member: PresenceMemberLike): AgentPresence | undefined {
  if (typeof member.clientId !== 'string' || member.clientId.length === 0 || member.clientId.length > 128) return undefined;
  const result = v.safeParse(DataSchema, member.data);
  return result.success ? { clientId: member.clientId, ...result.output } : undefined;
}

/**
 * One entry per agent: an agent signed in from two browsers is one colleague. If any
 * of their connections is Present they are Present, with the larger chat count.
 */
export function agentsFromMembers(
  members: readonly PresenceMemberLike[],
  onDrop: (reason: string) => void = () => {},
): AgentPresence[] {
  const byId = new Map<string, AgentPresence>();
  for (const member of members) {
    const agent = parseAgentPresence(member);
    if (!agent) {
      onDrop('agents presence: malformed member data');
      continue;
    }
    const known = byId.get(agent.clientId);
    byId.set(
      agent.clientId,
      known
        ? {
            ...agent,
            status: known.status === 'present' || agent.status === 'present' ? 'present' : 'away',
            activeChats: Math.max(known.activeChats, agent.activeChats),
          }
        : agent,
    );
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
