import { REJECTIONS } from '../../../lib/chat/reasons.ts';
import { AppError } from '../../../lib/errors.ts';

// A failed command is counted by what failed and why instead of stopping the run, so one run reports every kind
// of failure it met. The chat core refusing an action the simulation planned on a stale view is a race real
// agents meet too, so it is counted apart, as a refusal, and is not a failure.

export type Fail = (what: string) => (error: unknown) => void;

export function createFailureCount(): { fail: Fail; failures: () => Record<string, number>; refusals: () => number } {
  const failures: Record<string, number> = {};
  let refusals = 0;
  const fail: Fail = (what) => (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AppError && (REJECTIONS as readonly string[]).includes(error.code)) return void (refusals += 1);
    const key = `${what}: ${message.slice(0, 80)}`;
    failures[key] = (failures[key] ?? 0) + 1;
  };
  return { fail, failures: () => ({ ...failures }), refusals: () => refusals };
}
