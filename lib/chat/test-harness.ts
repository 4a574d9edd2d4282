// Test support (not shipped): principals, wire messages as Ably would deliver them, and a one-chat harness that runs
// the whole pure pipeline: plan → Publish → Ably message → parse → fold, with arbiters and views.
import { arbitrate } from './arbiter.ts';
import type { Plan } from './commands.ts';
import type { ChatEvent, InboxEvent } from './events.ts';
import { createChat, foldEvent, logOf, transcriptOf } from './fold.ts';
import type { ChatState } from './fold.ts';
import { parseChatEvent } from './parse-chat-event.ts';
import { parseInboxEvent } from './parse-inbox-event.ts';
import type { Publish } from './publish.ts';
import { formatUserClaim } from './roles.ts';
import type { Principal } from './roles.ts';
import { viewFor } from './view.ts';
import type { ChatView, ViewOptions } from './view.ts';

export const agent = (clientId: string): Principal => ({ clientId, kind: 'agent', manager: false, listener: false });
export const listener = (clientId: string): Principal => ({ clientId, kind: 'agent', manager: false, listener: true });
export const manager = (clientId: string): Principal => ({ clientId, kind: 'agent', manager: true, listener: true });
export const visitor = (clientId: string): Principal => ({ clientId, kind: 'visitor', manager: false, listener: false });

export interface AblyLikeMessage {
  id: string;
  name: string;
  data: unknown;
  clientId: string;
  timestamp: number;
  extras: { userClaim: string };
}

/** What a subscriber receives for `publish` sent by `from`: Ably stamps clientId, timestamp and the user claim. */
export function delivered(publish: Publish, from: Principal, timestamp: number, fallbackId: string): AblyLikeMessage {
  return {
    id: publish.id ?? fallbackId,
    name: publish.name,
    // Through JSON, as on the wire.
    data: JSON.parse(JSON.stringify(publish.data)),
    clientId: from.clientId,
    timestamp,
    extras: { userClaim: formatUserClaim(from) },
  };
}

export function mustParse(message: unknown): ChatEvent {
  const event = parseChatEvent(message);
  if ('drop' in event) throw new Error(`dropped: ${event.drop} ${event.detail ?? ''}`);
  return event;
}

export interface Harness {
  readonly state: ChatState;
  readonly now: number;
  readonly inbox: ReadonlyMap<string, readonly InboxEvent[]>;
  tick(ms: number): void;
  /** Publishes a plan that must be allowed, as `from`; returns the folded events. */
  run(plan: Plan, from: Principal): ChatEvent[];
  /** Publishes raw data as `from`, bypassing the plan checks (a misbehaving or racing client). */
  force(name: string, data: Record<string, unknown>, from: Principal, id?: string): ChatEvent;
  /** Runs `me`'s arbiter at the harness clock (or `at`) and publishes what it decides, stamped `stampAt`. */
  arbitrate(me: Principal, at?: number, stampAt?: number): Publish[];
  view(me: Principal, options?: Partial<ViewOptions>): ChatView;
}

export function createHarness(chatId = 'chat-1', start = 1_000_000): Harness {
  let state = createChat(chatId);
  let now = start;
  let serial = 0;
  const inbox = new Map<string, InboxEvent[]>();
  const send = (publish: Publish, from: Principal, stamp?: number): ChatEvent | undefined => {
    const message = delivered(publish, from, stamp ?? (now += 1), `${from.clientId}-conn:${serial++}:0`);
    if (publish.channel.startsWith('inbox:')) {
      const notice = parseInboxEvent(message);
      if ('drop' in notice) throw new Error(`inbox notice dropped: ${notice.drop}`);
      const agentId = publish.channel.slice('inbox:'.length);
      inbox.set(agentId, [...(inbox.get(agentId) ?? []), notice]);
      return undefined;
    }
    const event = mustParse(message);
    state = foldEvent(state, event);
    return event;
  };
  return {
    get state() {
      return state;
    },
    get now() {
      return now;
    },
    get inbox() {
      return inbox;
    },
    tick(ms) {
      now += ms;
    },
    run(plan, from) {
      if (!plan.ok) throw new Error(`plan refused: ${plan.reason}`);
      return plan.publish.map((p) => send(p, from)).filter((e): e is ChatEvent => e !== undefined);
    },
    force(name, data, from, id) {
      const event = send({ channel: `chat:${chatId}`, name, id, data }, from);
      if (event === undefined) throw new Error('not a chat event');
      return event;
    },
    arbitrate(me, at, stampAt) {
      const decision = arbitrate(state, me, at ?? now);
      for (const p of decision.publish) send(p, me, stampAt);
      return [...decision.publish];
    },
    view(me, options) {
      return viewFor(state, me, { now, ...options });
    },
  };
}

/** Everything observable about a state, as plain data, for deep-equality across clients. */
export function snapshot(state: ChatState): unknown {
  return {
    chatId: state.chatId,
    register: state.register,
    log: logOf(state),
    transcript: transcriptOf(state),
    typing: [...state.typing.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
