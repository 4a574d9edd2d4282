import * as v from 'valibot';
import { SUPPORTED_LOCALES, type LocalePreference } from '../i18n/locale.ts';
import {
  CRM_ADAPTERS,
  FEATURE_KEYS,
  OFFER_TIMEOUT_SECONDS,
  SUPEROFFICE_AUTH,
  type CrmAdapterId,
  type CrmAdapterSettings,
  type Features,
} from './defaults.ts';
import { MATCH_PATTERN_HINT, matchPatternError } from './match-pattern.ts';
import { MAX_REPORTED_PROBLEMS, problem, type PolicyProblem, type PolicyProblemReason } from './policy-problem.ts';

// The organisation's managed policy as Baton understands it, read key by key: one bad
// value costs that key only (Baton keeps its default and reports it), never the rest.
// Chrome has already dropped values whose JSON type contradicts public/managed_schema.json
// before Baton sees them (developer.chrome.com/docs/extensions/reference/manifest/storage);
// Firefox applies no schema at all, so every check here matters there.

/** Only the keys the admin set, and set well. */
export interface Policy {
  readonly crmSites?: readonly string[];
  readonly tokenServiceUrl?: string;
  readonly realtimeEndpoint?: string;
  readonly realtimePort?: number;
  readonly realtimeTls?: boolean;
  readonly offerTimeoutSeconds?: number;
  readonly notifications?: boolean;
  readonly allowAgentToChangeNotifications?: boolean;
  readonly sound?: boolean;
  readonly allowAgentToChangeSound?: boolean;
  readonly language?: LocalePreference;
  readonly allowAgentToChangeLanguage?: boolean;
  readonly features?: Partial<Features>;
  readonly crmAdapter?: CrmAdapterId;
  readonly crmAdapterSettings?: CrmAdapterSettings;
}

export type PolicyKey = keyof Policy;

export interface ParsedPolicy {
  readonly policy: Policy;
  readonly problems: readonly PolicyProblem[];
}

export const MAX_CRM_SITES = 100;
const MAX_URL_LENGTH = 2048;

type MutablePolicy = { -readonly [K in PolicyKey]?: Policy[K] };
type Rule<T> = { readonly schema: v.GenericSchema<unknown, T>; readonly expected: string };

const httpUrl: Rule<string> = {
  schema: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH), v.url(), v.regex(/^https?:\/\//i)),
  expected: 'http:// or https:// URL',
};
const flag: Rule<boolean> = { schema: v.boolean(), expected: 'boolean' };

// ably-js `endpoint`: "a routing policy or FQDN" (ably.d.ts ClientOptions.endpoint), so `main`
// for Ably itself or a host name / IPv4 address for a self-hosted hub. No scheme, port or path.
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

type ScalarKey = Exclude<PolicyKey, 'crmSites' | 'features' | 'crmAdapterSettings'>;

const SCALAR_RULES: { readonly [K in ScalarKey]: Rule<NonNullable<Policy[K]>> } = {
  tokenServiceUrl: httpUrl,
  realtimeEndpoint: { schema: v.pipe(v.string(), v.maxLength(253), v.regex(HOST)), expected: 'host name, IP address or "main"' },
  realtimePort: { schema: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)), expected: 'integer 1–65535' },
  realtimeTls: flag,
  offerTimeoutSeconds: {
    schema: v.pipe(v.number(), v.integer(), v.minValue(OFFER_TIMEOUT_SECONDS.min), v.maxValue(OFFER_TIMEOUT_SECONDS.max)),
    expected: `integer ${OFFER_TIMEOUT_SECONDS.min}–${OFFER_TIMEOUT_SECONDS.max}`,
  },
  notifications: flag,
  allowAgentToChangeNotifications: flag,
  sound: flag,
  allowAgentToChangeSound: flag,
  language: { schema: v.picklist(['auto', ...SUPPORTED_LOCALES]), expected: ['auto', ...SUPPORTED_LOCALES].join(' | ') },
  allowAgentToChangeLanguage: flag,
  crmAdapter: { schema: v.picklist(CRM_ADAPTERS), expected: CRM_ADAPTERS.join(' | ') },
};

const ADAPTER_SETTING_RULES: { readonly [K in keyof CrmAdapterSettings]-?: Rule<NonNullable<CrmAdapterSettings[K]>> } = {
  baseUrl: httpUrl,
  // SuperOffice Online tenants appear in the web client's path, e.g. online.superoffice.com/Cust12345/.
  tenantId: { schema: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)), expected: 'letters, digits, _ or -, up to 64' },
  auth: { schema: v.picklist(SUPEROFFICE_AUTH), expected: SUPEROFFICE_AUTH.join(' | ') },
};

/** Every top-level key Baton reads; anything else in the policy is reported as unknown. */
export const POLICY_KEYS: readonly PolicyKey[] = [...(Object.keys(SCALAR_RULES) as ScalarKey[]), 'crmSites', 'features', 'crmAdapterSettings'];

/** Reads a raw `storage.managed` object. Never throws; whatever is wrong ends up in `problems`. */
export function parsePolicy(raw: unknown): ParsedPolicy {
  try {
    return parseRecord(raw);
  } catch {
    // Only a hostile object (a throwing getter or Proxy) gets here; storage hands out plain clones.
    return { policy: {}, problems: [problem('*', 'malformed', '[unreadable]', 'object')] };
  }
}

function parseRecord(raw: unknown): ParsedPolicy {
  const problems = boundedList<PolicyProblem>(MAX_REPORTED_PROBLEMS);
  const policy: MutablePolicy = {};
  if (raw === undefined || raw === null) return { policy, problems: problems.items };
  if (!isRecord(raw)) {
    problems.push(problem('*', 'wrong-type', raw, 'object'));
    return { policy, problems: problems.items };
  }
  for (const key of Object.keys(raw)) {
    if (!(POLICY_KEYS as readonly string[]).includes(key)) problems.push(problem(key, 'unknown-key', raw[key]));
  }
  for (const key of Object.keys(SCALAR_RULES) as ScalarKey[]) {
    if (!Object.hasOwn(raw, key)) continue;
    readScalar(policy, key, raw[key], problems.push);
  }
  const crmSites = Object.hasOwn(raw, 'crmSites') ? readCrmSites(raw.crmSites, problems.push) : undefined;
  if (crmSites) policy.crmSites = crmSites;
  const features = Object.hasOwn(raw, 'features') ? readFeatures(raw.features, problems.push) : undefined;
  if (features) policy.features = features;
  const adapterSettings = Object.hasOwn(raw, 'crmAdapterSettings') ? readAdapterSettings(raw.crmAdapterSettings, problems.push) : undefined;
  if (adapterSettings) policy.crmAdapterSettings = adapterSettings;
  // A CRM kind that cannot work must say so on the options page, never leave Link to person silently empty.
  if (policy.crmAdapter === 'superoffice' && !adapterSettings?.baseUrl && !adapterSettings?.tenantId) {
    problems.push(problem('crmAdapterSettings', 'missing', raw.crmAdapterSettings, 'baseUrl or tenantId: where SuperOffice is'));
  }
  return { policy, problems: problems.items };
}

type Report = (problem: PolicyProblem) => void;

function readScalar<K extends ScalarKey>(policy: MutablePolicy, key: K, value: unknown, report: Report): void {
  const rule: Rule<NonNullable<Policy[K]>> = SCALAR_RULES[key];
  const read = readRule(key, value, rule, report);
  if (read !== undefined) policy[key] = read;
}

function readRule<T>(key: string, value: unknown, rule: Rule<T>, report: Report): T | undefined {
  const result = v.safeParse(rule.schema, value);
  if (result.success) return result.output;
  report(problem(key, reasonFor(result.issues[0]), value, rule.expected));
  return undefined;
}

function reasonFor(issue: v.BaseIssue<unknown> | undefined): PolicyProblemReason {
  switch (issue?.type) {
    case 'picklist':
      return 'not-allowed';
    case 'min_value':
    case 'max_value':
      return 'out-of-range';
    case 'max_length':
      return 'too-long';
    case 'url':
    case 'regex':
      return 'malformed';
    default:
      // Schema issues (a string where a number belongs) and `integer` (1.5 for a whole number).
      return 'wrong-type';
  }
}

/**
 * Malformed patterns are dropped one by one. An empty list is the admin's way of saying
 * "nowhere"; a list with nothing usable left falls back to the default instead, so a typo
 * does not silently switch Baton off for everyone.
 */
function readCrmSites(value: unknown, report: Report): readonly string[] | undefined {
  if (!Array.isArray(value)) {
    report(problem('crmSites', 'wrong-type', value, 'list of match patterns'));
    return undefined;
  }
  if (value.length > MAX_CRM_SITES) report(problem('crmSites', 'too-long', `${value.length} entries`, `at most ${MAX_CRM_SITES}`));
  const sites: string[] = [];
  for (const [index, entry] of value.slice(0, MAX_CRM_SITES).entries()) {
    const key = `crmSites[${index}]`;
    if (typeof entry !== 'string') {
      report(problem(key, 'wrong-type', entry, 'match pattern string'));
      continue;
    }
    const error = matchPatternError(entry);
    if (error) report(problem(key, error === 'too-long' ? 'too-long' : 'malformed', entry, MATCH_PATTERN_HINT));
    else if (!sites.includes(entry)) sites.push(entry);
  }
  return sites.length > 0 || value.length === 0 ? sites : undefined;
}

function readFeatures(value: unknown, report: Report): Partial<Features> | undefined {
  if (!isRecord(value)) {
    report(problem('features', 'wrong-type', value, `object with ${FEATURE_KEYS.join(', ')}`));
    return undefined;
  }
  const features: { -readonly [K in keyof Features]?: boolean } = {};
  for (const key of Object.keys(value)) {
    if (!(FEATURE_KEYS as readonly string[]).includes(key)) report(problem(`features.${key}`, 'unknown-key', value[key]));
  }
  for (const key of FEATURE_KEYS) {
    if (!Object.hasOwn(value, key)) continue;
    const enabled = readRule(`features.${key}`, value[key], flag, report);
    if (enabled !== undefined) features[key] = enabled;
  }
  return Object.keys(features).length > 0 ? features : undefined;
}

function readAdapterSettings(value: unknown, report: Report): CrmAdapterSettings | undefined {
  if (!isRecord(value)) {
    report(problem('crmAdapterSettings', 'wrong-type', value, 'object with baseUrl, tenantId, auth'));
    return undefined;
  }
  const keys = Object.keys(ADAPTER_SETTING_RULES) as (keyof CrmAdapterSettings)[];
  for (const key of Object.keys(value)) {
    if (!(keys as string[]).includes(key)) report(problem(`crmAdapterSettings.${key}`, 'unknown-key', value[key]));
  }
  const settings: { -readonly [K in keyof CrmAdapterSettings]?: CrmAdapterSettings[K] } = {};
  const read = <K extends keyof CrmAdapterSettings>(key: K) => {
    if (!Object.hasOwn(value, key)) return;
    // TypeScript cannot narrow a mapped type by a generic key; the rules object is typed per key above.
    const rule = ADAPTER_SETTING_RULES[key] as Rule<NonNullable<CrmAdapterSettings[K]>>;
    const setting = readRule(`crmAdapterSettings.${key}`, value[key], rule, report);
    if (setting !== undefined) settings[key] = setting;
  };
  for (const key of keys) read(key);
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boundedList<T>(limit: number): { readonly items: T[]; readonly push: (item: T) => void } {
  const items: T[] = [];
  return { items, push: (item) => void (items.length < limit && items.push(item)) };
}
