import { describe, expect, it } from 'vitest';
import { connectionErrorCode } from './connection-error.ts';

describe('connectionErrorCode', () => {
  it('names what an agent can act on from Ably\'s error codes', () => {
    expect(connectionErrorCode({ code: 40141 })).toBe('token-revoked');
    expect(connectionErrorCode({ code: 80019 })).toBe('token-service');
    expect(connectionErrorCode({ code: 40170 })).toBe('token-service');
    expect(connectionErrorCode({ code: 40142 })).toBe('sign-in-refused');
    expect(connectionErrorCode({ code: 40101 })).toBe('sign-in-refused');
  });

  it('says nothing more than the phase for other codes and for no or bad codes', () => {
    expect(connectionErrorCode({ code: 80003 })).toBeUndefined();
    expect(connectionErrorCode({ code: 40200 })).toBeUndefined();
    expect(connectionErrorCode({ code: '40141' })).toBeUndefined();
    expect(connectionErrorCode(null)).toBeUndefined();
    expect(connectionErrorCode(undefined)).toBeUndefined();
  });
});
