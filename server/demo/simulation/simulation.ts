import { startColleague, type ColleagueBehaviour } from './colleague-bot.ts';
import { between, seededRandom } from './random.ts';
import { VISITOR_SCRIPTS } from './scripts.ts';
import { startVisitor } from './visitor-bot.ts';

export interface SimulationOptions {
  origin: string;
  port: number;
  seed?: number;
  /** Visitors who come to the chat over time (the first at once). */
  visitors?: number;
  /** Pause between visitors, ms. */
  visitorIntervalMs?: [number, number];
  offerTimeoutMs?: number;
  log?: (line: string) => void;
}

// The demo's colleagues: two who answer transfers (one accepts, one is busy), a manager
// and a listener who are Away so the human agent sees both states in "Transfer to".
export const DEMO_COLLEAGUES: readonly ColleagueBehaviour[] = [
  { agentId: 'bob', name: 'Bob Berg', status: 'present', answer: 'accept' },
  { agentId: 'carla', name: 'Carla Christensen', status: 'present', answer: 'reject' },
  { agentId: 'mia', name: 'Mia Madsen', status: 'away', answer: 'accept' },
];

/** Simulated colleagues and visitors on the local hub, for the demo and for tests. */
export async function startSimulation(options: SimulationOptions) {
  const random = seededRandom(options.seed ?? 7);
  const log = options.log ?? (() => {});
  const offerTimeoutMs = options.offerTimeoutMs ?? 120_000;
  const colleagues = await Promise.all(DEMO_COLLEAGUES.map((behaviour) => startColleague(options.origin, options.port, behaviour, random, offerTimeoutMs)));
  log(`simulated colleagues: ${DEMO_COLLEAGUES.map((c) => `${c.name} (${c.status})`).join(', ')}`);
  const visitors: Array<{ stop(): void }> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const total = options.visitors ?? 2;
  const [minGap, maxGap] = options.visitorIntervalMs ?? [45_000, 90_000];

  const arrive = async (index: number) => {
    const script = VISITOR_SCRIPTS[index % VISITOR_SCRIPTS.length]!;
    const visitor = await startVisitor(options.origin, options.port, script, random);
    visitors.push(visitor);
    log(`visitor waiting: ${script.name} (${script.topic})`);
    if (index + 1 < total) {
      const timer = setTimeout(() => void arrive(index + 1).catch(() => {}), between(random, minGap, maxGap));
      timers.add(timer);
    }
  };
  if (total > 0) await arrive(0);

  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const visitor of visitors) visitor.stop();
      for (const colleague of colleagues) colleague.stop();
    },
  };
}
