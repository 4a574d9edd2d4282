// `npm run bench`: Baton's numbers on this machine, in one run, beside their budgets
// (docs/architecture.md §Budgets) and, where it applies, beside raw ably-js on the
// same hub. Prints a table and writes bench-results/bench.json.
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
import { measureSidebarStartup } from './sidebar-startup.ts';
import { measureTransfer } from './transfer.ts';
import { measureTransferFilter } from './transfer-filter.ts';
import { measureWidgetOpen, measureWidgetSizes } from './widget.ts';

const port = Number(process.env.BATON_BENCH_PORT ?? 8393);
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

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nBaton bench — ${new Date().toISOString()} — ${machine}\n`);
console.log(renderTable(rows));
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', `${JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2)}\n`);
console.log('\nWritten to bench-results/bench.json');
