// MESSAGE and PRESENCE from a client: validate everything first, then apply, then the caller ACKs or NACKs.
// Identity is the hub's to assign: clientId comes from the credentials and `extras.userClaim` only from the JWT's
// `ably.channel.*` claims; a client-supplied userClaim is removed, never relayed.
import type { PublishInput } from './channels.ts';
import { allows } from './capability.ts';
import { userClaimFor } from './credentials.ts';
import { parseChannelName } from './parse-frame.ts';
import type { InboundFrame } from './parse-frame.ts';
import type { WirePresence } from './presence-set.ts';
import { LimitError } from './limit-errors.ts';
import { depthWithin, MAX_DATA_DEPTH } from './payload-depth.ts';
import { ErrorCode, errorInfo, PresenceAction } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';
import type { Session } from './session.ts';

export type Outcome = { ok: true; res: unknown[] } | { ok: false; error: WireErrorInfo };

const deny = (error: WireErrorInfo): Outcome => ({ ok: false, error });

/** Copies extras, dropping any forged userClaim and stamping the trusted one. */
export function stampExtras(extras: Record<string, unknown> | null | undefined, claim: string | undefined): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...extras };
  delete out['userClaim'];
  if (claim !== undefined) out['userClaim'] = claim;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Approximate Ably message size: name + data + clientId + extras (docs "message size"). */
export function messageSize(m: { name?: string | null; data?: unknown; clientId?: string | null; extras?: unknown }): number {
  const data = typeof m.data === 'string' ? Buffer.byteLength(m.data) : m.data == null ? 0 : Buffer.byteLength(JSON.stringify(m.data));
  const extras = m.extras == null ? 0 : Buffer.byteLength(JSON.stringify(m.extras));
  return Buffer.byteLength(m.name ?? '') + Buffer.byteLength(m.clientId ?? '') + data + extras;
}

/**
 * Checks what Ably checks of a publish's payload: the combined size of its messages (40009, "published at once")
 * and, for the hub's own safety, how deep data and extras nest (40013). Undefined when the payload is fine.
 */
export function payloadError(messages: readonly { name?: string | null; data?: unknown; clientId?: string | null; extras?: unknown }[], maxSize: number): WireErrorInfo | undefined {
  let total = 0;
  for (const m of messages) {
    if (!depthWithin(m.data) || !depthWithin(m.extras)) return LimitError.dataTooDeep(MAX_DATA_DEPTH);
    total += messageSize(m);
  }
  return total > maxSize ? LimitError.messageTooLarge(total, maxSize) : undefined;
}

function resolveClientId(session: Session, supplied: string | null | undefined): { clientId: string | undefined } | WireErrorInfo {
  const own = session.principal.clientId;
  if (supplied && own !== '*' && supplied !== own) {
    return errorInfo(ErrorCode.INVALID_CLIENT_ID, 400, `mismatched clientId; connection is ${own ?? 'anonymous'}`);
  }
  return { clientId: supplied ?? (own === '*' ? undefined : own) };
}

export function handlePublish(session: Session, frame: InboundFrame): Outcome {
  const name = parseChannelName(frame.channel);
  if (name === undefined) return deny(errorInfo(ErrorCode.INVALID_CHANNEL_NAME, 400, 'invalid channel name'));
  if (!allows(session.principal.capability, name, 'publish')) {
    return deny(errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `permission denied; no publish capability on ${name}`));
  }
  const inputs = frame.messages ?? [];
  const invalid = payloadError(inputs, session.ctx.config.maxMessageSize);
  if (invalid) return deny(invalid);
  const protocolId = `${session.connectionId}:${frame.msgSerial ?? 0}`;
  const claim = userClaimFor(session.principal.channelClaims, name);
  const now = Date.now();
  const messages: PublishInput[] = [];
  for (const [index, m] of inputs.entries()) {
    const who = resolveClientId(session, m.clientId);
    if (!('clientId' in who)) return deny(who);
    messages.push({
      id: m.id ?? `${protocolId}:${index}`, // TM2a
      idempotent: typeof m.id === 'string' && m.id !== '',
      timestamp: now,
      connectionId: session.connectionId,
      clientId: who.clientId,
      name: m.name ?? undefined,
      data: m.data ?? undefined,
      encoding: m.encoding ?? undefined,
      extras: stampExtras(m.extras, claim),
    });
  }
  // The channel's rate is shared by every publisher (Ably: 50 msg/s per channel, 42913); checked last so an
  // invalid publish does not use up the channel's budget.
  const limit = session.ctx.config.limits.inboundMessagesPerChannel;
  if (!session.ctx.registry.admit(name, messages.length, limit)) return deny(LimitError.channelRate(name, limit));
  const serials = session.ctx.registry.publish(name, messages, { protocolId, connectionId: session.connectionId });
  return { ok: true, res: [{ serials }] };
}

export function handlePresence(session: Session, frame: InboundFrame): Outcome {
  const name = parseChannelName(frame.channel);
  if (name === undefined) return deny(errorInfo(ErrorCode.INVALID_CHANNEL_NAME, 400, 'invalid channel name'));
  if (!allows(session.principal.capability, name, 'presence')) {
    return deny(errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `permission denied; no presence capability on ${name}`));
  }
  const conn = session.connectionId;
  const protocolId = `${conn}:${frame.msgSerial ?? 0}`;
  const claim = userClaimFor(session.principal.channelClaims, name);
  const now = Date.now();
  const planned: { action: number; member: WirePresence }[] = [];
  const invalid = payloadError(frame.presence ?? [], session.ctx.config.maxMessageSize);
  if (invalid) return deny(invalid);
  const channel = session.ctx.registry.get(name);
  const maxMembers = session.ctx.config.limits.presenceMembersPerChannel;
  let newMembers = 0;
  for (const [index, p] of (frame.presence ?? []).entries()) {
    const who = resolveClientId(session, p.clientId);
    if (!('clientId' in who)) return deny(who);
    if (who.clientId === undefined) return deny(errorInfo(ErrorCode.PRESENCE_NO_CLIENT_ID, 400, 'unable to enter presence; no clientId'));
    const action = p.action ?? PresenceAction.ENTER;
    // Ably: at most 200 members per channel, on every package (91003); an update of a present member is fine.
    if (action !== PresenceAction.LEAVE && !channel.members.has(conn, who.clientId) && channel.members.size + ++newMembers > maxMembers) {
      return deny(LimitError.tooManyPresenceMembers(maxMembers));
    }
    // A re-entry after resume reuses the member's id (RTP17g1); any other id must be ours to keep ordering sound.
    const id = p.id && p.id.startsWith(`${conn}:`) ? p.id : `${protocolId}:${index}`;
    const member = { id, clientId: who.clientId, connectionId: conn, timestamp: now, data: p.data ?? undefined, encoding: p.encoding ?? undefined, extras: stampExtras(p.extras, claim), action };
    planned.push({ action, member });
  }
  session.channels.add(name);
  const relayed: WirePresence[] = [];
  for (const { action, member } of planned) {
    if (action === PresenceAction.LEAVE) {
      const previous = channel.members.remove(conn, member.clientId);
      if (previous) relayed.push({ ...member, data: member.data ?? previous.data, encoding: member.data === undefined ? previous.encoding : member.encoding });
    } else {
      const { action: _ignored, ...stored } = member;
      relayed.push(channel.members.upsert(stored, action));
    }
  }
  session.ctx.registry.broadcastPresence(name, relayed, protocolId, conn);
  return { ok: true, res: [{ serials: [] }] };
}
