import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the Training area: backend banner, the new-comparison form, the live comparison. */
export class TrainingPage {
  readonly backendName: Locator;
  readonly backendSkipped: Locator;
  readonly kfoldWarning: Locator;
  readonly start: Locator;
  readonly liveJob: Locator;
  readonly taskRows: Locator;
  readonly liveEnded: Locator;

  constructor(readonly page: Page) {
    this.backendName = page.getByTestId('backend-name');
    this.backendSkipped = page.getByTestId('backend-skipped');
    this.kfoldWarning = page.getByTestId('kfold-warning');
    this.start = page.getByTestId('form-start');
    this.liveJob = page.getByTestId('live-job');
    this.taskRows = page.getByTestId('task-row');
    this.liveEnded = page.getByTestId('live-ended');
  }

  model(m: string): Locator {
    return this.page.getByTestId(`form-model-${m}`);
  }

  /** Sets the form: exactly these models, the blocked split only, `folds` folds, no negative sampling. */
  async chooseSmallComparison(models: readonly string[], folds: number): Promise<void> {
    for (const m of ['cnn', 'lstm', 'contrastive', 'random', 'pca', 'iforest']) await this.model(m).setChecked(models.includes(m));
    await this.page.getByTestId('form-split-blocked').setChecked(true);
    await this.page.getByTestId('form-split-kfold').setChecked(false);
    await expect(this.kfoldWarning).toBeHidden();
    await this.page.getByTestId('form-folds').fill(String(folds));
    await this.page.getByTestId('form-sampling-off').click();
    await expect(this.page.getByTestId('form-sampling-off')).toHaveAttribute('aria-checked', 'true');
  }

  /** The deploy panel: train one model for scoring (small settings), wait for its row. */
  async trainForScoring(model: string, epochs: number, alertBudget: string): Promise<void> {
    await this.page.getByTestId('deploy-model').selectOption(model);
    await this.page.getByTestId('deploy-epochs').fill(String(epochs));
    await this.page.getByTestId('deploy-batchSize').fill('64');
    await this.page.getByTestId('deploy-budget').fill(alertBudget);
    await this.page.getByTestId('deploy-train').click();
  }

  get deployResult(): Locator {
    return this.page.getByTestId('deploy-result');
  }

  get deployedRows(): Locator {
    return this.page.getByTestId('deploy-model-row');
  }

  /** Waits for the comparison started here to end; returns its state. */
  async waitForEnd(timeoutMs: number): Promise<string> {
    await expect(this.liveEnded).toBeVisible({ timeout: timeoutMs });
    return (await this.liveJob.getAttribute('data-state')) ?? '';
  }
}
