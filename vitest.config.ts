import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the workspace packages from their TypeScript sources, so `vitest run`
// does not depend on a stale build; the CLI's end-to-end tests run the built bin.
const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@chainlens/core/graph': src('./packages/core/src/graph/index.ts'),
      '@chainlens/core/metrics': src('./packages/core/src/metrics/index.ts'),
      '@chainlens/core/chain': src('./packages/core/src/chain/index.ts'),
      '@chainlens/core/report': src('./packages/core/src/report/index.ts'),
      '@chainlens/core/i18n': src('./packages/core/src/i18n/index.ts'),
      '@chainlens/core/internal': src('./packages/core/src/internal.ts'),
      '@chainlens/core': src('./packages/core/src/index.ts'),
      '@chainlens/io/node': src('./packages/io/src/node.ts'),
      '@chainlens/io': src('./packages/io/src/index.ts'),
      '@chainlens/scale/prepared': src('./packages/scale/src/prepared.ts'),
      '@chainlens/scale/parallel': src('./packages/scale/src/parallel/index.ts'),
      '@chainlens/scale': src('./packages/scale/src/index.ts'),
    },
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'benchmarks/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    // Tests read English output unless they ask for another language; the machine's locale
    // must not change what they see (spawned CLIs inherit this).
    env: { CHAINLENS_LANG: 'en' },
    pool: 'forks',
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
