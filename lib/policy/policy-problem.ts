// One vocabulary for what can be wrong with an organisation's policy. The options page
// translates `reason`; `key`, `value` and `expected` are shown as written, because the
// admin has to find the same text in their registry, profile or JSON file.

export const POLICY_PROBLEM_REASONS = [
  /** The key is not part of Baton's schema (a typo, or a key from a newer Baton). */
  'unknown-key',
  /** The value has the wrong JSON type (a string where a number belongs, …). */
  'wrong-type',
  /** A number outside the allowed range. */
  'out-of-range',
  /** A string that is not one of the allowed choices. */
  'not-allowed',
  /** A URL, host name or match pattern that does not parse. */
  'malformed',
  /** A string or list longer than Baton accepts; lists keep their first entries. */
  'too-long',
  /** A setting that the chosen one needs is absent (crmAdapter `superoffice` without baseUrl or tenantId). */
  'missing',
  /** Managed storage could not be read at all (e.g. Firefox without any policy). */
  'unavailable',
] as const;
export type PolicyProblemReason = (typeof POLICY_PROBLEM_REASONS)[number];

export interface PolicyProblem {
  /** The policy key, dotted for nested keys and indexed for lists: `features.listenIn`, `crmSites[2]`. */
  readonly key: string;
  readonly reason: PolicyProblemReason;
  /** The offending value as short, printable text (never the value itself: it may be huge or hostile). */
  readonly value: string;
  /** What would have been accepted, e.g. `integer 15–600`. */
  readonly expected?: string;
}

/** Problems are shown to people, so a policy full of junk yields a readable list, not thousands of rows. */
export const MAX_REPORTED_PROBLEMS = 50;

const MAX_VALUE_CHARS = 120;

/** A short printable rendering of any value; never throws, never returns more than ~120 characters. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = render(value, MAX_VALUE_CHARS + 1, 0);
  } catch {
    // A hostile getter or Proxy: the type is what the admin needs to see anyway.
    text = `[${typeof value}]`;
  }
  // Control characters would garble the options page; code points keep surrogate pairs whole.
  const chars = Array.from(text.replace(/\p{Cc}/gu, '\uFFFD'));
  return chars.length > MAX_VALUE_CHARS ? `${chars.slice(0, MAX_VALUE_CHARS - 1).join('')}…` : chars.join('');
}

// JSON-like, but stops after `budget` characters and a few levels, so a megabyte string, a
// 100,000-entry list or a cyclic object costs no more than a short one.
function render(value: unknown, budget: number, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, budget));
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (depth >= 3) return Array.isArray(value) ? '[…]' : '{…}';
  const isList = Array.isArray(value);
  const parts: string[] = [];
  let used = 2;
  for (const key of Object.keys(value)) {
    if (used >= budget) {
      parts.push('…');
      break;
    }
    const rendered = render(Reflect.get(value, key), budget - used, depth + 1);
    const part = isList ? rendered : `${JSON.stringify(key)}:${rendered}`;
    parts.push(part);
    used += part.length + 1;
  }
  return isList ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

export function problem(key: string, reason: PolicyProblemReason, value: unknown, expected?: string): PolicyProblem {
  return expected === undefined ? { key, reason, value: describeValue(value) } : { key, reason, value: describeValue(value), expected };
}
