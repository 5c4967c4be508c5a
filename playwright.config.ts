import { defineConfig } from '@playwright/test';

/**
 * E2E runs the real engine behind `vigil serve` (started by e2e/run.mjs, which passes the URL
 * with its token in VIGIL_URL) and drives Debian's Chromium through playwright-core; Playwright's
 * own browser downloads are not available here. The Electron spec runs only where the Electron
 * binary exists and reports itself skipped elsewhere.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e/artifacts/test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
