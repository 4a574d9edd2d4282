import { runHubBench } from '../../server/realtime-hub/bench.ts';
import type { BenchRow } from './report.ts';

/** The local hub under raw ably-js load (clients share the process, so their cost counts too). */
export async function measureHub(): Promise<BenchRow[]> {
  const connections = 1000;
  const fanOut = 20;
  const rate = 500;
  const result = await runHubBench({ connections, fanOut, rate, durationMs: 5000 });
  const load = `${rate} msg/s, fan-out ${fanOut}, ${connections} connections`;
  return [
    { metric: 'hub: concurrent ably-js connections held', baton: result.connectionsHeld, unit: 'conns', budget: 1000, higherIsBetter: true, note: `connected in ${Math.round(result.connectMs)} ms` },
    { metric: 'hub: publish → receive, p50', baton: result.latencyMs.p50, unit: 'ms', note: load },
    { metric: 'hub: publish → receive, p99', baton: result.latencyMs.p99, unit: 'ms', budget: 25, note: `${result.lostDeliveries} of ${result.deliveries + result.lostDeliveries} deliveries lost` },
    { metric: 'hub: memory per connection (heap+external)', baton: result.bytesPerConnection / 1024, unit: 'KB', note: 'hub and client together' },
  ];
}
