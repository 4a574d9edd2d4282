import { DEFAULT_CRM_MATCHES } from '../crm/crm-sites.ts';
import type { LocalePreference } from '../i18n/locale.ts';

// What Baton does when neither the organisation's policy nor the agent says otherwise.
// Local builds (`npm start`, tests, the demo) point at the local hub; release packages at
// Ably, with the token service left to the policy (docs/admin/policy.md).

// A generic webhook kind was designed once and removed (issue 15): no token-service signer backed it, and a kind
// the policy accepts must never silently do nothing. An old policy naming it is reported as a policy problem.
export const CRM_ADAPTERS = ['demo', 'superoffice'] as const;
export type CrmAdapterId = (typeof CRM_ADAPTERS)[number];

export const FEATURE_KEYS = ['managerTakeover', 'listenIn', 'createRequest'] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];
/** Organisation-wide switches; a person still needs the matching role claim from the token service. */
export type Features = Readonly<Record<FeatureKey, boolean>>;

export const SUPEROFFICE_AUTH = ['session', 'oauth'] as const;
export type SuperOfficeAuth = (typeof SUPEROFFICE_AUTH)[number];

export interface CrmAdapterSettings {
  /** The CRM's web address: SuperOffice's web client root, e.g. `https://online.superoffice.com/Cust12345/`. */
  readonly baseUrl?: string;
  /** SuperOffice's context identifier, e.g. `Cust12345`; with no baseUrl, means `https://online.superoffice.com/<tenantId>/`. */
  readonly tenantId?: string;
  /**
   * How Baton signs in to SuperOffice: `session` (default) with the agent's own web-client sign-in, through Baton's
   * content script in a SuperOffice tab; `oauth` with short-lived tokens the token service hands out.
   */
  readonly auth?: SuperOfficeAuth;
}

export interface Settings {
  /** Match patterns of the pages Baton's sidebar is placed on. */
  readonly crmSites: readonly string[];
  readonly tokenServiceUrl: string;
  /** ably-js `endpoint`: `main` for Ably, or a host name / IP address for a self-hosted hub. */
  readonly realtimeEndpoint: string;
  readonly realtimePort: number;
  readonly realtimeTls: boolean;
  readonly offerTimeoutSeconds: number;
  readonly notifications: boolean;
  readonly sound: boolean;
  readonly language: LocalePreference;
  readonly features: Features;
  readonly crmAdapter: CrmAdapterId;
  readonly crmAdapterSettings: CrmAdapterSettings;
}

export type SettingKey = keyof Settings;

/** The settings an agent may choose on the options page, unless the organisation locks them. */
export const AGENT_SETTING_KEYS = ['notifications', 'sound', 'language'] as const;
export type AgentSettingKey = (typeof AGENT_SETTING_KEYS)[number];

/**
 * An offer shorter than 15 s cannot be read and answered; one longer than 10 min leaves a
 * visitor waiting on someone who has gone. SuperOffice offers never expire; Salesforce
 * Omni-Channel sets a `pushTimeout` per routing configuration (shared/research/transfer-anchors.md).
 */
export const OFFER_TIMEOUT_SECONDS = { min: 15, max: 600 } as const;

const LOCAL_HUB_PORT = 8377;

/** The build Baton was made by: `release` for the packages admins host (`npm run zip`), anything else for the local stack. */
export type BuildMode = 'release' | 'local';

/**
 * Defaults per build. A release package reaches Ably (`main`, TLS) and has no token service
 * until the organisation's policy names one; every other build (npm start, tests, bench)
 * talks to the local hub and its token service on 127.0.0.1.
 */
export function defaultSettingsFor(mode: BuildMode): Settings {
  const release = mode === 'release';
  return {
    crmSites: DEFAULT_CRM_MATCHES,
    tokenServiceUrl: release ? '' : `http://127.0.0.1:${LOCAL_HUB_PORT}`,
    realtimeEndpoint: release ? 'main' : '127.0.0.1',
    realtimePort: release ? 443 : LOCAL_HUB_PORT,
    realtimeTls: release,
    offerTimeoutSeconds: 120,
    notifications: true,
    sound: false,
    language: 'auto',
    features: { managerTakeover: true, listenIn: true, createRequest: true },
    // SuperOffice is the reference CRM (issue 15). With no address in the policy, a local build talks to the local
    // server's SuperOffice stand-in (superoffice-tenant.ts); a release package waits for the policy to name one.
    crmAdapter: 'superoffice',
    crmAdapterSettings: {},
  };
}

// Vite replaces import.meta.env.MODE at build time (`wxt zip --mode release`); Node, which runs
// the server and scripts from the same sources, has no import.meta.env.
const buildMode = (import.meta as { env?: { MODE?: string } }).env?.MODE === 'release' ? 'release' : 'local';

export const DEFAULT_SETTINGS: Settings = defaultSettingsFor(buildMode);
