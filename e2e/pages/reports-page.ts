import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** Page object of the Reports area: generate, the list, the sandboxed viewer. */
export class ReportsPage {
  readonly start: Locator;
  readonly pdf: Locator;
  readonly result: Locator;
  readonly rows: Locator;
  readonly viewer: Locator;
  readonly frameElement: Locator;
  readonly frame: FrameLocator;

  constructor(readonly page: Page) {
    this.start = page.getByTestId('report-start');
    this.pdf = page.getByTestId('report-pdf');
    this.result = page.getByTestId('report-result');
    this.rows = page.getByTestId('report-row');
    this.viewer = page.getByTestId('report-viewer');
    this.frameElement = page.getByTestId('report-frame');
    this.frame = page.frameLocator('[data-testid="report-frame"]');
  }

  locale(l: 'en' | 'ko'): Locator {
    return this.page.getByTestId(`report-locale-${l}`);
  }

  /** Generates a report and waits for the job's outcome to show. */
  async generate(opts: { locale: 'en' | 'ko'; pdf: boolean }): Promise<void> {
    await this.locale(opts.locale).click();
    await this.pdf.setChecked(opts.pdf);
    await this.start.click();
    await expect(this.result).toBeVisible({ timeout: 120_000 });
  }
}
