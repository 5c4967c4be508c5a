import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell';
import { EngineClient } from './pages/engine-client';

// Explain on real pipeline output: a workspace of its own with two demo counters and one access
// log (real import, outages from the health checks), a small CNN comparison in the workers (its
// models are saved), then the Explain area on an outage window. Asserts what is shown against
// the engine: the window and counters equal `explain:window`'s, the map is drawn, keyboard
// stepping moves to the next candidate. Screenshots in light and dark.
const url = process.env['VIGIL_URL'];
const home = process.env['VIGIL_E2E_WORKSPACE'];

test.describe('explain', () => {
  test.skip(!url, 'VIGIL_URL is not set: run through `npm run test:e2e`, which starts `vigil serve`');
  test.setTimeout(900_000);

  test('explains an outage window of a CNN: heatmaps of the workspace’s counters, method switch, keyboard, averaged maps', async ({ page }) => {
    const app = new AppShell(page);
    const engine = await EngineClient.connect(url!);
    try {
      await engine.openDemoWorkspace('explain');
      await engine.runJob('compare', { models: ['cnn'], splits: ['blocked'], folds: 2, sampling: ['full'], epochs: 2, batchSize: 32, seed: 0 }, 600_000);
      const run = (await engine.invoke('runs:list', {})).find((r) => r.state === 'succeeded')!;
      const candidates = await engine.invoke('explain:windows', { runId: run.id, model: 'cnn', setting: 'blocked/full', limit: 500 });
      const outage = candidates.find((c) => c.kind === 'outage');
      expect(outage, 'the demo log has outages before which windows are anomalous').toBeTruthy();
      const expected = await engine.invoke('explain:window', { runId: run.id, model: 'cnn', setting: 'blocked/full', windowIndex: outage!.windowIndex });
      const series = await engine.invoke('series:list', {});
      // The counters explained are the workspace's own.
      for (const c of expected.counters) expect(series.some((s) => s.counters.includes(c))).toBe(true);

      await app.open(url!);
      if ((await app.console.getAttribute('data-open')) === 'true') await app.toggleConsoleViaShortcut();
      await app.chooseTheme('light');
      await app.gotoViaNav('explain');
      await expect(page.getByTestId('explain-model')).toHaveValue('cnn');
      await expect(page.getByTestId('explain-candidate')).toHaveCount(candidates.length);

      // The first outage window opens by itself: its meta line and its counters are the engine's.
      const win = page.getByTestId('explain-window');
      await expect(win).toHaveAttribute('data-window-index', String(outage!.windowIndex));
      await expect(win).toHaveAttribute('data-counters', expected.counters.join('|'));
      await expect(page.getByTestId('explain-window-meta')).toContainText(outage!.object);
      await expect(page.getByTestId('explain-values').locator('canvas').first()).toBeVisible();
      await expect(page.getByTestId('explain-raw').locator('canvas').first()).toBeVisible();
      await expect(page.getByTestId('explain-map').locator('canvas').first()).toBeVisible();
      // Method switch: one segment per counters × time map the engine returned.
      const gridMaps = expected.maps.filter((m) => m.grid === 'counter-time');
      await expect(page.getByTestId('explain-method').getByRole('radio')).toHaveCount(gridMaps.length);
      await page.getByTestId('explain-method').getByRole('radio').last().click();
      await expect(page.getByTestId('explain-map')).toContainText(/Input gradient|Grad-CAM|Activation/);
      await page.getByTestId('explain-window-section').scrollIntoViewIfNeeded();
      await app.screenshot('explain-window-light');

      // Keyboard: j → the next candidate in the table.
      await page.locator('#area-main').focus();
      await page.keyboard.press('j');
      const next = candidates[(candidates.findIndex((c) => c.windowIndex === outage!.windowIndex) + 1) % candidates.length]!;
      await expect(win).toHaveAttribute('data-window-index', String(next.windowIndex));
      await page.keyboard.press('k');
      await expect(win).toHaveAttribute('data-window-index', String(outage!.windowIndex));

      // Averaged maps: the job in the workers, then normal beside anomalous.
      await page.getByTestId('explain-avg-start').click();
      await expect(page.getByTestId('explain-avg-anomalous').locator('canvas').first()).toBeVisible({ timeout: 600_000 });
      await expect(page.getByTestId('explain-avg-normal').locator('canvas').first()).toBeVisible();

      // Embedding scatter.
      await page.getByTestId('explain-emb-show').click();
      await expect(page.getByTestId('explain-embedding').locator('canvas').first()).toBeVisible({ timeout: 120_000 });

      await app.chooseTheme('dark');
      await page.getByTestId('explain-window-section').scrollIntoViewIfNeeded();
      await app.screenshot('explain-window-dark');
      await page.getByTestId('explain-avg-section').scrollIntoViewIfNeeded();
      await app.screenshot('explain-averaged-dark');
      await app.themeOption('system').click();
    } finally {
      if (home) await engine.invoke('workspace:open', { path: home, create: true }).catch(() => undefined);
      engine.close();
    }
  });
});
