// Mutation testing of the chat core and the command handler (issue 13): `npm run test:mutation`. Not part of
// `npm test`: it reruns the tests once per mutant (tens of minutes on two cores). docs/testing.md has the scores and
// why each surviving mutant is left. Stryker 10, not 9: the 9.6 vitest runner selects a test by its name joined with
// spaces, vitest 5 matches names joined with ' > ', so it ran no test and every mutant "survived". Stryker 10 wants
// Node 22, which the npm scripts get from the `node` dev dependency.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'lib/chat/**/*.ts',
    '!lib/chat/**/*.test.ts',
    // Test support, never shipped.
    '!lib/chat/test-harness.ts',
    '!lib/chat/flow-fixtures.ts',
    '!lib/chat/simulation.ts',
    // The bench's synthetic chat and timer (npm run bench), not a rule of the chat.
    '!lib/chat/fold-timing.ts',
    'lib/session/session-commands.ts',
  ],
  // Type errors from a mutant are not failures a test should catch; vitest strips types anyway.
  checkers: [],
  coverageAnalysis: 'perTest',
  // Two cores shared by several developers.
  concurrency: 1,
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
