import { defineConfig } from 'vitest/config';

// The build benchmark runs through vitest (a declared dev dependency) so that it imports the
// TypeScript sources as the tests do; `npm test` never picks it up (its files end in .bench.ts).
// Run: npx vitest run -c bench/build.vitest.config.mts   (env BENCH_SIZES=3000,100000,1000000)
export default defineConfig({
  test: {
    include: ['bench/build.bench.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    maxWorkers: 1,
  },
});
