import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The tests Stryker (stryker.config.mjs, `npm run test:mutation`) runs against each mutant: the chat core's own
// tests and the command handler's. Narrower than vitest.config.ts on purpose: the score says how well THESE tests pin
// the rules, and each mutant reruns only the tests that reach it, so fewer files means a shorter run.
// The convergence property test is left out: it reaches every line of the fold, so each mutant would rerun seconds of
// random schedules; the rules it relies on are pinned by the example tests (docs/testing.md). One worker reused
// across files (isolate: false) saves a worker start per file per mutant; these tests share no module state.
// (Not mergeConfig: it would append to base's `include` instead of replacing it.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['lib/chat/**/*.test.ts', 'lib/session/session-commands.test.ts'],
    exclude: ['**/node_modules/**', '**/*.integration.test.ts', 'lib/chat/convergence.test.ts'],
    isolate: false,
  },
});
