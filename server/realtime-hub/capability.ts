// Capabilities (protocol doc §4.2; docs api/token-request-spec "Capability operations"): a map from channel
// resource to operations. Wildcards match whole `:`-separated segments only, as Ably documents them (docs
// auth/capabilities "Wildcards"): `*` alone matches every channel, a final `*` segment matches one or more segments
// (`chat:*` matches `chat:1` and `chat:1:x`, not `chat` nor `chatter`), and `*` elsewhere matches exactly one
// segment. A `*` inside a segment (`chat:abc*`) is a literal character, so it never widens a grant to `chat:abcdef`.
import * as v from 'valibot';
import { ALL_MODES, Flag } from './protocol.ts';

export type Capability = ReadonlyMap<string, ReadonlySet<string>>;

const CapabilitySchema = v.record(v.pipe(v.string(), v.minLength(1)), v.array(v.string()));

export const FULL_CAPABILITY: Capability = new Map([['*', new Set(['*'])]]);

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

export function allows(capability: Capability, channel: string, op: string): boolean {
  const ops = operationsFor(capability, channel);
  return ops.has('*') || ops.has(op);
}

/**
 * Channel mode bits a capability permits. `subscribe` covers messages and presence events; `presence` is
 * entering presence (docs: "presence: can register presence on a channel").
 */
export function modesFor(capability: Capability, channel: string): number {
  const ops = operationsFor(capability, channel);
  const all = ops.has('*');
  if (all) return ALL_MODES;
  let modes = 0;
  if (ops.has('publish')) modes |= Flag.PUBLISH;
  if (ops.has('subscribe')) modes |= Flag.SUBSCRIBE | Flag.PRESENCE_SUBSCRIBE;
  if (ops.has('presence')) modes |= Flag.PRESENCE;
  return modes;
}

/** True when the capability grants anything at all on the channel (attach is refused with 40160 otherwise). */
export function grantsAny(capability: Capability, channel: string): boolean {
  return operationsFor(capability, channel).size > 0;
}

/** The canonical JSON string of a capability: keys and ops sorted (auth.ts c14n). */
export function capabilityToJson(capability: Capability): string {
  const entries = [...capability.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries.map(([k, ops]) => [k, [...ops].sort()])));
}
