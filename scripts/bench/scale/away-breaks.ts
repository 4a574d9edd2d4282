import type { Fail } from './failure-count.ts';
import { RATES } from './rates.ts';
import type { ActionCounts } from './scale-result.ts';
import type { Seat } from './seats.ts';

interface AwaySetting {
  random: () => number;
  /** Wall milliseconds for simulated ones. */
  wall: (simulatedMs: number) => number;
  measureMinutes: number;
  actions: ActionCounts;
  fail: Fail;
}

/**
 * Each agent goes Away at RATES.awayPerHour (at most once in the window), at a random time that lets the break end
 * inside the window, and comes back after RATES.awayMinutes. An Away agent takes no new chats and drops out of its
 * colleagues' "Transfer to" lists, which is the presence traffic this exercises. Returns the timers to clear.
 */
export function scheduleAwayBreaks(seats: readonly Seat[], { random, wall, measureMinutes, actions, fail }: AwaySetting): (ReturnType<typeof setTimeout> | undefined)[] {
  const measureMs = measureMinutes * 60_000;
  return seats.map((seat) =>
    random() < (RATES.awayPerHour * measureMinutes) / 60
      ? setTimeout(() => {
          seat.away = true;
          actions.away += 1;
          void seat.agent.handle({ type: 'set-status', status: 'away' }).catch(fail('away'));
          setTimeout(() => {
            seat.away = false;
            void seat.agent.handle({ type: 'set-status', status: 'present' }).catch(fail('present'));
          }, wall(RATES.awayMinutes * 60_000));
        }, wall(random() * (measureMs - RATES.awayMinutes * 60_000)))
      : undefined,
  );
}
