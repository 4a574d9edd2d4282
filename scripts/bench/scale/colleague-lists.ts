import { allAgentsChannels } from '../../../lib/realtime/presence-shards.ts';
import { startHeadlessAgent, until } from '../../../lib/session/headless-agent.ts';
import type { Fail } from './failure-count.ts';
import { transferCandidates } from './hand-over.ts';
import { teamOf, type Seat } from './seats.ts';

interface ListSetting {
  origin: string;
  port: number;
  shards: number;
  fail: Fail;
}

/**
 * "Transfer to" for someone signing in now, timed two ways: their team, live, as a re-signed-in session lists it;
 * and the whole organisation, over REST presence on every agents shard. The probe is `seats[0]`, signed out and in
 * again (its seat gets the new session, so the caller's teardown stops it).
 */
export async function timeColleagueLists(seats: readonly Seat[], { origin, port, shards, fail }: ListSetting) {
  const probe = seats[0]!;
  const teamSize = teamOf(seats, probe.shard).filter((seat) => seat !== probe).length;
  probe.agent.stop();
  const probeStart = Date.now();
  probe.agent = await startHeadlessAgent({ origin, port, agentId: probe.id, name: 'Probe' });
  await until('the team listed', () => transferCandidates(probe.agent.snapshot()?.agents ?? [], probe.id).length + (probe.agent.snapshot()?.agents.filter((a) => a.status === 'away').length ?? 0) >= teamSize, 60_000).catch(fail('team list'));
  const teamListMs = Date.now() - probeStart;
  const token = await (await fetch(`${origin}/auth/agent?agentId=${probe.id}`)).text();
  const orgStart = Date.now();
  const members = await Promise.all(
    allAgentsChannels({ shards }).map(async (channel) => {
      const response = await fetch(`${origin}/channels/${encodeURIComponent(channel)}/presence?limit=1000`, { headers: { authorization: `Bearer ${btoa(token)}` } });
      const body: unknown = await response.json();
      return Array.isArray(body) ? body.length : 0;
    }),
  );
  const orgListMs = Date.now() - orgStart;
  return { teamListMs, teamSize, orgListMs, orgListed: members.reduce((sum, n) => sum + n, 0) };
}
