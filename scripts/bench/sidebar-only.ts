// `npm run bench:sidebar`: only the sidebar start-up rows of `npm run bench` (Baton's sidebar beside an empty
// extension page in the same frame, alternating), to check that budget alone.
import { startServer } from '../local-stack.ts';
import { renderTable } from './report.ts';
import { measureSidebarStartup } from './sidebar-startup.ts';

const port = Number(process.env.BATON_BENCH_PORT ?? 8393);
const server = await startServer(port);
try {
  console.log(renderTable(await measureSidebarStartup(`http://127.0.0.1:${port}/crm/default.aspx?person_main&person_id=1`)));
} finally {
  server.kill();
}
