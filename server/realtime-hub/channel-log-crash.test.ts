// Seeded crash test (issue 14): the hub "dies" (as with kill -9) at a random byte of its writes, over and over,
// and restarts on the same file. Every acknowledged message must be there exactly once, in order, with unique,
// increasing serials, and no serial is ever handed out twice. A kill -9 keeps the bytes the process already wrote
// (the page cache survives the process), so stopping the writes at byte N and reopening the file is that crash.
// 50 rounds in `npm test`; BATON_CRASH_ROUNDS=2000 for more (npm run test:crash:full).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom as random } from '../demo/simulation/random.ts';
import { ChannelLog } from './channel-log.ts';
import type { StoredMessage } from './channel-log.ts';
import { nodeIo } from './log-file.ts';
import type { LogIo } from './log-file.ts';

const ROUNDS = Number(process.env['BATON_CRASH_ROUNDS'] ?? 50);
const SEED = Number(process.env['BATON_CRASH_SEED'] ?? 14);
const RETAIN = 8;

class Killed extends Error {}

const WORDS = ['hej', 'blåbærgrød', 'æøå', '€', '😀', 'ok', 'ticket #42'];
const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Every acknowledged message still retained is there exactly once, in order, with its data; serials are unique
 * and increasing. The only other messages allowed are complete lines of a publish the crash interrupted (never
 * acknowledged; a client would publish it again), which take their serials for good.
 */
function check(log: ChannelLog, acked: readonly StoredMessage[], interrupted: ReadonlySet<string>, round: number): void {
  const items = log.history({ direction: 'forwards', limit: 1000 }).items;
  const seqs = items.map((m) => m.seq);
  expect(seqs, `round ${round}: unique, increasing serials`).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  const ackedIds = new Set(acked.map((m) => m.id));
  for (const m of items) expect(ackedIds.has(m.id) || interrupted.has(m.id), `round ${round}: ${m.id} was acknowledged or interrupted`).toBe(true);
  const oldest = items[0]?.seq ?? Number.POSITIVE_INFINITY;
  const retained = acked.filter((m) => m.seq >= oldest);
  expect(items.filter((m) => ackedIds.has(m.id)).map((m) => [m.seq, m.id, m.data]), `round ${round}: acknowledged messages`).toEqual(retained.map((m) => [m.seq, m.id, m.data]));
  expect(retained.length, `round ${round}: retention keeps the newest acknowledged`).toBeGreaterThanOrEqual(Math.min(RETAIN, acked.length) - interruptedIn(items, interrupted));
  expect(log.lastSeq, `round ${round}: no acknowledged serial can be reused`).toBeGreaterThanOrEqual(acked.at(-1)?.seq ?? 0);
}

const interruptedIn = (items: readonly StoredMessage[], interrupted: ReadonlySet<string>) => items.filter((m) => interrupted.has(m.id)).length;

describe('channel log under kill -9 at random bytes', () => {
  it(`keeps every acknowledged message exactly once, in order (${ROUNDS} seeded rounds)`, () => {
    for (let round = 0; round < ROUNDS; round++) {
      const rng = random(SEED * 100_003 + round);
      const file = join(dir, `r${round}.log`);
      let budget = 0;
      let dead = false;
      /** Once dead, nothing more reaches the disk: no clean-up runs in a killed process. */
      const die = (): never => {
        dead = true;
        throw new Killed();
      };
      const io: LogIo = {
        writeSync(fd, buffer, offset, length) {
          if (dead) die();
          const n = Math.min(length, budget);
          if (n > 0) nodeIo.writeSync(fd, buffer, offset, n);
          budget -= n;
          if (n < length) die();
          return n;
        },
        truncateSync(file, length) {
          if (dead) die();
          nodeIo.truncateSync(file, length);
        },
        renameSync(from, to) {
          if (dead || rng() < 0.3) die(); // dies between writing the compacted copy and renaming it
          nodeIo.renameSync(from, to);
        },
      };
      const acked: StoredMessage[] = [];
      const interrupted = new Set<string>();
      for (let life = 0; life < 6; life++) {
        dead = false;
        budget = Math.floor(rng() * 2500); // the byte of this life's writes at which the process dies
        const log = new ChannelLog({ file, retention: { maxMessages: RETAIN, maxAgeMs: 3600_000 }, memoryWindow: 3, idWindow: 50, fsync: false, io });
        check(log, acked, interrupted, round);
        try {
          for (let n = 0; ; n++) {
            const batch = Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, i) => ({
              id: `r${round}l${life}n${n}i${i}`,
              timestamp: Date.now(),
              data: Array.from({ length: 1 + Math.floor(rng() * 6) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' '),
            }));
            for (const m of batch) interrupted.add(m.id);
            acked.push(...log.append(batch)); // returned = acknowledged
            for (const m of batch) interrupted.delete(m.id);
          }
        } catch (error) {
          if (!(error instanceof Killed)) throw error;
        }
        log.close(); // the OS closes a dead process's descriptors
      }
      const last = new ChannelLog({ file, retention: { maxMessages: RETAIN, maxAgeMs: 3600_000 }, memoryWindow: 3, idWindow: 50, fsync: false });
      check(last, acked, interrupted, round);
      last.close();
    }
  }, 30_000 + ROUNDS * 200);
});
