/**
 * Runs `run` over `items`, `size` at a time: setup (sign-ins, first pick-ups) runs flat out whatever the
 * simulation's speed, and starting a few thousand at once would overload the shared machine's one event loop.
 */
export async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(run));
}
