// ATTACH / DETACH for one session, and presence departures. Attach is synchronous end to end (ATTACHED, SYNC,
// replay, then join the fan-out set) so no live message can slip between the replay and the live stream.
import type { StoredMessage } from './channel-log.ts';
import { messageFrame } from './channels.ts';
import { grantsAny, modesFor } from './capability.ts';
import { randomId, synthesizedPresenceId } from './ids.ts';
import { LimitError } from './limit-errors.ts';
import { parseChannelName } from './parse-frame.ts';
import type { InboundFrame } from './parse-frame.ts';
import { Action, ALL_MODES, ErrorCode, errorInfo, Flag, PresenceAction } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';
import { parseRewind } from './rewind.ts';
import { formatSerial, parseSerial } from './serial.ts';
import type { Session } from './session.ts';

const REPLAY_BATCH = 100;

export function handleAttach(session: Session, frame: InboundFrame): void {
  const { registry } = session.ctx;
  const name = parseChannelName(frame.channel);
  if (name === undefined) {
    session.sendFrame({ action: Action.ERROR, channel: frame.channel ?? '', error: errorInfo(ErrorCode.INVALID_CHANNEL_NAME, 400, 'invalid channel name') });
    return;
  }
  const capability = session.principal.capability;
  if (!grantsAny(capability, name)) {
    // RTL14: a channel ERROR fails only that channel; attach() rejects with 40160.
    session.sendFrame({ action: Action.ERROR, channel: name, error: errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `Channel denied access based on given capability; channel = ${name}`) });
    return;
  }
  const maxChannels = session.ctx.config.limits.channelsPerConnection;
  if (!session.channels.has(name) && session.channels.size >= maxChannels) {
    // Ably: at most 200 channels attached per connection; the attach fails, the connection stays (90010).
    session.sendFrame({ action: Action.ERROR, channel: name, error: LimitError.tooManyChannels(maxChannels) });
    return;
  }
  const requested = frame.flags ? frame.flags & ALL_MODES || ALL_MODES : ALL_MODES;
  const modes = requested & modesFor(capability, name);
  const channel = registry.get(name);
  const log = registry.log(name);

  let flags = modes;
  let channelSerial = formatSerial(log.lastSeq);
  let error: WireErrorInfo | undefined;
  let replay: StoredMessage[] = [];
  const params = frame.params ?? undefined;
  if (frame.channelSerial) {
    // RTL4c1: continue from the client's last serial, whether on the same connection, a recovered one, or after
    // a hub restart (serials are durable).
    const fromSeq = parseSerial(frame.channelSerial);
    const result = fromSeq === undefined ? { messages: [], complete: false } : log.since(fromSeq);
    replay = result.messages;
    if (result.complete) {
      flags |= Flag.RESUMED;
      // Until the replay arrives the client's position is still its own serial; a drop mid-replay resumes from there.
      if (replay.length > 0) channelSerial = frame.channelSerial;
    } else {
      error = errorInfo(ErrorCode.UNABLE_TO_RECOVER, 400, 'unable to resume channel; messages since the given serial are not retained');
    }
  } else if (params?.['rewind'] !== undefined) {
    const rewind = parseRewind(params['rewind']);
    replay = rewind ? log.tail(rewind.count, rewind.sinceMs === undefined ? undefined : Date.now() - rewind.sinceMs) : [];
    if (replay.length > 0) flags |= Flag.HAS_BACKLOG;
  }
  if (!session.echo) replay = replay.filter((m) => m.connectionId !== session.connectionId);
  if ((modes & Flag.SUBSCRIBE) === 0) replay = [];

  const hasPresence = (modes & Flag.PRESENCE_SUBSCRIBE) !== 0 && channel.members.size > 0;
  if (hasPresence) flags |= Flag.HAS_PRESENCE;
  session.sendFrame({ action: Action.ATTACHED, channel: name, flags, channelSerial, ...(params ? { params } : {}), ...(error ? { error } : {}) });
  if (hasPresence) {
    // One complete page: an empty cursor after the sync id ends the sync (RTP18b). Never set HAS_PRESENCE without it.
    session.sendFrame({ action: Action.SYNC, channel: name, channelSerial: `${randomId(6)}:`, presence: channel.members.snapshot() });
  }
  for (let i = 0; i < replay.length; i += REPLAY_BATCH) {
    try {
      session.sendFrame(messageFrame(name, replay.slice(i, i + REPLAY_BATCH)));
    } catch (error) {
      // Last resort: stored data is bounded at ingress and checked on load (log-file.ts), but one bad batch must
      // never fail the attach, and with it every client that rewinds or resumes over it.
      session.ctx.log.warn('replay_batch_skipped', { channel: name, fromSeq: replay[i]?.seq, error: String(error).slice(0, 200) });
    }
  }
  channel.attached.set(session, modes);
  session.channels.add(name);
}

/**
 * After an in-band AUTH changed the capability (RTC8a), as Ably does: a channel the new token grants nothing on
 * fails with 40160 (the client's channel goes FAILED, RTL14) and the connection's presence there leaves; the others
 * keep only the modes the new token grants. A channel newly granted is attached the usual way.
 */
export function recheckChannels(session: Session): void {
  const capability = session.principal.capability;
  for (const name of [...session.channels]) {
    const channel = session.ctx.registry.peek(name);
    if (!grantsAny(capability, name)) {
      channel?.attached.delete(session);
      leaveChannelPresence(session, name);
      session.channels.delete(name);
      session.ctx.registry.release(name);
      session.sendFrame({ action: Action.ERROR, channel: name, error: errorInfo(ErrorCode.CAPABILITY_DENIED, 401, `Channel denied access based on given capability; channel = ${name}`) });
      continue;
    }
    const modes = channel?.attached.get(session);
    if (channel && modes !== undefined) channel.attached.set(session, modes & modesFor(capability, name));
  }
}

export function handleDetach(session: Session, frame: InboundFrame): void {
  const name = frame.channel ?? '';
  session.ctx.registry.peek(name)?.attached.delete(session);
  // Detaching leaves presence at once (docs presence: "leave ... or detach").
  leaveChannelPresence(session, name);
  session.channels.delete(name);
  session.ctx.registry.release(name);
  session.sendFrame({ action: Action.DETACHED, channel: name });
}

/**
 * Removes a session's members from one channel and tells subscribers. The LEAVE is synthesised by the hub, so its
 * id must not start with the connectionId and it carries a fresh timestamp (RTP2b1; protocol doc §3.8).
 */
export function leaveChannelPresence(session: Session, name: string): void {
  const { registry } = session.ctx;
  const channel = registry.peek(name);
  if (!channel) return;
  const gone = channel.members.removeConnection(session.connectionId);
  if (gone.length === 0) return;
  const now = Date.now();
  registry.broadcastPresence(
    name,
    gone.map((m) => ({ ...m, id: synthesizedPresenceId(), timestamp: now, action: PresenceAction.LEAVE })),
  );
  registry.release(name);
}

export function leaveAll(session: Session): void {
  for (const name of [...session.channels]) {
    session.ctx.registry.peek(name)?.attached.delete(session);
    leaveChannelPresence(session, name);
    session.ctx.registry.release(name);
  }
  session.channels.clear();
}
