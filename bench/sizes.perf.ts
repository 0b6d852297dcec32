// Section 5 of issue 7: bundle sizes per entrypoint, raw and gzip (level 9), for both browsers' builds.
import { test } from '@playwright/test';
import { extensionDirFor } from '../tests/e2e/harness/browsers';
import { entrypointSizes } from './support/bundle-sizes';
import { writeSection, type SizeRow } from './support/results';

// why: budgets in kB of 1,000 bytes, the stricter reading of "KB". Issue 17.3: the popup entry ≤ 25 kB gzip
// (was 60 kB in issue 7); tests/e2e/package.spec.ts enforces it.
const POPUP_INITIAL_JS_GZIP_BUDGET = 25_000;
const CONTENT_SCRIPT_GZIP_BUDGET = 20_000;
// Issue 21's target for the service worker, parsed on every wake-up. tests/e2e/package.spec.ts enforces
// what has been reached so far (125 kB: the importers, scrypt and Dexie still load with it).
const BACKGROUND_GZIP_BUDGET = 100_000;

test('bundle sizes per entrypoint', () => {
  const sizes: SizeRow[] = [];
  for (const kind of ['chromium', 'firefox'] as const) {
    const browser = kind === 'chromium' ? 'chrome-mv3' : 'firefox-mv3';
    for (const entry of entrypointSizes(extensionDirFor(kind))) {
      const budget =
        entry.entry === 'popup JS (initial)'
          ? POPUP_INITIAL_JS_GZIP_BUDGET
          : entry.entry.startsWith('content-scripts/')
            ? CONTENT_SCRIPT_GZIP_BUDGET
            : entry.entry === 'background'
              ? BACKGROUND_GZIP_BUDGET
              : undefined;
      sizes.push({
        label: `${browser}: ${entry.entry}`,
        rawBytes: entry.rawBytes,
        gzipBytes: entry.gzipBytes,
        budgetGzipBytes: budget,
        note: entry.files.length > 1 ? entry.files.join(' + ') : undefined,
      });
    }
  }
  writeSection({
    id: '5-sizes',
    title: '5. Bundle sizes per entrypoint (.output)',
    sizes,
    notes: [
      "A page's initial JS = its <script>/modulepreload files plus their static imports; chunks reached only " +
        'through import() are listed as lazy.',
    ],
  });
});
