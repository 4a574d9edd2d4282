import { describe, expect, it } from 'vitest';
import { formatUserClaim, parseUserClaim } from './roles.ts';

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
