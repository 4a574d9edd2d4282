import { shardOf } from '../../../lib/realtime/presence-shards.ts';
import type { Fail } from './failure-count.ts';
import { handOver } from './hand-over.ts';
import { exponential, RATES } from './rates.ts';
import type { ActionCounts } from './scale-result.ts';
import { leastBusy, type LiveChat, type Seat } from './seats.ts';
import { startBenchVisitor } from './visitors.ts';

// The chats' life cycle at the rates of rates.ts: a visitor arrives and the least busy Present agent of the
// chat's team picks it up; visitor and agent take turns to write; some chats are handed over half-way; the agent
// ends the chat, and a new visitor arrives a little later, so there stay about as many live chats as agents.

export interface ChatTrafficSetting {
  origin: string;
  port: number;
  shards: number;
  seats: readonly Seat[];
  random: () => number;
  /** Wall milliseconds for simulated ones. */
  wall: (simulatedMs: number) => number;
  actions: ActionCounts;
  /** Pick-up times of chats that then converse (the measured ones, not setup's). */
  pickUpTimes: number[];
  fail: Fail;
}

export function startChatTraffic({ origin, port, shards, seats, random, wall, actions, pickUpTimes, fail }: ChatTrafficSetting) {
  const live = new Map<string, LiveChat>();
  let measuring = true;

  const end = (chat: LiveChat): void => {
    // Ending mid-transfer would cancel the offer and count as a transfer that never arrived (seen at 500 agents:
    // short chats, whose end came before a slow offer was accepted).
    if (chat.transferring) return void chat.transferring.then(() => measuring && end(chat));
    for (const timer of chat.timers) clearTimeout(timer);
    live.delete(chat.chatId);
    chat.owner.load -= 1;
    actions.ends += 1;
    const ended = chat.owner.agent.handle({ type: 'end-chat', chatId: chat.chatId }).catch(fail('end chat'));
    // The visitor leaves once its last line is through (closing with a line in flight would fail that line).
    void Promise.allSettled([ended, ...chat.sending]).then(() => chat.visitor.close());
    if (measuring) setTimeout(() => void arrive().catch(fail('arrive')), wall(RATES.arrivalSeconds * 1000));
  };

  /** Schedules the chat's lines, its hand-over (for some) and its end over an exponentially distributed life. */
  const converse = (chat: LiveChat): void => {
    const life = exponential(RATES.chatMinutes * 60_000, random);
    const gap = life / (RATES.messagesPerChat + 1);
    for (let line = 1; line <= RATES.messagesPerChat; line++) {
      chat.timers.push(
        setTimeout(() => {
          actions.messages += 1;
          const text = `Line ${line} about order ${chat.chatId}`;
          const sent = (line % 2 === 1 ? chat.visitor.session.send(text) : chat.owner.agent.handle({ type: 'send', chatId: chat.chatId, text })).catch(fail('send'));
          chat.sending.add(sent);
          void sent.finally(() => chat.sending.delete(sent));
        }, wall(gap * line)),
      );
    }
    const transfer = () => {
      chat.transferring = handOver(chat, seats, actions)
        .catch(fail('transfer'))
        .finally(() => (chat.transferring = undefined));
    };
    if (random() < RATES.transferShare) chat.timers.push(setTimeout(transfer, wall(life / 2)));
    chat.timers.push(setTimeout(() => end(chat), wall(life)));
  };

  /** A visitor arrives; the least busy Present agent of the chat's team picks it up. */
  const arrive = async (startConversation = true): Promise<void> => {
    const visitor = await startBenchVisitor(origin, port, `Visitor ${live.size}`);
    const owner = leastBusy(seats, shardOf(visitor.chatId, shards));
    if (!owner) return visitor.close();
    owner.load += 1;
    actions.pickUps += 1;
    const chat: LiveChat = { chatId: visitor.chatId, visitor, owner, timers: [], sending: new Set() };
    live.set(chat.chatId, chat);
    const clicked = Date.now();
    await owner.agent.handle({ type: 'pick-up', chatId: visitor.chatId });
    if (startConversation) pickUpTimes.push(Date.now() - clicked);
    if (startConversation) converse(chat);
  };

  /** No more lines, hand-overs, ends or arrivals (the teardown's closed connections are not failures). */
  const stop = (): void => {
    measuring = false;
    for (const chat of live.values()) for (const timer of chat.timers) clearTimeout(timer);
  };

  return {
    live,
    arrive,
    converse,
    stop,
    /** Stops, and every visitor still in a chat leaves. */
    close(): void {
      stop();
      for (const chat of live.values()) chat.visitor.close();
    },
  };
}
