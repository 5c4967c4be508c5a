import { expect, test } from '@playwright/test';
import { RUN_METRICS } from '../shared/domain/runs';
import { bestByMetric, foldsNote, formatStat, tableToCsv } from '../src-renderer/compare/model-table';
import { AppShell } from './pages/app-shell';
import { ComparePage } from './pages/compare-page';
import { EngineClient } from './pages/engine-client';
import { ReportsPage } from './pages/reports-page';
import { TrainingPage } from './pages/training-page';

// Training → Compare → Reports on real data, in a workspace of its own (opened through
// `workspace:open`, the harness's one restored at the end), so it does not depend on the order
// of the specs. Import goes through the engine's job (the same `jobs:start` the Import area uses).
const url = process.env['VIGIL_URL'];
const home = process.env['VIGIL_E2E_WORKSPACE'];
const MODELS = ['random', 'pca', 'iforest'];

test.describe('compare and report', () => {
  test.skip(!url, 'VIGIL_URL is not set: run through `npm run test:e2e`, which starts `vigil serve`');
  test.setTimeout(600_000);

  test('trains from the Training area, shows the run in Compare as stored, and writes a report that holds the table', async ({ page, context }) => {
    const app = new AppShell(page);
    const engine = await EngineClient.connect(url!);
    try {
      await engine.openDemoWorkspace('compare');
      expect((await engine.invoke('labels:list', {})).length).toBeGreaterThan(0);

      await app.open(url!);
      if ((await app.console.getAttribute('data-open')) === 'true') await app.toggleConsoleViaShortcut();

      // 1. Training: the backend is named at the top; a small blocked comparison of the baselines.
      await app.gotoViaNav('training');
      const training = new TrainingPage(page);
      const backend = await engine.invoke('engine:backend', {});
      await expect(training.backendName).toHaveText(backend.name);
      if (backend.skipped.length > 0) await expect(training.backendSkipped).toContainText(backend.skipped[0]!.name);
      await expect(training.kfoldWarning).toBeVisible();
      await app.screenshot('training-form');
      await training.chooseSmallComparison(MODELS, 2);
      await training.start.click();
      await expect(training.taskRows).toHaveCount(MODELS.length * 2);
      expect(await training.waitForEnd(400_000)).toBe('succeeded');
      await app.screenshot('training-finished');

      const runs = await engine.invoke('runs:list', {});
      const run = runs.find((r) => r.kind === 'comparison' && r.state === 'succeeded');
      expect(run, 'a succeeded comparison is stored').toBeTruthy();
      const detail = await engine.invoke('runs:get', { runId: run!.id });
      expect(detail.groups.map((g) => g.setting)).toEqual(['blocked/full']);

      // 2. Compare: every cell equals what runs:get holds, the best per column is marked.
      await app.gotoViaNav('compare');
      const compare = new ComparePage(page);
      await compare.waitForRun(run!.id);
      const group = detail.groups[0]!;
      expect(group.rows.map((r) => r.model).sort()).toEqual([...MODELS].sort());
      const best = bestByMetric(group.rows);
      for (const r of group.rows) {
        for (const m of RUN_METRICS) {
          const cell = compare.cell('blocked', 'full', r.model, m);
          const note = foldsNote(r.metrics[m], r.folds);
          await expect(cell).toHaveText(`${formatStat(r.metrics[m], m)}${note ? ` (${note})` : ''}`);
          if (best[m].has(r.model)) await expect(cell).toHaveAttribute('data-best', 'true');
        }
      }
      await expect(compare.roc.locator('canvas')).toBeVisible();
      await expect(compare.pr.locator('canvas')).toBeVisible();
      await expect(compare.confusion.locator('table')).toHaveCount(MODELS.length);
      await expect(compare.thresholdSummary).toBeVisible();
      // The threshold slider recomputes client-side: flagging every window catches every outage.
      await compare.thresholdSlider.fill('100');
      const caughtAll = async () => {
        const m = /(\d+) of (\d+) outages caught/.exec((await compare.thresholdSummary.textContent()) ?? '');
        return m !== null && m[1] === m[2] && Number(m[2]) > 0;
      };
      await expect.poll(caughtAll).toBe(true);
      await compare.thresholdSlider.fill('0');
      await expect(compare.thresholdSummary).toContainText('0.0 alerts per day · 0 of');
      await compare.thresholdSlider.fill('50');
      await app.screenshot('compare-run');

      // Copy as CSV puts the stored numbers on the clipboard; a chart saves as SVG.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url!).origin });
      await compare.copyCsv('blocked', 'full').click();
      await expect(compare.copied('blocked', 'full')).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tableToCsv(group.rows, 'blocked/full'));
      const download = page.waitForEvent('download');
      await compare.roc.getByTestId('chart-roc-svg').click();
      const svg = await download;
      expect(svg.suggestedFilename()).toBe('vigil-roc-blocked-full.svg');
      await compare.roc.scrollIntoViewIfNeeded();
      await app.screenshot('compare-charts');

      // 3. Reports: generate (English, PDF printed by the engine's Chromium), open, and find the table in it.
      await app.gotoViaNav('reports');
      const reports = new ReportsPage(page);
      await reports.generate({ locale: 'en', pdf: true });
      await expect(reports.result).toHaveClass(/notice-success/);
      await expect(reports.rows).toHaveCount(1);
      await expect(reports.frameElement).toHaveAttribute('sandbox', '');
      const listed = await engine.invoke('reports:list', {});
      expect(listed).toHaveLength(1);
      const frame = reports.frame;
      for (const r of group.rows) {
        await expect(frame.locator('td', { hasText: formatStat(r.metrics.rocAuc, 'rocAuc') }).first()).toBeVisible();
        await expect(frame.locator('td', { hasText: r.model }).first()).toBeVisible();
      }
      await app.screenshot('reports-open');
      await expect(engine.invoke('reports:read', { name: '../workspace' })).rejects.toThrow(/INVALID_REQUEST/);
    } finally {
      if (home) await engine.invoke('workspace:open', { path: home, create: true }).catch(() => undefined);
      engine.close();
    }
  });
});
