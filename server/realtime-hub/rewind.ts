// `rewind` channel param (docs channels/options/rewind): a message count, or a duration like `10s` / `2m`.
// Like Ably, at most 100 messages.

const MAX_REWIND = 100;

export function parseRewind(value: string): { count: number; sinceMs?: number } | undefined {
  const count = /^\d+$/.exec(value);
  if (count) return { count: Math.min(Number(value), MAX_REWIND) };
  const duration = /^(\d+)(s|m)$/.exec(value);
  if (!duration?.[1]) return undefined;
  const ms = Number(duration[1]) * (duration[2] === 'm' ? 60_000 : 1000);
  return { count: MAX_REWIND, sinceMs: ms };
}
