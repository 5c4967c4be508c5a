import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the Labels area: chart, outage table, label tools, versions. */
export class LabelsPage {
  readonly chart: Locator;
  readonly canvas: Locator;
  readonly outageRows: Locator;
  readonly brushToggle: Locator;
  readonly selection: Locator;
  readonly labelButton: Locator;
  readonly undoButton: Locator;
  readonly versionCount: Locator;
  readonly versionRows: Locator;
  readonly diff: Locator;

  constructor(readonly page: Page) {
    this.chart = page.getByTestId('label-chart');
    this.canvas = page.getByTestId('counter-chart');
    this.outageRows = page.getByTestId('outage-row');
    this.brushToggle = page.getByTestId('brush-toggle');
    this.selection = page.getByTestId('selection');
    this.labelButton = page.getByTestId('label-add');
    this.undoButton = page.getByTestId('label-undo');
    this.versionCount = page.getByTestId('version-count');
    this.versionRows = page.getByTestId('version-row');
    this.diff = page.getByTestId('version-diff');
  }

  async waitForChart(): Promise<void> {
    await expect(this.canvas).toBeVisible({ timeout: 30_000 });
    await expect(this.chart).toHaveAttribute('data-loading', 'false');
  }

  async expectVersions(n: number): Promise<void> {
    await expect(this.versionCount).toHaveAttribute('data-count', String(n));
  }

  /**
   * Turns the brush on and drags across the first counter panel, from `from` to `to` (fractions
   * of the plot width); resolves once the selection is shown.
   */
  async brush(from: number, to: number): Promise<void> {
    await this.brushToggle.click();
    await expect(this.chart).toHaveAttribute('data-brush', 'true');
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('chart not laid out');
    // Plot area of the first panel (chart-options.ts DEFAULT_PANEL_LAYOUT: left 56, right 16, top 6 + 22 title, 64 high).
    const left = box.x + 56;
    const width = box.width - 56 - 16;
    const y = box.y + 6 + 22 + 32;
    await this.page.mouse.move(left + width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(left + width * ((from + to) / 2), y, { steps: 4 });
    await this.page.mouse.move(left + width * to, y, { steps: 4 });
    await this.page.mouse.up();
    await expect(this.selection).toHaveAttribute('data-empty', 'false');
  }

  /** Presses a key with the focus on the area (not in a field), as a user would. */
  async press(key: string): Promise<void> {
    await this.page.locator('#area-main').focus();
    await this.page.keyboard.press(key);
  }
}
