import type { CrmAdapter } from '../crm/crm-adapter.ts';
import type { StoredSession } from '../settings/session-settings.ts';
import { crmAdapterFor } from './crm-adapter-for.ts';
import { connectionFrom, type EffectiveConfig } from './effective-config.ts';

// What a session run depends on, split by what a change costs. The connection (token service, realtime
// endpoint, the agent) needs a new connection and sign-in; everything else (feature switches, offer timeout,
// CRM adapter, sound, notifications) is applied to the running session in place (session-run.ts).

export const NOT_SET_UP = "unable to connect; Baton is not set up yet: your organization's policy must name its token service (tokenServiceUrl)";

/** What the run needs a connection for; two configs with the same key share one connection. */
export type RunTarget =
  | { kind: 'not-set-up'; key: string }
  | { kind: 'signed-out'; key: string }
  | { kind: 'connect'; key: string; agentId: string };

export function runTargetOf(stored: StoredSession, config: EffectiveConfig): RunTarget {
  const { settings } = config;
  if (settings.tokenServiceUrl === '') return { kind: 'not-set-up', key: 'not-set-up' };
  const agentId = stored.agent?.id ?? stored.connection?.agentId;
  if (!agentId) return { kind: 'signed-out', key: 'signed-out' };
  return { kind: 'connect', key: JSON.stringify(['connect', connectionFrom(settings, agentId)]), agentId };
}

/** The settings a running session takes in place. */
export interface LiveSettings {
  offerTimeoutMs: number;
  features: { managerTakeover: boolean; listenIn: boolean };
  crm: CrmAdapter | undefined;
  /** Whether the policy names a CRM adapter; every snapshot carries it, whoever made it. */
  crmAvailable: boolean;
  /** The policy's `features.createRequest`, with a CRM to create it in. */
  requestsAvailable: boolean;
}

export function liveSettingsOf(config: EffectiveConfig, crmFor: typeof crmAdapterFor = crmAdapterFor): LiveSettings {
  const { settings } = config;
  const crm = crmFor(settings);
  return {
    offerTimeoutMs: settings.offerTimeoutSeconds * 1000,
    features: { managerTakeover: settings.features.managerTakeover, listenIn: settings.features.listenIn },
    crm,
    crmAvailable: crm !== undefined,
    requestsAvailable: crm !== undefined && settings.features.createRequest,
  };
}
