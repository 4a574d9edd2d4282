import { afterEach, describe, expect, it } from 'vitest';
import { agentsChannelOf } from '../realtime/presence-shards.ts';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { startHeadlessAgent, until } from './headless-agent.ts';

// "Transfer to" lists every Present colleague, whatever their team (issue 18): an agent follows only its own
// `agents:{k}` shard all day, and the other teams while the dialog is open (the `watch-colleagues` command).
// Real sessions and commands against the local hub with Ably's limits, on four shards.
const layout = { shards: 4 };
const roster = Array.from({ length: 12 }, (_, i) => ({ id: `agent-${i}`, name: `Agent ${i}`, role: 'agent' as const }));

let server: LocalServer | undefined;
const stops: Array<() => void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
});

describe('"Transfer to" across presence shards', () => {
  it('lists only my team until the dialog opens, then every Present colleague, live', { timeout: 60_000 }, async () => {
    server = await startLocalServer({ key: { keyName: 'shards.test', secret: 'shardsecret' }, port: 0, roster, presenceLayout: layout });
    const agents = [];
    for (const { id, name } of roster) {
      const agent = await startHeadlessAgent({ origin: server.origin, port: server.port, agentId: id, name });
      stops.push(agent.stop);
      agents.push(agent);
    }
    const [me, ...others] = agents;
    const myShard = agentsChannelOf(layout, me!.me.clientId);
    const team = others.filter((agent) => agentsChannelOf(layout, agent.me.clientId) === myShard);
    const elsewhere = others.filter((agent) => agentsChannelOf(layout, agent.me.clientId) !== myShard);
    expect(elsewhere.length).toBeGreaterThan(0);
    const listed = () => new Set((me!.snapshot()?.agents ?? []).filter((a) => a.status === 'present').map((a) => a.clientId));

    await until('my team listed', () => team.every((agent) => listed().has(agent.me.clientId)));
    expect(elsewhere.some((agent) => listed().has(agent.me.clientId))).toBe(false);

    await me!.handle({ type: 'watch-colleagues' });
    await until('every colleague listed', () => others.every((agent) => listed().has(agent.me.clientId)), 10_000);

    // Live while open: a colleague of another team goes Away and leaves the list of Present agents.
    const far = elsewhere[0]!;
    await far.handle({ type: 'set-status', status: 'away' });
    await until('the colleague gone Away', () => !listed().has(far.me.clientId), 5_000);
  });
});
