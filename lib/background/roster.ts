import * as v from 'valibot';

// The token service's agent list (local mode only: GET /auth/agents), for "Sign in as".
// In SSO mode it answers 404 and the list is empty: the proxy decides who you are.
const RosterSchema = v.array(
  v.object({
    id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@+-]{1,128}$/)),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
    role: v.optional(v.string()),
  }),
);

export type RosterEntry = v.InferOutput<typeof RosterSchema>[number];

export async function fetchRoster(tokenServiceUrl: string, fetchImpl: typeof fetch = fetch): Promise<RosterEntry[]> {
  try {
    const response = await fetchImpl(new URL('/auth/agents', tokenServiceUrl), { credentials: 'include' });
    if (!response.ok) return [];
    const parsed = v.safeParse(RosterSchema, await response.json());
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}
