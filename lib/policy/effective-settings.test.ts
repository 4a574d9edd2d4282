import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './defaults.ts';
import { resolveSettings, settingValues, type Effective } from './effective-settings.ts';
import type { Policy } from './policy-schema.ts';

const managedLocked = <T>(value: T): Effective<T> => ({ value, source: 'managed', locked: true });
const managedOpen = <T>(value: T): Effective<T> => ({ value, source: 'managed', locked: false });
const agent = <T>(value: T): Effective<T> => ({ value, source: 'agent', locked: false });
const byDefault = <T>(value: T): Effective<T> => ({ value, source: 'default', locked: false });

describe('resolveSettings: agent settings', () => {
  // Default for notifications is true; the admin value and the agent's choice are both false,
  // so every row shows which of the three won.
  it.each<[string, Policy, unknown, Effective<boolean>]>([
    ['nothing set', {}, {}, byDefault(true)],
    ['agent only', {}, { notifications: false }, agent(false)],
    ['admin value, nothing about changing: locked', { notifications: false }, {}, managedLocked(false)],
    ['admin value beats the agent when locked by omission', { notifications: false }, { notifications: true }, managedLocked(false)],
    ['admin value, explicitly locked', { notifications: false, allowAgentToChangeNotifications: false }, { notifications: true }, managedLocked(false)],
    ['admin value as a default agents may change', { notifications: false, allowAgentToChangeNotifications: true }, {}, managedOpen(false)],
    ['agent overrides an admin default', { notifications: false, allowAgentToChangeNotifications: true }, { notifications: true }, agent(true)],
    ['admin locks Baton’s default', { allowAgentToChangeNotifications: false }, { notifications: false }, managedLocked(true)],
    ['admin allows, sets no value', { allowAgentToChangeNotifications: true }, { notifications: false }, agent(false)],
    ['junk agent choice is no choice', { notifications: false, allowAgentToChangeNotifications: true }, { notifications: 'off' }, managedOpen(false)],
    ['junk agent record', {}, 'garbage', byDefault(true)],
    ['missing agent record', {}, undefined, byDefault(true)],
  ])('%s', (_name, policy, choices, expected) => {
    expect(resolveSettings(DEFAULT_SETTINGS, choices, policy).notifications).toEqual(expected);
  });

  it('resolves sound and language with their own allow flags', () => {
    const policy: Policy = { sound: true, allowAgentToChangeSound: true, language: 'da', allowAgentToChangeLanguage: false, allowAgentToChangeNotifications: false };
    const effective = resolveSettings(DEFAULT_SETTINGS, { sound: false, language: 'en', notifications: false }, policy);
    expect(effective.sound).toEqual(agent(false));
    expect(effective.language).toEqual(managedLocked('da'));
    expect(effective.notifications).toEqual(managedLocked(true));
  });

  it("takes 'auto' as a real language choice", () => {
    const effective = resolveSettings(DEFAULT_SETTINGS, { language: 'auto' }, { language: 'da', allowAgentToChangeLanguage: true });
    expect(effective.language).toEqual(agent('auto'));
    expect(resolveSettings(DEFAULT_SETTINGS, { language: 'fr' }, {}).language).toEqual(byDefault('auto'));
  });
});

describe('resolveSettings: settings only policy sets', () => {
  it('uses defaults when there is no policy', () => {
    const effective = resolveSettings(DEFAULT_SETTINGS, {}, {});
    expect(effective.crmSites).toEqual(byDefault(['http://127.0.0.1/*', 'http://localhost/*']));
    expect(effective.offerTimeoutSeconds).toEqual(byDefault(120));
    expect(effective.features.listenIn).toEqual(byDefault(true));
    expect(settingValues(effective)).toEqual(DEFAULT_SETTINGS);
  });

  it('locks whatever the policy sets, feature by feature', () => {
    const effective = resolveSettings(DEFAULT_SETTINGS, {}, {
      crmSites: [],
      realtimeEndpoint: 'main',
      realtimeTls: true,
      features: { listenIn: false },
      crmAdapter: 'superoffice',
      crmAdapterSettings: { tenantId: 'Cust1' },
    });
    expect(effective.crmSites).toEqual(managedLocked([]));
    expect(effective.realtimeEndpoint).toEqual(managedLocked('main'));
    expect(effective.realtimePort).toEqual(byDefault(8377));
    expect(effective.features).toEqual({
      managerTakeover: byDefault(true),
      listenIn: managedLocked(false),
      createRequest: byDefault(true),
    });
    expect(effective.crmAdapterSettings).toEqual(managedLocked({ tenantId: 'Cust1' }));
  });

  it('ignores agent choices for settings agents cannot make', () => {
    const effective = resolveSettings(DEFAULT_SETTINGS, { crmSites: ['https://evil.example/*'], offerTimeoutSeconds: 5 }, {});
    expect(settingValues(effective)).toEqual(DEFAULT_SETTINGS);
  });
});
