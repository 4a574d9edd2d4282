import { afterEach, describe, expect, it } from 'vitest';
import { LEGACY_LAYOUT, shardCountFor, type PresenceLayout } from '../realtime/presence-shards.ts';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { startHeadlessAgent } from './headless-agent.ts';

// Ably refuses the 201st presence member of a channel (91003, every package). The previous version put every
// agent on one `agents` channel, so the 201st agent to sign in failed; sharded presence (presence-shards.ts)
// signs in all of them. Real sessions against the local hub with its default limits.
const AGENTS = 201;
const roster = Array.from({ length: AGENTS }, (_, i) => ({ id: `agent-${i}`, name: `Agent ${i}`, role: 'agent' as const }));

let server: LocalServer | undefined;
const stops: Array<() => void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
});

/** Signs in every agent of the roster in turn; the errors, by Ably code, of those whose session would not start. */
async function signInAll(layout: PresenceLayout): Promise<(number | undefined)[]> {
  server = await startLocalServer({ key: { keyName: 'limit.test', secret: 'limitsecret' }, port: 0, roster, presenceLayout: layout });
  const refused: (number | undefined)[] = [];
  for (let start = 0; start < AGENTS; start += 50) {
    await Promise.all(
      roster.slice(start, start + 50).map(async ({ id, name }) => {
        try {
          const agent = await startHeadlessAgent({ origin: server!.origin, port: server!.port, agentId: id, name });
          stops.push(agent.stop);
        } catch (error) {
          refused.push((error as { code?: number }).code);
        }
      }),
    );
  }
  return refused;
}

describe('201 agents', () => {
  it('the previous single agents channel refuses one of them with 91003', { timeout: 120_000 }, async () => {
    expect(await signInAll(LEGACY_LAYOUT)).toEqual([91003]);
  });

  it('sharded presence signs in every one', { timeout: 120_000 }, async () => {
    expect(shardCountFor(AGENTS)).toBe(3);
    expect(await signInAll({ shards: shardCountFor(AGENTS) })).toEqual([]);
  });
});
