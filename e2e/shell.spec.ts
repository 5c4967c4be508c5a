import { expect, test } from '@playwright/test';
import { catalogue } from '../shared/i18n';
import { AppShell, AREAS } from './pages/app-shell';

// The renderer shell over the loopback transport. The harness (e2e/run.mjs) starts `vigil serve`
// on a temp workspace and config dir and passes its URL, token included, as VIGIL_URL.
const url = process.env['VIGIL_URL'];

// Theme and language are engine settings shared by every page of this server: run in order.
test.describe.configure({ mode: 'serial' });

test.describe('renderer shell', () => {
  test.skip(!url, 'VIGIL_URL is not set: run through `npm run test:e2e`, which starts `vigil serve`');

  test('reaches ready and shows the workspace and the transport', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    await expect(app.transport).toHaveAttribute('data-transport', 'loopback');
    await expect(app.workspacePath).not.toBeEmpty();
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
  });

  test('visits every area through the nav and saves a screenshot of each', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    for (const area of AREAS) {
      await app.gotoViaNav(area);
      await expect(app.areaTitle).toHaveText(catalogue.en[`area.${area}`]);
      await app.screenshot(`area-${area}`);
    }
  });

  test('switches areas and the console with keyboard shortcuts', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    for (const area of [...AREAS].reverse()) await app.gotoViaShortcut(area);
    await app.toggleConsoleViaShortcut();
    await app.toggleConsoleViaShortcut();
  });

  test('toggles the theme and the language', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    await app.gotoViaNav('labels');

    await app.chooseTheme('dark');
    await app.screenshot('theme-dark-labels');
    await app.chooseTheme('light');

    await app.chooseLocale('ko');
    await expect(app.navItem('import')).toContainText(catalogue.ko['area.import']);
    await expect(app.areaTitle).toHaveText(catalogue.ko['area.labels']);
    await app.screenshot('locale-ko-labels');

    // The choice is persisted by the engine (`settings:set`): a reload keeps it.
    await page.reload();
    await app.waitUntilReady();
    await expect(app.navItem('training')).toContainText(catalogue.ko['area.training']);

    await app.chooseLocale('en');
    await expect(app.navItem('import')).toContainText(catalogue.en['area.import']);
    await app.themeOption('system').click();
    await expect(app.themeOption('system')).toHaveAttribute('aria-checked', 'true');
  });

  test('opens the help overlay with ? and the help button, and closes it', async ({ page }) => {
    const app = new AppShell(page);
    await app.open(url!);
    await app.openHelpViaKeyboard();
    await expect(app.helpOverlay).toContainText('Ctrl+`');
    await app.screenshot('help-overlay');
    await app.closeHelpViaEscape();

    await app.helpButton.click();
    await expect(app.helpOverlay).toBeVisible();
    await app.helpClose.click();
    await expect(app.helpOverlay).toBeHidden();
  });
});
