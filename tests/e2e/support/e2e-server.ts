// The e2e suite's server: Baton's own `server/serve.ts` as a child process, plus a control port on loopback that
// starts it again from nothing (`POST /restart`). Every e2e test begins on a fresh server (extension-context.ts), so
// no test meets chats, offers, presence or rate-limit counts an earlier test left behind: a run used to fail when one
// spec's open offers showed up in the next spec's badge, or a colleague's chat count included another test's chats.
// A restart, not a reset endpoint: the product server carries no test-only code, and "fresh" is what a new process is.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { port: { type: 'string' }, control: { type: 'string' } },
  allowPositionals: true,
});
const port = Number(values.port);
const controlPort = Number(values.control);
if (!Number.isInteger(port) || !Number.isInteger(controlPort)) {
  console.error('usage: node tests/e2e/support/e2e-server.ts --port <n> --control <n> [-- serve.ts options]');
  process.exit(2);
}

let child: ChildProcess | undefined;

const answers = () =>
  fetch(`http://127.0.0.1:${port}/time`)
    .then((response) => response.ok)
    .catch(() => false);

async function start(): Promise<void> {
  child = spawn(process.execPath, ['server/serve.ts', '--port', String(port), ...positionals], { stdio: 'inherit' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await answers()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the e2e server did not answer on port ${port} within 20 s`);
}

async function stop(): Promise<void> {
  const running = child;
  child = undefined;
  if (!running || running.exitCode !== null) return;
  // Killed outright: the server keeps nothing on disk here (no --data), so there is nothing to flush.
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGKILL');
  await exited;
}

// One restart at a time: a second request waits for the first and then restarts again.
let restarting: Promise<void> = Promise.resolve();
const restart = () => (restarting = restarting.then(stop).then(start));

const control = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/restart') {
    response.writeHead(404).end();
    return;
  }
  restart().then(
    () => response.writeHead(204).end(),
    (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
  );
});

const quit = () => {
  control.close();
  void stop().finally(() => process.exit(0));
};
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.on('exit', () => child?.kill('SIGKILL'));

await start();
control.listen(controlPort, '127.0.0.1');
