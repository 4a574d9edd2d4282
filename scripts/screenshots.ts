// `npm run screenshots`: pictures of Baton on the demo CRM for the README (docs/images/).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension, sidebarFrame, startServer } from './local-stack.ts';

const port = 8392;
const outDir = path.resolve('docs/images');

async function shoot(language: 'en' | 'da', query: string, file: string): Promise<void> {
  const context = await launchWithExtension(language);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // Runs in the service worker, where `chrome` is the extension API.
    type WorkerGlobal = { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await worker.evaluate((lang) => (globalThis as unknown as WorkerGlobal).chrome.storage.local.set({ language: lang }), language);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/crm/default.aspx?${query}`);
    await sidebarFrame(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, file) });
  } finally {
    await context.close();
  }
}

const server = await startServer(port);
try {
  mkdirSync(outDir, { recursive: true });
  await shoot('en', 'person_main&person_id=1', 'sidebar-en.png');
  await shoot('da', 'person_main&person_id=1', 'sidebar-da.png');
  console.log(`Screenshots written to ${outDir}`);
} finally {
  server.kill();
}
