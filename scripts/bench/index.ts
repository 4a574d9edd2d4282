// `npm run bench`: Baton's numbers on this machine, in one run, beside their budgets
// (docs/architecture.md §Budgets) and, where it applies, beside raw ably-js on the
// same hub. Prints a table and writes bench-results/bench.json. `-- --runs 3` repeats it and prints the spread.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { EXTENSION_DIR, startServer } from '../local-stack.ts';
import { measureColdStart } from './cold-start.ts';
import { startCrowdedSession } from './crowded-session.ts';
import { measureExtensionSizes } from './extension-sizes.ts';
import { measureFold } from './fold.ts';
import { measureHub } from './hub.ts';
import { measureLargeChat } from './large-chat.ts';
import { measureMemory } from './memory.ts';
import { renderTable, type BenchRow } from './report.ts';
import { spreadRows } from './spread.ts';
import { measureSidebarStartup } from './sidebar-startup.ts';
import { measureTransfer } from './transfer.ts';
import { measureTransferFilter } from './transfer-filter.ts';
import { measureWidgetOpen, measureWidgetSizes } from './widget.ts';

const port = Number(process.env.BATON_BENCH_PORT ?? 8393);
const runs = parseRuns(process.argv.slice(2));

async function benchOnce(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(...measureExtensionSizes(EXTENSION_DIR));
  rows.push(...(await measureWidgetSizes()));

  rows.push(...measureFold());
  rows.push(...(await measureHub()));

  const server = await startServer(port);
  try {
    rows.push(...(await measureSidebarStartup(`http://127.0.0.1:${port}/crm/default.aspx?person_main&person_id=1`)));
    rows.push(...(await measureTransfer(port)));
    rows.push(...(await measureColdStart(port)));
    rows.push(...(await measureWidgetOpen(`http://127.0.0.1:${port}/visit/`)));
  } finally {
    server.kill();
  }

  // At scale, on a server of its own: a 5,000-message chat open beside 1,000 Present colleagues.
  const crowded = await startCrowdedSession();
  try {
    rows.push(...(await measureLargeChat(crowded)));
    rows.push(...(await measureTransferFilter(crowded)));
    rows.push(...(await measureMemory(crowded)));
  } finally {
    await crowded.close();
  }
  return rows;
}

/** `--runs N` (default 1): N whole runs, one table of their spread (scripts/bench/spread.ts). */
function parseRuns(args: readonly string[]): number {
  const at = args.indexOf('--runs');
  const value = at === -1 ? 1 : Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 10) throw new Error(`unable to bench; --runs takes a whole number from 1 to 10, not ${args[at + 1]}`);
  return value;
}

/** The machine's load while a run went: the shared 2-core machine's figures mean little without it. */
const load = () => os.loadavg()[0]!.toFixed(1);

const everyRun: BenchRow[][] = [];
for (let run = 1; run <= runs; run += 1) {
  const before = load();
  const rows = await benchOnce();
  everyRun.push(rows);
  console.log(`\nrun ${run} of ${runs}: load average ${before} before, ${load()} after`);
  if (runs > 1) console.log(renderTable(rows));
}
const rows = runs === 1 ? everyRun[0]! : spreadRows(everyRun);

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nBaton bench — ${new Date().toISOString()} — ${machine}${runs > 1 ? ` — median of ${runs} runs` : ''}\n`);
console.log(renderTable(rows));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', `${JSON.stringify({ machine, at: new Date().toISOString(), rows, runs: everyRun }, null, 2)}\n`);
console.log('\nWritten to bench-results/bench.json');
