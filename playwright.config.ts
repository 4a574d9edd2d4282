import { defineConfig } from '@playwright/test';
import { E2E_CONTROL_PORT, E2E_PORT } from './tests/e2e/support/environment.ts';

// Browser tests load the *built* extension (`npm run build` first) into Debian's
// Chromium; see tests/e2e/support/extension-context.ts. Never `playwright install`.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  // Two cores carry the hub, the token service and two or three Chromiums at once; a CI run retries a failed
  // test once, and the report names it flaky, so a slow moment is seen without sinking the whole run.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalSetup: './tests/e2e/support/global-setup.ts',
  use: { trace: 'retain-on-failure' },
  webServer: {
    // Baton's server under a small supervisor that starts it afresh before every test (extension-context.ts).
    // policy-site-access.spec maps these names to 127.0.0.1; local mode answers only loopback Hosts otherwise.
    command: `node tests/e2e/support/e2e-server.ts --port ${E2E_PORT} --control ${E2E_CONTROL_PORT} -- --allow-host crm.example.test,other.example.test`,
    url: `http://127.0.0.1:${E2E_PORT}/crm/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
