// `npm start`: the local Baton server plus Chromium with the built extension, on the
// demo CRM. Stops both on Ctrl+C, or when Chromium is closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './chromium.ts';

const port = Number(process.env.BATON_PORT ?? 8377);
const crmUrl = `http://127.0.0.1:${port}/crm/`;
const extensionDir = path.resolve('.output/chrome-mv3');
const profileDir = path.resolve(process.env.BATON_PROFILE ?? '.data/chromium-profile');
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

const children: ChildProcess[] = [];
let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForServer(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`unable to start the Baton server; nothing answered at ${url} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const chromium = ensureChromium();
  const server = spawn(process.execPath, ['server/serve.ts', '--port', String(port)], { stdio: 'inherit' });
  children.push(server);
  server.on('exit', (code) => {
    if (!stopping) console.error(`The Baton server stopped (exit ${code}).`);
    stop(code ?? 1);
  });
  await waitForServer(crmUrl);

  mkdirSync(profileDir, { recursive: true });
  const args = [
    `--user-data-dir=${profileDir}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(hasDisplay ? [] : ['--headless', '--remote-debugging-port=9222']),
    crmUrl,
  ];
  const browser = spawn(chromium, args, { stdio: 'ignore' });
  children.push(browser);
  browser.on('exit', () => stop(0));

  console.log('');
  console.log(`Baton is running.`);
  console.log(`  demo CRM     ${crmUrl}`);
  console.log(`  extension    ${extensionDir} (loaded into ${chromium})`);
  console.log(`  profile      ${profileDir}`);
  if (!hasDisplay) {
    console.log('  No display found, so Chromium runs headless; inspect it at http://127.0.0.1:9222');
  }
  console.log('Press Ctrl+C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
