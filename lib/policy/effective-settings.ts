import { parseAgentChoices } from './agent-choices.ts';
import {
  FEATURE_KEYS,
  type AgentSettingKey,
  type FeatureKey,
  type Features,
  type Settings,
} from './defaults.ts';
import type { Policy, PolicyKey } from './policy-schema.ts';

// Which value wins, and who the options page says it comes from. Precedence, highest first:
//   1. the organisation's value when it is locked,
//   2. the agent's own choice,
//   3. the organisation's value when agents may change it (it acts as their default),
//   4. Baton's default.
// An agent setting is locked when the policy says `allowAgentToChange<Setting>: false`, or
// when the policy sets the value and says nothing about changing it: "what the policy sets,
// the agent sees as managed by your organization and cannot change" (shared/design/product.md).
// Settings only policy can set (sites, endpoints, features, …) are locked exactly when managed.

export type SettingSource = 'default' | 'agent' | 'managed';

export interface Effective<T> {
  readonly value: T;
  readonly source: SettingSource;
  /** The organisation fixed this value; the agent's choice, if any, is ignored. */
  readonly locked: boolean;
}

export type EffectiveSettings = { readonly [K in Exclude<keyof Settings, 'features'>]: Effective<Settings[K]> } & {
  readonly features: { readonly [F in FeatureKey]: Effective<boolean> };
};

const ALLOW_KEYS = {
  notifications: 'allowAgentToChangeNotifications',
  sound: 'allowAgentToChangeSound',
  language: 'allowAgentToChangeLanguage',
} as const satisfies Record<AgentSettingKey, PolicyKey>;

/** Pure. `agentChoices` is the raw storage.local record and is parsed here, so junk in it is simply no choice. */
export function resolveSettings(defaults: Settings, agentChoices: unknown, policy: Policy): EffectiveSettings {
  const choices = parseAgentChoices(agentChoices);
  const agentSetting = <K extends AgentSettingKey>(key: K): Effective<Settings[K]> => {
    const managed = policy[key] as Settings[K] | undefined;
    const allow = policy[ALLOW_KEYS[key]];
    const chosen = choices[key] as Settings[K] | undefined;
    if (allow === false || (allow === undefined && managed !== undefined)) {
      return { value: managed ?? defaults[key], source: 'managed', locked: true };
    }
    if (chosen !== undefined) return { value: chosen, source: 'agent', locked: false };
    return managed === undefined ? fromDefault(defaults[key]) : { value: managed, source: 'managed', locked: false };
  };
  const adminSetting = <T>(managed: T | undefined, fallback: T): Effective<T> =>
    managed === undefined ? fromDefault(fallback) : { value: managed, source: 'managed', locked: true };

  const features = Object.fromEntries(
    FEATURE_KEYS.map((key) => [key, adminSetting(policy.features?.[key], defaults.features[key])]),
  ) as { [F in FeatureKey]: Effective<boolean> };

  return {
    crmSites: adminSetting(policy.crmSites, defaults.crmSites),
    tokenServiceUrl: adminSetting(policy.tokenServiceUrl, defaults.tokenServiceUrl),
    realtimeEndpoint: adminSetting(policy.realtimeEndpoint, defaults.realtimeEndpoint),
    realtimePort: adminSetting(policy.realtimePort, defaults.realtimePort),
    realtimeTls: adminSetting(policy.realtimeTls, defaults.realtimeTls),
    offerTimeoutSeconds: adminSetting(policy.offerTimeoutSeconds, defaults.offerTimeoutSeconds),
    notifications: agentSetting('notifications'),
    sound: agentSetting('sound'),
    language: agentSetting('language'),
    features,
    crmAdapter: adminSetting(policy.crmAdapter, defaults.crmAdapter),
    crmAdapterSettings: adminSetting(policy.crmAdapterSettings, defaults.crmAdapterSettings),
  };
}

/** The plain values, for code that only needs to act on them. */
export function settingValues(effective: EffectiveSettings): Settings {
  const features = Object.fromEntries(FEATURE_KEYS.map((key) => [key, effective.features[key].value])) as Features;
  const { crmSites, tokenServiceUrl, realtimeEndpoint, realtimePort, realtimeTls, offerTimeoutSeconds } = effective;
  return {
    crmSites: crmSites.value,
    tokenServiceUrl: tokenServiceUrl.value,
    realtimeEndpoint: realtimeEndpoint.value,
    realtimePort: realtimePort.value,
    realtimeTls: realtimeTls.value,
    offerTimeoutSeconds: offerTimeoutSeconds.value,
    notifications: effective.notifications.value,
    sound: effective.sound.value,
    language: effective.language.value,
    features,
    crmAdapter: effective.crmAdapter.value,
    crmAdapterSettings: effective.crmAdapterSettings.value,
  };
}

function fromDefault<T>(value: T): Effective<T> {
  return { value, source: 'default', locked: false };
}
