import { describe, expect, it } from 'vitest';
import { formatUserClaim, parseUserClaim, withFeatures } from './roles.ts';

describe('parseUserClaim', () => {
  it.each([
    ['agent', { kind: 'agent', manager: false, listener: false }],
    ['Agent', { kind: 'agent', manager: false, listener: false }],
    ['agent,listener', { kind: 'agent', manager: false, listener: true }],
    ['listener', { kind: 'agent', manager: false, listener: true }],
    ['manager', { kind: 'agent', manager: true, listener: true }],
    ['agent  manager', { kind: 'agent', manager: true, listener: true }],
    ['agent,future-role', { kind: 'agent', manager: false, listener: false }],
    ['visitor', { kind: 'visitor', manager: false, listener: false }],
    ['{"roles":["agent","manager"]}', { kind: 'agent', manager: true, listener: true }],
    ['{"role":"listener"}', { kind: 'agent', manager: false, listener: true }],
    ['{"role":"visitor"}', { kind: 'visitor', manager: false, listener: false }],
  ])('%s', (claim, roles) => {
    expect(parseUserClaim(claim)).toEqual(roles);
  });

  it.each([undefined, null, 7, '', ' ', 'admin', 'visitor,agent', 'visitor manager', '{"roles":"manager"}', '{"roles":', '[]', '{}', 'x'.repeat(600)])(
    'rejects %j',
    (claim) => {
      expect(parseUserClaim(claim)).toBeUndefined();
    },
  );

  it('formats what it parses', () => {
    for (const claim of ['agent', 'agent,listener', 'agent,listener,manager', 'visitor']) {
      const roles = parseUserClaim(claim);
      if (roles === undefined) throw new Error(claim);
      expect(formatUserClaim(roles)).toBe(claim);
    }
  });
});

describe('withFeatures', () => {
  const mia = { clientId: 'mia', kind: 'agent', manager: true, listener: true } as const;
  const lars = { clientId: 'lars', kind: 'agent', manager: false, listener: true } as const;
  const alice = { clientId: 'alice', kind: 'agent', manager: false, listener: false } as const;
  const all = { managerTakeover: true, listenIn: true };

  it('leaves the roles alone when every feature is on', () => {
    for (const who of [mia, lars, alice]) expect(withFeatures(who, all)).toEqual(who);
  });

  it('turns a manager into a listener without manager take-over', () => {
    expect(withFeatures(mia, { ...all, managerTakeover: false })).toEqual({ ...mia, manager: false, listener: true });
    expect(withFeatures(mia, { managerTakeover: false, listenIn: false })).toEqual({ ...mia, manager: false, listener: false });
  });

  it('takes listening in from listeners, not from managers, without listen-in', () => {
    expect(withFeatures(lars, { ...all, listenIn: false })).toEqual({ ...lars, listener: false });
    expect(withFeatures(mia, { ...all, listenIn: false })).toEqual(mia);
  });

  it('never gives a right the token did not', () => {
    expect(withFeatures(alice, all)).toEqual(alice);
  });
});
