import { describe, expect, it } from 'vitest';
import { parseUserClaim } from '../../lib/chat/roles.ts';
import { roleClaims } from './capabilities.ts';

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
