import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The exported report opens from disk in a browser with the network disabled and shows the
// comparison the engine computed. The report is produced by the real CLI on its own workspace
// (the one behind `vigil serve` is held open by that server).
const root = join(import.meta.dirname, '..');
const demo = join(root, 'resources/demo/data');
const vigil = (...args: string[]) => execFileSync(process.execPath, [join(root, 'bin/vigil.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, VIGIL_CONFIG_DIR: join(tmp, 'config') } });
const tmp = mkdtempSync(join(tmpdir(), 'vigil-report-e2e-'));

test('the offline report opens from disk with no network and holds the comparison table', async ({ browser }) => {
  test.setTimeout(180_000);
  const ws = join(tmp, 'ws');
  vigil('import', '-w', ws, '--tz', 'Asia/Seoul', ...['ActiveService', 'ElapsedTime', 'GcTime', 'HeapUsed'].map((c) => join(demo, `[20240304-20240505]tomcat_${c}.csv`)), join(demo, 'access-MIS-WAS-A.log.gz'), join(demo, 'access-MIS-WAS-B.log.gz'));
  const result = JSON.parse(vigil('compare', ws, '--models', 'pca,iforest,random', '--split', 'blocked', '--folds', '2', '--sampling', 'full', '--json', '-q')) as {
    runId: string;
    rows: { model: string; summary: { metrics: { rocAuc: { mean: number | null; std: number | null } } } }[];
  };
  const out = vigil('report', '-w', ws, '--no-pdf');
  const file = /report: (.+\.html)/.exec(out)?.[1];
  expect(file).toBeTruthy();

  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(pathToFileURL(file!).href);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Vigil');
  await expect(page.locator('body')).toContainText(result.runId);
  for (const row of result.rows) {
    const m = row.summary.metrics.rocAuc;
    const cell = m.mean === null ? 'undef' : `${m.mean.toFixed(3)} ± ${(m.std ?? 0).toFixed(3)}`;
    await expect(page.locator('table.comparison tr').filter({ has: page.getByRole('cell', { name: row.model, exact: true }) })).toContainText(cell);
  }
  expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
  // Nothing but the file itself was requested.
  expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  await page.screenshot({ path: 'e2e/artifacts/report-offline.png', fullPage: false });
  await context.close();
});
