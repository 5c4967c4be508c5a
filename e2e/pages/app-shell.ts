import { expect, type Locator, type Page } from '@playwright/test';

/** The six work areas, in nav order (Ctrl/Cmd + 1…6). */
export const AREAS = ['import', 'labels', 'training', 'compare', 'explain', 'reports'] as const;
export type Area = (typeof AREAS)[number];

/** Where screenshots go (the harness runs Playwright from the repository root). */
export const ARTIFACTS_DIR = 'e2e/artifacts';

/**
 * Page object of the renderer shell: every locator the specs use lives here (by role or test id,
 * never by CSS class or visible English text), and every wait is on an app signal, never a sleep.
 */
export class AppShell {
  readonly root: Locator;
  readonly ready: Locator;
  readonly nav: Locator;
  readonly topbar: Locator;
  readonly workspacePath: Locator;
  readonly transport: Locator;
  readonly console: Locator;
  readonly consoleToggle: Locator;
  readonly helpButton: Locator;
  readonly helpOverlay: Locator;
  readonly helpClose: Locator;
  readonly areaTitle: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app-root');
    this.ready = page.locator('[data-app-state="ready"]');
    this.nav = page.getByTestId('nav');
    this.topbar = page.getByTestId('topbar');
    this.workspacePath = page.getByTestId('workspace-path');
    this.transport = page.getByTestId('transport');
    this.console = page.getByTestId('console');
    this.consoleToggle = page.getByTestId('console-toggle');
    this.helpButton = page.getByTestId('help-button');
    this.helpOverlay = page.getByRole('dialog');
    this.helpClose = page.getByTestId('help-close');
    this.areaTitle = page.locator('#area-title');
  }

  /** Opens the app (URL with its #token) and waits for `data-app-state="ready"`. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.ready).toBeVisible({ timeout: 30_000 });
  }

  navItem(area: Area): Locator {
    return this.page.getByTestId(`nav-${area}`);
  }

  /** The `<main>` of an area; present only while that area is shown. */
  areaPanel(area: Area): Locator {
    return this.page.getByTestId(`area-${area}`);
  }

  themeOption(theme: 'system' | 'light' | 'dark'): Locator {
    return this.page.getByTestId(`theme-${theme}`);
  }

  localeOption(locale: 'en' | 'ko'): Locator {
    return this.page.getByTestId(`locale-${locale}`);
  }

  async expectArea(area: Area): Promise<void> {
    await expect(this.areaPanel(area)).toBeVisible();
    await expect(this.navItem(area)).toHaveAttribute('aria-current', 'page');
  }

  async gotoViaNav(area: Area): Promise<void> {
    await this.navItem(area).click();
    await this.expectArea(area);
  }

  /** Ctrl+N (Cmd+N on macOS), N = the area's place in the nav. */
  async gotoViaShortcut(area: Area): Promise<void> {
    await this.focusNeutralElement();
    await this.page.keyboard.press(`ControlOrMeta+Digit${AREAS.indexOf(area) + 1}`);
    await this.expectArea(area);
  }

  /** Ctrl+` ; resolves once the panel reports the new state. */
  async toggleConsoleViaShortcut(): Promise<void> {
    const wasOpen = (await this.console.getAttribute('data-open')) === 'true';
    await this.focusNeutralElement();
    await this.page.keyboard.press('Control+Backquote');
    await expect(this.console).toHaveAttribute('data-open', String(!wasOpen));
  }

  async openHelpViaKeyboard(): Promise<void> {
    await this.focusNeutralElement();
    await this.page.keyboard.press('?');
    await expect(this.helpOverlay).toBeVisible();
  }

  async closeHelpViaEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.helpOverlay).toBeHidden();
  }

  /** Picks a theme and waits until <html> carries the resolved one. */
  async chooseTheme(theme: 'light' | 'dark'): Promise<void> {
    await this.themeOption(theme).click();
    await expect(this.themeOption(theme)).toHaveAttribute('aria-checked', 'true');
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  async chooseLocale(locale: 'en' | 'ko'): Promise<void> {
    await this.localeOption(locale).click();
    await expect(this.localeOption(locale)).toHaveAttribute('aria-checked', 'true');
    await expect(this.page.locator('html')).toHaveAttribute('lang', locale);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png` });
  }

  /** Shortcuts are ignored while typing in a field: move focus to the area heading first. */
  private async focusNeutralElement(): Promise<void> {
    await this.page.locator('#area-main').focus();
  }
}
