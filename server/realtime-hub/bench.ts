// Hub benchmark with raw ably-js clients (issue #3; architecture §5: 1,000 connections, p99 fan-out ≤ 25 ms at
// 500 msg/s). Clients run in the hub's process, so memory and CPU figures include the SDK's share; the report
// says so. Exported for `npm run bench`; run directly with `node server/realtime-hub/bench.ts [--connections n]`.
import * as Ably from 'ably';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { silentLogger } from '../lib/log.ts';
import { listenHub } from './listen.ts';

export interface HubBenchOptions {
  /** Connections opened and held (each attached to its own channel). */
  connections?: number;
  /** Of those, how many subscribe to the measured channel (the fan-out). */
  fanOut?: number;
  /** Messages per second published to the measured channel. */
  rate?: number;
  durationMs?: number;
}

export interface HubBenchResult {
  connectionsHeld: number;
  connectMs: number;
  fanOut: number;
  targetRate: number;
  publishedMessages: number;
  deliveries: number;
  lostDeliveries: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** (heap + external) growth per connection, hub and ably-js client together. */
  bytesPerConnection: number;
  rssBytesPerConnection: number;
  notes: string[];
}

const KEY = 'bench.hub:benchsecret';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function runHubBench(options: HubBenchOptions = {}): Promise<HubBenchResult> {
  const connections = options.connections ?? 1000;
  const fanOut = Math.min(options.fanOut ?? 20, connections);
  const rate = options.rate ?? 500;
  const durationMs = options.durationMs ?? 5000;
  const hub = await listenHub({ keys: [KEY], logger: silentLogger });
  const clientOptions = { key: KEY, endpoint: '127.0.0.1', port: hub.port, tls: false, useBinaryProtocol: false, logLevel: 0 } as Ably.ClientOptions;
  const clients: Ably.Realtime[] = [];
  try {
    global.gc?.();
    const memBefore = process.memoryUsage();
    const connectStart = performance.now();
    for (let i = 0; i < connections; i += 50) {
      const batch = Array.from({ length: Math.min(50, connections - i) }, (_, j) => new Ably.Realtime({ ...clientOptions, clientId: `agent-${i + j}` }));
      clients.push(...batch);
      await Promise.all(batch.map((c, j) => c.channels.get(`inbox:agent-${i + j}`).attach()));
    }
    const connectMs = performance.now() - connectStart;
    global.gc?.();
    const memAfter = process.memoryUsage();

    // Ably allows 50 msg/s per channel and per publishing connection (limits.ts), so the load is spread over
    // ceil(rate / 40) channels, each with its own publisher; every fan-out client subscribes to all of them, so
    // the deliveries per second are the same as one channel at the full rate.
    const channelCount = Math.max(1, Math.ceil(rate / 40));
    const channelNames = Array.from({ length: channelCount }, (_, i) => `chat:bench-${i}`);
    const latencies: number[] = [];
    let deliveries = 0;
    await Promise.all(
      clients.slice(0, fanOut).flatMap((c) =>
        channelNames.map((channelName) =>
          c.channels.get(channelName).subscribe((m) => {
            deliveries++;
            const sentAt = (m.data as { t?: number } | undefined)?.t;
            if (typeof sentAt === 'number') latencies.push(performance.now() - sentAt);
          }),
        ),
      ),
    );
    const outs = await Promise.all(
      channelNames.map(async (channelName, i) => {
        const publisher = new Ably.Realtime({ ...clientOptions, clientId: `publisher-${i}` });
        clients.push(publisher);
        const out = publisher.channels.get(channelName);
        await out.attach();
        return out;
      }),
    );

    let published = 0;
    let failed = 0;
    const start = performance.now();
    const pending: Promise<unknown>[] = [];
    while (performance.now() - start < durationMs) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (published < due) {
        const out = outs[published % outs.length];
        if (out) pending.push(out.publish('m', { t: performance.now(), n: published }).catch(() => void failed++));
        published++;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(pending);
    published -= failed;
    const expected = published * fanOut;
    const deadline = performance.now() + 5000;
    while (deliveries < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    latencies.sort((a, b) => a - b);
    const grown = memAfter.heapUsed + memAfter.external - (memBefore.heapUsed + memBefore.external);
    return {
      connectionsHeld: hub.hub.stats().sockets,
      connectMs: Math.round(connectMs),
      fanOut,
      targetRate: rate,
      publishedMessages: published,
      deliveries,
      lostDeliveries: expected - deliveries,
      latencyMs: { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? Number.NaN) },
      bytesPerConnection: Math.round(grown / connections),
      rssBytesPerConnection: Math.round((memAfter.rss - memBefore.rss) / connections),
      notes: [
        'hub and all ably-js clients share one Node process (and its CPU cores); latency includes SDK decode and timer scheduling on the same event loop',
        'latency = publish() call → subscriber callback, performance.now() on one clock',
        "Ably's limits on: the rate is spread over channels of at most 40 msg/s, one publisher each",
        global.gc ? 'heap measured after forced GC' : 'run node with --expose-gc for steadier memory numbers',
      ],
    };
  } finally {
    await Promise.all(clients.map((c) => new Promise<void>((resolve) => { c.close(); resolve(); })));
    await hub.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { connections: { type: 'string' }, 'fan-out': { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' } },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const result = await runHubBench({ connections: num(values.connections), fanOut: num(values['fan-out']), rate: num(values.rate), durationMs: num(values.duration) });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
