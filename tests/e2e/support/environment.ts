import path from 'node:path';
import { findChromium } from '../../../scripts/chromium.ts';

// A port of its own so the e2e server never meets a running `npm start` (8377).
export const E2E_PORT = Number(process.env.BATON_E2E_PORT ?? 8391);
// Where the suite's server takes "start again from nothing" (tests/e2e/support/e2e-server.ts).
export const E2E_CONTROL_PORT = E2E_PORT + 1000;
export const CRM_URL = `http://127.0.0.1:${E2E_PORT}/crm/`;
export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
// Pinned by the manifest `key` (wxt.config.ts).
export const EXTENSION_ID = 'jobolockmhjgpbicekbbfdmnnfljnmbk';

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error("unable to start Chromium; set CHROMIUM_PATH or install Debian's chromium package");
  return found;
}
