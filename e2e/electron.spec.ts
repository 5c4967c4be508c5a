import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real desktop window. Runs only where the Electron binary is installed; elsewhere it is
// reported as skipped (the browser specs cover the same renderer over the loopback transport).
const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const bin = electronBinary();

test.describe('Electron window', () => {
  test.skip(bin === null, 'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); browser specs cover the renderer');

  test('opens the hardened window and reaches ready', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vigil-electron-'));
    const app = await electron.launch({
      executablePath: bin!,
      args: [join(import.meta.dirname, '..'), `--workspace=${join(tmp, 'ws')}`, '--no-sandbox'],
      env: { ...process.env, VIGIL_CONFIG_DIR: join(tmp, 'config') },
    });
    const win = await app.firstWindow();
    await expect(win.locator('[data-app-state="ready"]')).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      // getLastWebPreferences exists at run time but is missing from Electron's typings.
      const p = (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences();
      return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await win.screenshot({ path: 'e2e/artifacts/electron-window.png' });
    await app.close();
  });
});
