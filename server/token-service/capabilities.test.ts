import { describe, expect, it } from 'vitest';
import { parseUserClaim } from '../../lib/chat/roles.ts';
import { agentsChannelOf, lobbyChannelOf } from '../../lib/realtime/presence-shards.ts';
import { agentCapability, layoutClaims, roleClaims, visitorCapability } from './capabilities.ts';

describe('roleClaims', () => {
  it.each([
    ['agent', { kind: 'agent', manager: false, listener: false }],
    ['can-listen-in', { kind: 'agent', manager: false, listener: true }],
    ['manager', { kind: 'agent', manager: true, listener: true }],
    ['visitor', { kind: 'visitor', manager: false, listener: false }],
  ] as const)('%s reads back as the same role in the chat core', (role, expected) => {
    expect(parseUserClaim(roleClaims(role)['*'])).toEqual(expected);
  });
});

describe('capabilities over presence shards', () => {
  const layout = { shards: 20 };

  it('lets an agent be present on its own agents shard only, and read every shard', () => {
    const cap = agentCapability('alice', layout);
    const own = agentsChannelOf(layout, 'alice');
    expect(cap[own]).toEqual(['presence', 'subscribe']);
    expect(Object.entries(cap).filter(([, ops]) => ops.includes('presence')).map(([resource]) => resource)).toEqual([own]);
    expect(cap['agents:*']).toEqual(['subscribe']);
    expect(cap['lobby:*']).toEqual(['subscribe']);
  });

  it('lets a visitor enter its chat’s lobby shard only', () => {
    const cap = visitorCapability('chat123', layout);
    expect(Object.keys(cap).sort()).toEqual([lobbyChannelOf(layout, 'chat123'), 'chat:chat123'].sort());
  });

  it('keeps the previous version’s channels without a layout (the first step of a rolling update)', () => {
    expect(agentCapability('alice').agents).toEqual(['presence', 'subscribe']);
    expect(visitorCapability('chat123').lobby).toEqual(['presence']);
    expect(layoutClaims({ shards: null })).toEqual({});
    expect(layoutClaims(layout)).toEqual({ 'x-baton-shards': 20 });
  });
});
