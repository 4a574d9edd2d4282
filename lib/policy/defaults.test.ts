import { describe, expect, it } from 'vitest';
import { connectionFrom } from '../background/effective-config.ts';
import { defaultSettingsFor, DEFAULT_SETTINGS } from './defaults.ts';

describe('defaultSettingsFor', () => {
  it('points a release package at Ably over TLS, with no token service until the policy names one', () => {
    const release = defaultSettingsFor('release');
    expect(connectionFrom(release, 'alice')).toEqual({ tokenServiceUrl: '', tls: true, agentId: 'alice' });
  });

  it('points every other build at the local hub and its token service', () => {
    const local = defaultSettingsFor('local');
    expect(connectionFrom(local, undefined)).toEqual({ tokenServiceUrl: 'http://127.0.0.1:8377', tls: false, realtimeEndpoint: '127.0.0.1', realtimePort: 8377 });
    // Tests and `npm start` build in a mode other than release.
    expect(DEFAULT_SETTINGS).toEqual(local);
  });

  it('differs only in where Baton connects', () => {
    const { tokenServiceUrl: _a, realtimeEndpoint: _b, realtimePort: _c, realtimeTls: _d, ...release } = defaultSettingsFor('release');
    const { tokenServiceUrl: _e, realtimeEndpoint: _f, realtimePort: _g, realtimeTls: _h, ...local } = defaultSettingsFor('local');
    expect(release).toEqual(local);
  });
});
