// `npm run bench:paint`: only the sidebar rows of `npm run bench` (content script start → sidebar usable, and the
// 5,000-message chat: send → own message painted, keystrokes, scrolling, bytes per message), to check those budgets
// alone while working on them. The same functions as the full bench, so the numbers compare.
import { startServer } from '../local-stack.ts';
import { startCrowdedSession } from './crowded-session.ts';
import { measureLargeChat } from './large-chat.ts';
import { renderTable, type BenchRow } from './report.ts';
import { measureSidebarStartup } from './sidebar-startup.ts';

const port = Number(process.env.BATON_BENCH_PORT ?? 8393);
const rows: BenchRow[] = [];
const server = await startServer(port);
try {
  rows.push(...(await measureSidebarStartup(`http://127.0.0.1:${port}/crm/default.aspx?person_main&person_id=1`)));
} finally {
  server.kill();
}
const crowded = await startCrowdedSession();
try {
  rows.push(...(await measureLargeChat(crowded)));
} finally {
  await crowded.close();
}
console.log(renderTable(rows));
