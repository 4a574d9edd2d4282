import type { AgentPresence } from '../realtime/agent-presence.ts';

/**
 * Rows the "Transfer to" list renders at most. A list of 1,000 colleagues costs a frame
 * and more to lay out on each keystroke that widens it, and nobody reads past the first
 * screenful: the search box is how an agent finds someone further down.
 */
export const SHOWN_TARGETS = 50;

/** A colleague with the lower-cased name the search compares against, computed once per presence update. */
export interface Candidate {
  agent: AgentPresence;
  key: string;
}

export interface TransferChoices {
  /** The rows to render, best first; the kept (chosen) colleague last if they fell outside the best. */
  shown: AgentPresence[];
  /** How many colleagues the search matches, of which `shown` holds at most the limit. */
  matching: number;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The colleagues in the order a transfer prefers them when nothing is typed: the least
 * busy first (fewest chats), then by name. Sorted once per presence update, so a
 * keystroke only scans the list.
 */
export function candidatesFor(agents: readonly AgentPresence[]): Candidate[] {
  return agents
    .map((agent) => ({ agent, key: agent.name.toLocaleLowerCase() }))
    .sort((a, b) => a.agent.activeChats - b.agent.activeChats || collator.compare(a.agent.name, b.agent.name) || (a.agent.clientId < b.agent.clientId ? -1 : 1));
}

/** 0: the name starts with the search, 1: one of its words does, 2: it is somewhere inside, -1: no match. */
function rank(key: string, needle: string): number {
  const at = key.indexOf(needle);
  if (at < 0) return -1;
  if (at === 0) return 0;
  return key.includes(` ${needle}`) || key.includes(`-${needle}`) ? 1 : 2;
}

/**
 * The best `limit` colleagues for the search `query`: names that start with it, then
 * names with a word that does, then names that contain it — each in the order of
 * `candidatesFor`. The colleague `keep` (the one chosen) stays shown whatever the
 * search, so a choice never disappears from sight while it is still the one to submit.
 */
export function chooseTargets(candidates: readonly Candidate[], query: string, limit = SHOWN_TARGETS, keep: string | null = null): TransferChoices {
  const needle = query.trim().toLocaleLowerCase();
  const tiers: AgentPresence[][] = [[], [], []];
  let matching = 0;
  let kept: AgentPresence | undefined;
  for (const { agent, key } of candidates) {
    if (agent.clientId === keep) kept = agent;
    const tier = needle === '' ? 0 : rank(key, needle);
    if (tier < 0) continue;
    matching += 1;
    const bucket = tiers[tier]!;
    if (bucket.length < limit) bucket.push(agent);
  }
  const shown = tiers.flat().slice(0, limit);
  if (kept && !shown.includes(kept)) shown.push(kept);
  return { shown, matching };
}
