import { describe, expect, it } from 'vitest';
import { perAgentHour } from './scale-result.ts';
import { runScale } from './simulation.ts';

// The short version of `npm run bench:scale` that `npm test` runs: 100 agents with the real session code and
// 100 live chats on the local hub with its default limits, 4 simulated minutes at 30× time (~8 s). No timing
// is asserted (the machine is shared); what must hold is no error at all, every action taken, and every
// colleague listed.
describe('scale simulation, 100 agents', () => {
  it('runs pick-ups, transfers, ends and Away without a single error, and counts Ably messages', { timeout: 120_000 }, async () => {
    const result = await runScale({ agents: 100, speed: 30, measureMinutes: 4 });
    expect(result.errors).toEqual({});
    expect(result.failures).toEqual({});
    expect(result.agents).toBe(100);
    expect(result.liveChats).toBeGreaterThan(80);
    expect(result.actions.ends).toBeGreaterThan(10);
    expect(result.actions.messages).toBeGreaterThan(100);
    expect(result.orgListed).toBe(100);
    expect(result.teamSize).toBe(99);
    const rate = perAgentHour(result);
    expect(rate.inbound).toBeGreaterThan(0);
    expect(rate.outbound).toBeGreaterThan(rate.inbound);
  });
});
