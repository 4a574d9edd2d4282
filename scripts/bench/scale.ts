// `npm run bench:scale [-- --sizes 100,500,2000 --speed 20 --minutes 15 --batch 20]`: the scale simulation (issue 18) at
// each size, then the table that docs/architecture.md quotes. Exits non-zero on any error.
import { parseArgs } from 'node:util';
import { formatScaleTable } from './scale/table.ts';
import type { ScaleResult } from './scale/scale-result.ts';
import { runScale } from './scale/simulation.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '100,500,2000' }, speed: { type: 'string', default: '20' }, minutes: { type: 'string', default: '15' }, batch: { type: 'string', default: '20' } },
});
const sizes = values.sizes.split(',').map(Number);
const speed = Number(values.speed);
const minutes = Number(values.minutes);
// Sign-ins and pick-ups started together during setup, which runs flat out whatever the speed: fewer spreads its load.
const batch = Number(values.batch);
const results: ScaleResult[] = [];
for (const agents of sizes) {
  console.log(`${agents} agents, ${agents} live chats, ${speed}× time, ${minutes} simulated minutes, setup in batches of ${batch}`);
  const result = await runScale({ agents, speed, measureMinutes: minutes, batch, log: console.log });
  console.log(`  ${JSON.stringify({ ...result, failures: Object.keys(result.failures).length ? result.failures : undefined })}`);
  results.push(result);
}
console.log(`\n${formatScaleTable(results)}`);
const bad = results.some((r) => Object.keys(r.errors).length > 0 || Object.keys(r.failures).length > 0);
process.exit(bad ? 1 : 0);
