import { describe, expect, it } from 'vitest';
import type { AgentPresence } from '../realtime/agent-presence.ts';
import { candidatesFor, chooseTargets } from './transfer-choices.ts';

const agent = (clientId: string, name: string, activeChats = 0): AgentPresence => ({ clientId, name, status: 'present', activeChats });
const names = (agents: readonly AgentPresence[]) => agents.map((one) => one.name);

describe('chooseTargets', () => {
  it('with nothing typed, shows the least busy first, then by name', () => {
    const candidates = candidatesFor([agent('c', 'Carla', 2), agent('b', 'Bob', 0), agent('z', 'Zoe', 0), agent('a', 'Alice', 1)]);
    const choices = chooseTargets(candidates, '');
    expect(names(choices.shown)).toEqual(['Bob', 'Zoe', 'Alice', 'Carla']);
    expect(choices.matching).toBe(4);
  });

  it('puts names that start with the search before a later word that does, before any other match', () => {
    const candidates = candidatesFor([
      agent('1', 'Jens Hansen', 0),
      agent('2', 'Bo Andersen', 2),
      agent('3', 'Anna Jensen', 3),
      agent('4', 'Per Berg', 0),
      agent('5', 'Ida Kjær-Andersen', 1),
      agent('6', 'Hanne Holm', 1),
    ]);
    const choices = chooseTargets(candidates, '  AN ');
    expect(names(choices.shown)).toEqual(['Anna Jensen', 'Ida Kjær-Andersen', 'Bo Andersen', 'Jens Hansen', 'Hanne Holm']);
    expect(choices.matching).toBe(5);
  });

  it('renders at most the limit, and says how many match in all', () => {
    const crowd = Array.from({ length: 1_000 }, (_, i) => agent(`a${i}`, `Agent ${String(i).padStart(4, '0')}`, i % 4));
    const all = chooseTargets(candidatesFor(crowd), '', 50);
    expect(all.shown).toHaveLength(50);
    expect(all.matching).toBe(1_000);
    expect(all.shown.every((one) => one.activeChats === 0)).toBe(true);

    const narrowed = chooseTargets(candidatesFor(crowd), 'agent 01', 50);
    expect(narrowed.matching).toBe(100);
    expect(narrowed.shown).toHaveLength(50);
  });

  it('keeps the chosen colleague shown when they fall outside the best, or outside the search', () => {
    const crowd = Array.from({ length: 200 }, (_, i) => agent(`a${i}`, `Agent ${String(i).padStart(3, '0')}`));
    const candidates = candidatesFor(crowd);
    const outside = chooseTargets(candidates, '', 50, 'a150');
    expect(outside.shown).toHaveLength(51);
    expect(outside.shown.at(-1)?.clientId).toBe('a150');

    const unmatched = chooseTargets(candidates, 'agent 00', 50, 'a150');
    expect(names(unmatched.shown)).toEqual([...Array.from({ length: 10 }, (_, i) => `Agent 00${i}`), 'Agent 150']);
    expect(unmatched.matching).toBe(10);

    const within = chooseTargets(candidates, '', 50, 'a3');
    expect(within.shown).toHaveLength(50);
  });

  it('keeps nobody who has left the list', () => {
    const choices = chooseTargets(candidatesFor([agent('b', 'Bob')]), '', 50, 'gone');
    expect(names(choices.shown)).toEqual(['Bob']);
  });

  it('says so when nothing matches', () => {
    expect(chooseTargets(candidatesFor([agent('b', 'Bob')]), 'xyz')).toEqual({ shown: [], matching: 0 });
  });
});
