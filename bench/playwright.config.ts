import { defineConfig } from '@playwright/test';

// `npm run bench` (bench/run.mjs) runs these files; `npm test` never does (its config reads tests/e2e only).
// Each *.perf.ts writes its figures to test-results/bench/<section>.json; run.mjs prints the tables.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.perf.ts',
  // why: 2 shared cores; a second worker would measure the two benches against each other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // why: the popup spec measures 4 vault sizes up to 5,000 accounts in one test (~2 min, more when busy).
  timeout: 480_000,
  reporter: [['list']],
  outputDir: '../test-results/bench-artifacts',
});
