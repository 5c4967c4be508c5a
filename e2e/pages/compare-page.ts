import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the Compare area: runs list, the selected run's tables, charts and threshold. */
export class ComparePage {
  readonly runRows: Locator;
  readonly detail: Locator;
  readonly roc: Locator;
  readonly pr: Locator;
  readonly confusion: Locator;
  readonly thresholdSummary: Locator;
  readonly thresholdSlider: Locator;

  constructor(readonly page: Page) {
    this.runRows = page.getByTestId('run-row');
    this.detail = page.getByTestId('run-detail');
    this.roc = page.getByTestId('chart-roc');
    this.pr = page.getByTestId('chart-pr');
    this.confusion = page.getByTestId('confusion-grid');
    this.thresholdSummary = page.getByTestId('threshold-summary');
    this.thresholdSlider = page.getByTestId('threshold-slider');
  }

  table(split: string, sampling: string): Locator {
    return this.page.getByTestId(`models-${split}-${sampling}`);
  }

  row(split: string, sampling: string, model: string): Locator {
    return this.table(split, sampling).locator(`[data-testid="models-${split}-${sampling}-row"][data-model="${model}"]`);
  }

  cell(split: string, sampling: string, model: string, metric: string): Locator {
    return this.row(split, sampling, model).locator(`td[data-metric="${metric}"]`);
  }

  copyCsv(split: string, sampling: string): Locator {
    return this.page.getByTestId(`models-${split}-${sampling}-copy-csv`);
  }

  /** The "copied" / "saved as a file" note under a table. */
  copied(split: string, sampling: string): Locator {
    return this.table(split, sampling).getByRole('status');
  }

    async waitForRun(runId: string): Promise<void> {
    await expect(this.detail).toHaveAttribute('data-run-id', runId, { timeout: 30_000 });
  }
}
