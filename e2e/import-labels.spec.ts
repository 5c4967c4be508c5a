import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInOffset } from '../shared/domain/time';
import { AppShell } from './pages/app-shell';
import { EngineClient } from './pages/engine-client';
import { ImportPage, JobResults } from './pages/import-page';
import { LabelsPage } from './pages/labels-page';

// Import through the UI (upload → dry-run preview → commit), then label in the Labels area.
// The harness (e2e/run.mjs) starts `vigil serve` on a fresh temp workspace and passes VIGIL_URL.
const url = process.env['VIGIL_URL'];
const DEMO = join(process.cwd(), 'resources/demo/data');
const FILES = ['[20240304-20240505]tomcat_TPS.csv', '[20240304-20240505]tomcat_HeapUsed.csv', 'access-MIS-WAS-A.log.gz'];

test.describe.configure({ mode: 'serial' });

test.describe('import and labels', () => {
  test.skip(!url, 'VIGIL_URL is not set: run through `node e2e/run.mjs`, which starts `vigil serve`');

  test('shows a parse error inline on the file it is in, with line and column', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    await app.gotoViaNav('import');
    const imp = new ImportPage(page);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bad-'));
    const bad = '[20240304-20240505]tomcat_TPS.csv';
    writeFileSync(join(dir, bad), '"Time","/W/A","/W/B"\n"2024-03-04 00:00","0.42","2.38"\n"2024-03-04 00:05","abc","2.41"\n');
    await imp.addFiles([join(dir, bad)]);
    await imp.previewButton.click();
    const inline = imp.row(bad).getByTestId('preview-file-error');
    await expect(inline).toContainText('PARSE_ERROR');
    await expect(inline).toContainText(/\b3\b/); // the line
    await expect(imp.commitButton).toBeDisabled();
    await app.screenshot('import-error');
    await imp.clear();
  });

  test('uploads, previews and imports demo files, then labels and undoes a span', async ({ page }) => {
    const app = new AppShell(page);
    const jobs = new JobResults(page);
    const engine = await EngineClient.connect(url!);
    try {
      await app.open(url!);
      // More room for the areas in the screenshots.
      if ((await app.console.getAttribute('data-open')) === 'true') await app.toggleConsoleViaShortcut();
      await app.gotoViaNav('import');
      const imp = new ImportPage(page);

      // 1. Pick three files through the file input; nothing is uploaded yet.
      await imp.addFiles(FILES.map((f) => join(DEMO, f)));
      await imp.timeZone.selectOption('Asia/Seoul');
      await app.screenshot('import-selected');

      // 2. Preview = upload + dry-run import job; the UI shows what the job recognised.
      await imp.preview();
      const dry = jobs.lastImport(true);
      expect(dry, 'the dry-run job result reached the page').toBeTruthy();
      for (const counter of ['TPS', 'HeapUsed']) {
        const file = FILES.find((f) => f.includes(`_${counter}.`))!;
        const fromJob = dry!.files.find((f) => f.file.endsWith(file));
        expect(fromJob?.detail['counter']).toBe(counter);
        await expect(imp.row(file).getByTestId('fact-counter')).toContainText(counter);
      }
      await expect(imp.row(FILES[2]!).getByTestId('fact-format')).toContainText(String(dry!.files.find((f) => f.kind === 'access-log')?.detail['format']));
      await expect(imp.previewOutageCount).toHaveText(String(dry!.outages.length));
      expect(dry!.outages.length).toBeGreaterThan(0);
      // A dry run writes nothing.
      expect(await engine.invoke('imports:list', {})).toEqual([]);
      await imp.previewSummary.scrollIntoViewIfNeeded();
      await app.screenshot('import-preview');

      // 3. Commit = the same job without dryRun.
      await imp.commit();
      const done = jobs.lastImport(false);
      expect(done?.outages.length).toBe(dry!.outages.length);
      await expect(imp.importsTable.locator('tbody tr')).toHaveCount(FILES.length);
      await app.screenshot('import-committed');

      // 4. Labels: the outage table is what the engine has.
      await app.gotoViaNav('labels');
      const labels = new LabelsPage(page);
      const outages = await engine.invoke('outages:list', {});
      expect(outages.length).toBe(dry!.outages.length);
      await expect(labels.outageRows).toHaveCount(outages.length);
      for (const [i, o] of outages.entries()) {
        const from = formatInOffset(o.startMs, o.utcOffsetMinutes); // the log's own offset
        await expect(labels.outageRows.nth(i)).toContainText(from.slice(0, 10) + from.slice(11));
      }
      await labels.waitForChart();
      await app.screenshot('labels-chart');

      // Click-to-jump: the row is selected and the view zooms in.
      await labels.outageRows.first().click();
      await expect(labels.outageRows.first()).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('zoom-reset')).toBeEnabled();
      await page.getByTestId('zoom-reset').click();
      await labels.waitForChart();

      // 5. Brush a span, label it with `l`, undo with Ctrl+Z: two new versions, spans as before.
      const [set] = await engine.invoke('labels:list', {});
      const before = await engine.invoke('labels:get', { labelSetId: set!.labelSetId });
      const versionsBefore = before.version;
      await labels.expectVersions(versionsBefore);

      await labels.brush(0.3, 0.36);
      await app.screenshot('labels-brushed');
      await labels.press('l');
      await labels.expectVersions(versionsBefore + 1);
      const added = await engine.invoke('labels:get', { labelSetId: set!.labelSetId });
      expect(added.spans.length).toBe(before.spans.length + 1);
      expect(added.spans.filter((s) => s.provenance === 'human')).toHaveLength(1);
      await expect(labels.diff.getByTestId('diff-added')).toBeVisible();
      await app.screenshot('labels-span-added');
      await labels.diff.scrollIntoViewIfNeeded();
      await app.screenshot('labels-versions-diff');

      await labels.press('ControlOrMeta+z');
      await labels.expectVersions(versionsBefore + 2);
      const undone = await engine.invoke('labels:get', { labelSetId: set!.labelSetId });
      expect(undone.edit).toEqual({ kind: 'undo', undoneVersion: added.version });
      expect(undone.spans.map((s) => s.id).sort()).toEqual(before.spans.map((s) => s.id).sort());
      const versions = await engine.invoke('labels:versions', { labelSetId: set!.labelSetId });
      expect(versions.map((v) => v.edit.kind).slice(-2)).toEqual(['add-span', 'undo']);
      await app.screenshot('labels-undone');

      // Both themes and both languages render the area.
      await app.chooseTheme('dark');
      await labels.waitForChart();
      await app.screenshot('labels-dark');
      await app.chooseLocale('ko');
      await labels.waitForChart();
      await app.screenshot('labels-ko-dark');
      await app.chooseLocale('en');
      await app.chooseTheme('light');
      await app.themeOption('system').click();
    } finally {
      engine.close();
    }
  });
});
