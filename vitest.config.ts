import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (`*.test.ts`). Worker-pool tests need the bundled
// worker entry points, so the global setup builds src-main once (esbuild, ~1 s).
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'resources/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
