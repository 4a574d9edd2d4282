// `npm start`: the local Baton server (hub, token service, demo CRM, simulated
// colleagues and visitors) plus Chromium with the built extension, signed in as a demo
// agent, on the demo CRM. `npm run agent -- <id>` opens another agent's profile.
// Stops everything on Ctrl+C, or when the browser is closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from '@playwright/test';
import { ensureChromium } from './chromium.ts';
import { EXTENSION_DIR } from './local-stack.ts';

const { values } = parseArgs({
  options: {
    as: { type: 'string', default: 'alice' },
    'no-server': { type: 'boolean', default: false },
  },
});
const ROSTER_NAMES: Record<string, string> = { alice: 'Alice Andersen', bob: 'Bob Berg', carla: 'Carla Christensen', mia: 'Mia Madsen', lars: 'Lars Lund' };
const agentId = values.as;
const port = Number(process.env.BATON_PORT ?? 8377);
const origin = `http://127.0.0.1:${port}`;
const crmUrl = `${origin}/crm/`;
const profileDir = path.resolve(process.env.BATON_PROFILE ?? `.data/chromium-${agentId}`);
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

let server: ChildProcess | undefined;
let context: BrowserContext | undefined;
let stopping = false;
async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  server?.kill('SIGTERM');
  // Closing the browser can hang if it is already going away; never let it keep us.
  await Promise.race([context?.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Whatever started this (npm) may be killed without passing the signal on (`timeout`, a closed CI step):
// never outlive it with a server and a browser nobody can stop.
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && void stop(0), 1000).unref();

async function waitForServer(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`unable to reach the Baton server at ${url}; is it running (npm start)?`);
}

async function main(): Promise<void> {
  const executablePath = ensureChromium();
  if (!values['no-server']) {
    server = spawn(process.execPath, ['server/serve.ts', '--port', String(port), '--data', '.data/hub', '--simulate'], { stdio: 'inherit' });
    server.on('exit', (code) => {
      if (!stopping) console.error(`The Baton server stopped (exit ${code}).`);
      void stop(code ?? 1);
    });
  }
  await waitForServer(crmUrl);

  mkdirSync(profileDir, { recursive: true });
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: !hasDisplay,
    // A real window sizes itself; headless gets a laptop-sized page.
    viewport: hasDisplay ? null : { width: 1400, height: 860 },
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--no-default-browser-check'],
  });
  context.on('close', () => void stop(0));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // Sign this profile in as the demo agent (the options page can change it later).
  await worker.evaluate(
    async ([id, name]) => {
      const stored = await chrome.storage.local.get('agent');
      if (!stored.agent) await chrome.storage.local.set({ agent: { id, name } });
    },
    [agentId, ROSTER_NAMES[agentId] ?? agentId] as const,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(crmUrl);
  // For docs and headless checks: BATON_SCREENSHOT=file.png saves what the agent sees.
  if (process.env.BATON_SCREENSHOT) {
    await page.waitForTimeout(5000);
    await page.screenshot({ path: process.env.BATON_SCREENSHOT });
  }

  console.log('');
  console.log(`Baton is running, signed in as ${ROSTER_NAMES[agentId] ?? agentId}.`);
  console.log(`  demo CRM      ${crmUrl}`);
  console.log(`  extension     ${EXTENSION_DIR}`);
  console.log(`  profile       ${profileDir}`);
  if (!values['no-server']) {
    console.log('  colleagues    Bob accepts transfers, Carla rejects them, Mia (manager) is away;');
    console.log('                a visitor is waiting in the queue, another arrives in a minute or so.');
    console.log('  second agent  npm run agent -- lars   (Lars Lund, Can listen in), in its own window');
  }
  if (!hasDisplay) console.log('  No display found, so Chromium runs headless.');
  console.log('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
