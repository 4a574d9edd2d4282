// Flood isolation (issue 14): a victim's publish → receive latency while the hub is quiet, then while another
// connection floods it as hard as a raw client can (frames of 1,000 messages, reconnecting whenever it is cut).
// The flooder runs in a worker thread so its own CPU work is not charged to the hub's event loop; both share the
// machine's cores. Ably's limits are on, as in every test. Run directly: `node server/realtime-hub/flood-bench.ts`.
import * as Ably from 'ably';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '../lib/log.ts';
import { listenHub } from './listen.ts';

const KEY = 'bench.flood:floodsecret';

export interface FloodBenchResult {
  quietP99Ms: number;
  floodP99Ms: number;
  floodFramesSent: number;
  floodReconnects: number;
  victimMessages: number;
}

const FLOODER = `
const { parentPort, workerData } = require('node:worker_threads');
const { WebSocket } = require(workerData.ws);
let stop = false, frames = 0, reconnects = 0;
const payload = (serial) => JSON.stringify({ action: 15, channel: 'chat:flood', msgSerial: serial,
  messages: Array.from({ length: 1000 }, (_, n) => ({ name: 'f', data: 'x'.repeat(40) + n })) });
function connect() {
  if (stop) return;
  const ws = new WebSocket(workerData.url);
  let serial = 0;
  const pump = () => {
    if (stop || ws.readyState !== ws.OPEN) return;
    for (let i = 0; i < 20 && ws.bufferedAmount < 4e6; i++) { ws.send(payload(serial++)); frames++; }
    setImmediate(pump);
  };
  ws.on('message', (d) => { if (String(d).startsWith('{"action":4')) pump(); });
  ws.on('error', () => {});
  ws.on('close', () => { reconnects++; setTimeout(connect, 5); });
}
connect();
parentPort.on('message', () => { stop = true; parentPort.postMessage({ frames, reconnects }); });
`;

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN) * 100) / 100;
}

/** Publishes at `rate` msg/s (well within Ably's 50) for `ms` and returns each message's publish → receive time. */
async function measure(out: Ably.RealtimeChannel, received: Map<number, number>, rate: number, ms: number): Promise<number[]> {
  const sent = new Map<number, number>();
  const base = received.size + sent.size + Math.floor(Math.random() * 1e9);
  const start = performance.now();
  for (let n = 0; performance.now() - start < ms; n++) {
    sent.set(base + n, performance.now());
    void out.publish('m', { n: base + n }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1000 / rate));
  }
  await new Promise((r) => setTimeout(r, 500));
  return [...sent].flatMap(([n, at]) => {
    const got = received.get(n);
    return got === undefined ? [] : [got - at];
  });
}

export async function runFloodBench(options: { rate?: number; durationMs?: number } = {}): Promise<FloodBenchResult> {
  const rate = options.rate ?? 20;
  const durationMs = options.durationMs ?? 4000;
  const hub = await listenHub({ keys: [KEY], logger: silentLogger });
  const clientOptions = { key: KEY, endpoint: '127.0.0.1', port: hub.port, tls: false, useBinaryProtocol: false, logLevel: 0 } as Ably.ClientOptions;
  const publisher = new Ably.Realtime({ ...clientOptions, clientId: 'victim-agent' });
  const subscriber = new Ably.Realtime({ ...clientOptions, clientId: 'victim-visitor' });
  const received = new Map<number, number>();
  try {
    await subscriber.channels.get('chat:victim').subscribe((m) => {
      const n = (m.data as { n?: number } | undefined)?.n;
      if (typeof n === 'number') received.set(n, performance.now());
    });
    const out = publisher.channels.get('chat:victim');
    await out.attach();
    const quiet = await measure(out, received, rate, durationMs);
    const worker = new Worker(FLOODER, {
      eval: true,
      workerData: { url: `ws://127.0.0.1:${hub.port}/?key=${encodeURIComponent(KEY)}&format=json&v=6`, ws: import.meta.resolve('ws').replace('file://', '') },
    });
    await new Promise((r) => setTimeout(r, 500)); // let the flood build up
    const flood = await measure(out, received, rate, durationMs);
    const stats = await new Promise<{ frames: number; reconnects: number }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('stop');
    });
    await worker.terminate();
    return { quietP99Ms: p99(quiet), floodP99Ms: p99(flood), floodFramesSent: stats.frames, floodReconnects: stats.reconnects, victimMessages: quiet.length + flood.length };
  } finally {
    publisher.close();
    subscriber.close();
    await hub.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runFloodBench(), null, 2));
  process.exit(0);
}
