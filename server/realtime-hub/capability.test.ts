import { describe, expect, it } from 'vitest';
import { allows, grantsAny, modesFor, parseCapability } from './capability.ts';
import { userClaimFor } from './credentials.ts';
import { ALL_MODES, Flag } from './protocol.ts';

describe('capabilities', () => {
  const cap = parseCapability(JSON.stringify({ 'chat:*': ['publish', 'subscribe'], lobby: ['presence'], 'inbox:ann': ['*'] }));

  it('matches exact names, namespace wildcards and *', () => {
    if (!cap) throw new Error('parse');
    expect(allows(cap, 'chat:1', 'publish')).toBe(true);
    expect(allows(cap, 'chatter', 'publish')).toBe(false);
    expect(allows(cap, 'lobby', 'subscribe')).toBe(false);
    expect(allows(cap, 'inbox:ann', 'history')).toBe(true);
    expect(grantsAny(cap, 'agents')).toBe(false);
    expect(modesFor(cap, 'lobby')).toBe(Flag.PRESENCE);
    expect(modesFor(cap, 'inbox:ann')).toBe(ALL_MODES);
    expect(allows(parseCapability('{"*":["*"]}') ?? new Map(), 'anything', 'publish')).toBe(true);
  });

  it('rejects malformed capability JSON', () => {
    expect(parseCapability('nope')).toBeUndefined();
    expect(parseCapability('{"a":"publish"}')).toBeUndefined();
    expect(parseCapability(42)).toBeUndefined();
  });

  it('picks the most specific user claim', () => {
    const claims = new Map([
      ['*', 'agent'],
      ['chat:*', 'listener'],
      ['chat:vip', 'manager'],
    ]);
    expect(userClaimFor(claims, 'chat:vip')).toBe('manager');
    expect(userClaimFor(claims, 'chat:1')).toBe('listener');
    expect(userClaimFor(claims, 'agents')).toBe('agent');
    expect(userClaimFor(new Map(), 'agents')).toBeUndefined();
  });
});

describe('capability wildcards match whole segments, as on Ably', () => {
  const grant = (resource: string) => parseCapability(JSON.stringify({ [resource]: ['subscribe'] })) ?? new Map();
  it('a * inside a segment is literal: chat:abc* does not reach chat:abcdef', () => {
    expect(allows(grant('chat:abc*'), 'chat:abcdef', 'subscribe')).toBe(false);
    expect(allows(grant('chat:abc*'), 'chat:abc*', 'subscribe')).toBe(true);
    expect(allows(grant('chat*'), 'chatter', 'subscribe')).toBe(false);
  });
  it('a final * segment matches one or more segments, never the bare namespace', () => {
    expect(allows(grant('chat:*'), 'chat:1', 'subscribe')).toBe(true);
    expect(allows(grant('chat:*'), 'chat:1:typing', 'subscribe')).toBe(true);
    expect(allows(grant('chat:*'), 'chat', 'subscribe')).toBe(false);
    expect(allows(grant('chat:*:typing'), 'chat:1:typing', 'subscribe')).toBe(true);
    expect(allows(grant('chat:*:typing'), 'chat:1:2:typing', 'subscribe')).toBe(false);
  });
});
