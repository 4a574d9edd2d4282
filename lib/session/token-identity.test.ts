import { describe, expect, it } from 'vitest';
import { identityFromToken } from './token-identity.ts';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${encode({ alg: 'HS256', kid: 'k' })}.${encode(claims)}.signature`;

describe('identityFromToken', () => {
  it('reads the agent and the role claim', () => {
    expect(identityFromToken(jwt({ 'x-ably-clientId': 'mia', 'ably.channel.*': 'agent,listener,manager' }))).toEqual({
      clientId: 'mia',
      kind: 'agent',
      manager: true,
      listener: true,
    });
  });

  it('handles non-ASCII names in the payload', () => {
    expect(identityFromToken(jwt({ 'x-ably-clientId': 'søren', 'ably.channel.*': 'agent' }))?.clientId).toBe('søren');
  });

  it.each([
    ['not a jwt', 'garbage'],
    ['bad base64', 'a.%%%.c'],
    ['a visitor token', jwt({ 'x-ably-clientId': 'visitor:1', 'ably.channel.*': 'visitor' })],
    ['no role', jwt({ 'x-ably-clientId': 'bob' })],
    ['no client id', jwt({ 'ably.channel.*': 'agent' })],
  ])('refuses %s', (_, token) => {
    expect(identityFromToken(token)).toBeUndefined();
  });
});
