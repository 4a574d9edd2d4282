import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../policy/defaults.ts';
import { resolveSettings } from '../policy/effective-settings.ts';
import type { StoredSession } from '../settings/session-settings.ts';
import type { EffectiveConfig } from './effective-config.ts';
import { liveSettingsOf, runTargetOf } from './run-config.ts';

const stored = (over: Partial<StoredSession> = {}): StoredSession => ({ connection: null, agent: { id: 'alice', name: 'Alice' }, chats: {}, wakeUp: false, ...over });
const config = (over: Partial<Settings> = {}): EffectiveConfig => {
  const settings = { ...DEFAULT_SETTINGS, ...over };
  return { settings, effective: resolveSettings(settings, {}, {}), problems: [] };
};

describe('runTargetOf', () => {
  it('needs no connection without a token service or an agent', () => {
    expect(runTargetOf(stored(), config({ tokenServiceUrl: '' })).kind).toBe('not-set-up');
    expect(runTargetOf(stored({ agent: null }), config()).kind).toBe('signed-out');
  });

  it('keeps the connection for switches, sound, timeout and CRM; not for where or as whom it connects', () => {
    const base = runTargetOf(stored(), config()).key;
    const same = [
      config({ sound: false, notifications: false, offerTimeoutSeconds: 60, crmAdapter: 'superoffice' }),
      config({ features: { managerTakeover: false, listenIn: false, createRequest: false } }),
    ];
    for (const next of same) expect(runTargetOf(stored(), next).key).toBe(base);
    const other = [
      runTargetOf(stored(), config({ tokenServiceUrl: 'https://tokens.example.com' })),
      runTargetOf(stored(), config({ realtimeEndpoint: 'hub.example.com' })),
      runTargetOf(stored(), config({ realtimePort: 9999 })),
      runTargetOf(stored(), config({ realtimeTls: !DEFAULT_SETTINGS.realtimeTls })),
      runTargetOf(stored({ agent: { id: 'bob', name: 'Bob' } }), config()),
    ];
    for (const target of other) expect(target.key).not.toBe(base);
  });
});

describe('liveSettingsOf', () => {
  it('offers Create request only with a CRM and the switch on', () => {
    expect(liveSettingsOf(config()).requestsAvailable).toBe(true);
    expect(liveSettingsOf(config({ features: { ...DEFAULT_SETTINGS.features, createRequest: false } })).requestsAvailable).toBe(false);
    const none = liveSettingsOf(config(), () => undefined);
    expect(none).toMatchObject({ crmAvailable: false, requestsAvailable: false, offerTimeoutMs: DEFAULT_SETTINGS.offerTimeoutSeconds * 1000 });
  });
});
