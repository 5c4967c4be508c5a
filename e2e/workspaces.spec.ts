import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppShell } from './pages/app-shell';
import { EngineClient } from './pages/engine-client';

// Recent workspaces in browser mode (`vigil serve`): open another folder from the top bar's menu
// (Ctrl+O), see both in the recent list with their times, switch back with a click, and see a
// deleted one marked missing. The harness's workspace is the current one again at the end.
const url = process.env['VIGIL_URL'];
const home = process.env['VIGIL_E2E_WORKSPACE'];

test.describe('recent workspaces', () => {
  test.skip(!url, 'VIGIL_URL is not set: run through `npm run test:e2e`, which starts `vigil serve`');

  test('opens a folder from the menu, lists it with its time, switches back, marks a deleted one missing', async ({ page }) => {
    const app = new AppShell(page);
    const engine = await EngineClient.connect(url!);
    const other = join(mkdtempSync(join(tmpdir(), 'vigil-e2e-recent-')), 'ws');
    try {
      await app.open(url!);
      const start = (await engine.invoke('app:info', {})).workspace!.path;
      await expect(app.workspacePath).toContainText(start.slice(-20));

      // Ctrl+O opens the menu; the current workspace is listed and marked current.
      await page.locator('#area-main').focus();
      await page.keyboard.press('Control+o');
      const menu = page.getByTestId('workspace-menu');
      await expect(menu).toBeVisible();
      await expect(menu.locator(`[data-testid="recent-workspace"][data-path="${start}"]`)).toContainText(/current/);

      // Open (create) another folder by path.
      await page.getByTestId('workspace-open-path').fill(other);
      await page.getByTestId('workspace-open-submit').click();
      await expect(menu).toBeHidden();
      await expect(app.workspacePath).toContainText('ws');
      expect((await engine.invoke('app:info', {})).workspace!.path).toBe(other);
      await app.screenshot('workspaces-other');

      // Both are recent, newest first, each with when it was opened.
      const recent = await engine.invoke('workspace:recent', {});
      expect(recent[0]!.path).toBe(other);
      expect(recent.some((r) => r.path === start)).toBe(true);
      await app.workspacePath.click();
      const rows = menu.getByTestId('recent-workspace');
      await expect(rows.first()).toHaveAttribute('data-path', other);
      await expect(rows.first()).toContainText(/opened \d{4}-\d{2}-\d{2}/);
      await app.screenshot('workspaces-menu');

      // A click on the first one switches back.
      await menu.locator(`[data-testid="recent-workspace"][data-path="${start}"] .recent-open`).click();
      await expect(menu).toBeHidden();
      await expect.poll(async () => (await engine.invoke('app:info', {})).workspace!.path).toBe(start);

      // The other folder is deleted: it is listed as missing, and opening it says why.
      rmSync(other, { recursive: true, force: true });
      await page.keyboard.press('Escape');
      await app.workspacePath.click();
      const gone = menu.locator(`[data-testid="recent-workspace"][data-path="${other}"]`);
      await expect(gone).toHaveAttribute('data-missing', 'true');
      await gone.locator('.recent-open').click();
      await expect(menu.getByRole('alert').first()).toBeVisible();
      await gone.getByTestId('recent-forget').click();
      await expect(gone).toHaveCount(0);
    } finally {
      if (home) await engine.invoke('workspace:open', { path: home, create: true }).catch(() => undefined);
      engine.close();
    }
  });
});
