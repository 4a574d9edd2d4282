import { runHubBench } from '../../server/realtime-hub/bench.ts';
import { runFloodBench } from '../../server/realtime-hub/flood-bench.ts';
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
    ...(await measureFloodIsolation()),
  ];
}

/** A victim's p99 while quiet, then while another connection floods (budget: 2× quiet, issue 14). */
async function measureFloodIsolation(): Promise<BenchRow[]> {
  const rounds = 3;
  const flood = await runFloodBench({ rate: 25, phaseMs: 4000, rounds });
  const samples = `${flood.victimMessages} messages at 25 msg/s over ${rounds} alternating quiet/flood rounds of 4 s`;
  return [
    { metric: 'hub: victim publish → receive p99, quiet', baton: flood.quietP99Ms, unit: 'ms', note: `${samples}; Ably limits on` },
    {
      metric: 'hub: victim publish → receive p99, while another connection floods',
      baton: flood.floodP99Ms,
      unit: 'ms',
      budget: Math.round(flood.quietP99Ms * 2 * 100) / 100,
      note: `budget 2× quiet; flooder sent ${flood.floodFramesSent} frames of 1,000 messages, cut and reconnected ${flood.floodReconnects}×`,
    },
  ];
}
