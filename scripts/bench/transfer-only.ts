// `npm run bench:transfer`: only the transfer rows of `npm run bench` (two Chromium agents,
// their workers and the hub, beside raw ably-js on the same hub), to check that budget alone.
import { startServer } from '../local-stack.ts';
import { renderTable } from './report.ts';
import { measureTransfer } from './transfer.ts';

const port = Number(process.env.BATON_BENCH_PORT ?? 8393);
const server = await startServer(port);
try {
  console.log(renderTable(await measureTransfer(port)));
} finally {
  server.kill();
}
