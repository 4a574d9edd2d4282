// Ably capabilities (protocol doc §4.2; docs api/token-request-spec "Capability operations"): a map from channel
// resource to operations. Wildcards match whole `:`-separated segments only, as Ably documents them (docs
// auth/capabilities "Wildcards"): `*` alone matches every channel, a final `*` segment matches one or more segments
// (`chat:*` matches `chat:1` and `chat:1:x`, not `chat` nor `chatter`), and `*` elsewhere matches exactly one
// segment. A `*` inside a segment (`chat:abc*`) is a literal character, so it never widens a grant to `chat:abcdef`.
// Shared by the hub, which enforces a token's capability (server/realtime-hub/capability.ts), and the background,
// which reads its own token's to know whether a re-authorization would change anything (token-grants.ts). Pure.
import * as v from 'valibot';

export type Capability = ReadonlyMap<string, ReadonlySet<string>>;

const CapabilitySchema = v.record(v.pipe(v.string(), v.minLength(1)), v.array(v.string()));

/** Parses a capability JSON string (as in `x-ably-capability`); undefined when malformed. */
export function parseCapability(json: unknown): Capability | undefined {
  if (typeof json !== 'string') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(CapabilitySchema, raw);
  if (!parsed.success) return undefined;
  return new Map(Object.entries(parsed.output).map(([resource, ops]) => [resource, new Set(ops)]));
}

export function matchesResource(pattern: string, channel: string): boolean {
  if (pattern === '*' || pattern === channel) return true;
  const want = pattern.split(':');
  const have = channel.split(':');
  for (const [i, segment] of want.entries()) {
    const last = i === want.length - 1;
    if (segment === '*' && last) return have.length > i; // one or more remaining segments
    if (i >= have.length) return false;
    if (segment !== '*' && segment !== have[i]) return false;
  }
  return want.length === have.length;
}

/** Union of the operations every matching resource grants on `channel`. */
export function operationsFor(capability: Capability, channel: string): ReadonlySet<string> {
  const ops = new Set<string>();
  for (const [pattern, granted] of capability) {
    if (matchesResource(pattern, channel)) for (const op of granted) ops.add(op);
  }
  return ops;
}
