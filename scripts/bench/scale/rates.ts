// The workload the scale bench simulates, per agent, in simulated time (stated in docs/architecture.md).
// A support agent with one live chat at a time that lasts ~10 minutes handles ~6 chats an hour.
export const RATES = {
  /** Mean life of a chat, simulated minutes (exponential), so ~6 chats per agent-hour at one live chat each. */
  chatMinutes: 10,
  /** Lines per chat, alternating visitor and agent. */
  messagesPerChat: 8,
  /** Share of chats transferred once, half-way through. */
  transferShare: 0.1,
  /** Times an agent goes Away per hour, and for how long (simulated minutes). */
  awayPerHour: 1,
  awayMinutes: 5,
  /** A visitor arrives this long after a chat ends (simulated seconds), keeping as many live chats as agents. */
  arrivalSeconds: 20,
} as const;

/** Exponentially distributed, mean `mean` (inverse transform). */
export function exponential(mean: number, random: () => number): number {
  return -Math.log(1 - random()) * mean;
}
