import { deliveryOrder, syntheticChat, timeIncrementalFold } from '../../lib/chat/fold-timing.ts';
import type { BenchRow } from './report.ts';

/** Budget: a frame (16 ms) per event, so a live event never costs the UI a frame. The chat core folding a 10,000-event chat one event at a time, as a background does live. */
export function measureFold(): BenchRow[] {
  const events = syntheticChat(10_000);
  timeIncrementalFold(events); // warm the JIT
  const inOrder = timeIncrementalFold(events);
  const shuffled = timeIncrementalFold(deliveryOrder(events, 0.05, 5, 7));
  return [
    { metric: 'fold: per event at 10,000 events, p50', baton: inOrder.p50Us, unit: 'µs', budget: 16_000, note: 'in order' },
    { metric: 'fold: per event at 10,000 events, p99', baton: inOrder.p99Us, unit: 'µs', budget: 16_000, note: `whole chat ${inOrder.totalMs.toFixed(0)} ms` },
    { metric: 'fold: per event, 5 % late, p99', baton: shuffled.p99Us, unit: 'µs', budget: 16_000, note: `whole chat ${shuffled.totalMs.toFixed(0)} ms` },
  ];
}
