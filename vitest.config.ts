import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/*.test.ts', 'tests/unit/**/*.test.{ts,tsx}', 'tests/adversarial/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    // why: PBKDF2 at 600k iterations takes ~0.5 s per derivation on this 2-core machine.
    testTimeout: 30_000,
  },
});
