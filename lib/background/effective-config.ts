import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, type Settings } from '../policy/defaults.ts';
import { resolveSettings, settingValues, type EffectiveSettings } from '../policy/effective-settings.ts';
import type { PolicyProblem } from '../policy/policy-problem.ts';
import { readPolicy } from '../policy/read-policy.ts';
import { AGENT_CHOICE_KEYS } from '../policy/agent-choices.ts';
import type { ConnectionSettings } from '../realtime/connection-settings.ts';

export interface EffectiveConfig {
  effective: EffectiveSettings;
  settings: Settings;
  problems: readonly PolicyProblem[];
}

/**
 * The settings Baton runs with: the admin's policy over the agent's choices over the
 * defaults. A developer's `connection` override in storage.local (tests, a hub on
 * another port) replaces the connection defaults, never a managed value.
 */
export async function readEffectiveConfig(localConnection: ConnectionSettings | null): Promise<EffectiveConfig> {
  const [parsed, choices] = await Promise.all([readPolicy(), browser.storage.local.get([...AGENT_CHOICE_KEYS])]);
  const defaults: Settings = localConnection
    ? {
        ...DEFAULT_SETTINGS,
        tokenServiceUrl: localConnection.tokenServiceUrl,
        realtimeEndpoint: localConnection.realtimeEndpoint ?? 'main',
        realtimePort: localConnection.realtimePort ?? DEFAULT_SETTINGS.realtimePort,
        realtimeTls: localConnection.tls,
      }
    : DEFAULT_SETTINGS;
  const effective = resolveSettings(defaults, choices, parsed.policy);
  return { effective, settings: settingValues(effective), problems: parsed.problems };
}

/** What the realtime client needs. Ably's own endpoint (`main`) takes no port: ably-js picks it. */
export function connectionFrom(settings: Settings, agentId: string | undefined): ConnectionSettings {
  const ably = settings.realtimeEndpoint === 'main';
  return {
    tokenServiceUrl: settings.tokenServiceUrl,
    tls: settings.realtimeTls,
    ...(ably ? {} : { realtimeEndpoint: settings.realtimeEndpoint, realtimePort: settings.realtimePort }),
    ...(agentId ? { agentId } : {}),
  };
}
