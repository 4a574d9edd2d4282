import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The tests Stryker (stryker.config.mjs, `npm run test:mutation`) runs against each mutant: the chat core's own
// tests and the command handler's. Narrower than vitest.config.ts on purpose: the score says how well THESE tests pin
// the rules, and each mutant reruns only the tests that reach it, so fewer files means a shorter run.
// (Not mergeConfig: it would append to base's `include` instead of replacing it.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['lib/chat/**/*.test.ts', 'lib/session/session-commands.test.ts'],
    exclude: ['**/node_modules/**', '**/*.integration.test.ts'],
  },
});
