import { defineConfig } from '@playwright/test';
import type { E2eOptions } from './tests/e2e/harness/fixtures';

// Browsers come from Debian packages and are launched by tests/e2e/harness/browsers.ts (no Playwright
// browser downloads). Every spec runs once per project, i.e. once in Chromium and once in Firefox.
export default defineConfig<E2eOptions>({
  testDir: 'tests',
  // why: the adversarial suite (tests/adversarial) runs in the same browsers and report as tests/e2e.
  testMatch: ['e2e/**/*.spec.ts', 'adversarial/**/*.spec.ts'],
  // why: 2 cores; each test launches a whole browser.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  // why: Playwright empties outputDir at start; keep it apart from the other reports in test-results/.
  outputDir: 'test-results/e2e-artifacts',
  projects: [
    { name: 'chromium', use: { browserKind: 'chromium' } },
    { name: 'firefox', use: { browserKind: 'firefox' } },
  ],
});
