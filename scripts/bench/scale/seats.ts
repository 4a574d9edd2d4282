import { shardOf } from '../../../lib/realtime/presence-shards.ts';
import { startHeadlessAgent } from '../../../lib/session/headless-agent.ts';
import type { Fail } from './failure-count.ts';
import { inBatches } from './in-batches.ts';
import type { BenchVisitor } from './visitors.ts';

// The simulation's people: a seat is one signed-in headless agent, and a live chat is one visitor with the seat
// that owns the chat now. A seat's team is its presence shard, as in the extension ("Transfer to" lists the team).

export interface Seat {
  id: string;
  shard: number;
  agent: Awaited<ReturnType<typeof startHeadlessAgent>>;
  away: boolean;
  /** Live chats the seat owns: a new visitor goes to the least busy. */
  load: number;
}

export interface LiveChat {
  chatId: string;
  visitor: BenchVisitor;
  owner: Seat;
  timers: ReturnType<typeof setTimeout>[];
  sending: Set<Promise<unknown>>;
  /** A transfer under way: the chat ends after it (an agent does not end a chat it is handing over). */
  transferring?: Promise<void>;
}

export const teamOf = (seats: readonly Seat[], shard: number): Seat[] => seats.filter((seat) => seat.shard === shard);

/** Who picks up a new chat of the team: the Present agent with the fewest chats (anyone, if all are Away). */
export const leastBusy = (seats: readonly Seat[], shard: number): Seat | undefined =>
  teamOf(seats, shard)
    .filter((seat) => !seat.away)
    .sort((a, b) => a.load - b.load)[0] ?? teamOf(seats, shard)[0];

interface SignIn {
  origin: string;
  port: number;
  shards: number;
  batch: number;
  log: (line: string) => void;
  fail: Fail;
}

/** Signs every agent of the roster in; one that fails is counted and left out of the simulation. */
export async function signInSeats(roster: readonly { id: string; name: string }[], { origin, port, shards, batch, log, fail }: SignIn): Promise<Seat[]> {
  const seats: Seat[] = [];
  await inBatches(roster, batch, async ({ id, name }) => {
    try {
      const agent = await startHeadlessAgent({ origin, port, agentId: id, name });
      seats.push({ id, shard: shardOf(id, shards), agent, away: false, load: 0 });
      if (seats.length % 250 === 0) log(`  ${seats.length} agents signed in…`);
    } catch (error) {
      fail('sign in')(error);
    }
  });
  return seats;
}
