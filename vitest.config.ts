import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests (`*.test.ts[x]`) and integration tests (`*.integration.test.ts`, real
// servers on loopback) share this config; the npm scripts pick one or the other.
// Browser tests live in tests/e2e and run under Playwright, never here.
export default defineConfig({
  plugins: [WxtVitest(), preact({ devToolsEnabled: false, prefreshEnabled: false })],
  test: {
    include: ['{lib,components,entrypoints,server,scripts,tests/unit}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'tests/e2e/**'],
    restoreMocks: true,
  },
});
