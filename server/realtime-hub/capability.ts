// Capabilities enforced by the hub. Parsing and matching live in lib/realtime/capability.ts (Ably's wildcard rules),
// shared with the background, which reads its own token's capability (lib/realtime/token-grants.ts).
import { operationsFor, type Capability } from '../../lib/realtime/capability.ts';
import { ALL_MODES, Flag } from './protocol.ts';

export { matchesResource, operationsFor, parseCapability, type Capability } from '../../lib/realtime/capability.ts';

export const FULL_CAPABILITY: Capability = new Map([['*', new Set(['*'])]]);

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
