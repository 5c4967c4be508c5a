import { expect, type Locator, type Page } from '@playwright/test';

/** Results of finished jobs, read from the page's own WebSocket (what the engine sent the UI). */
export class JobResults {
  readonly finished: { jobId: string; state: string; result?: unknown }[] = [];

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => {
        if (typeof f.payload !== 'string' || !f.payload.includes('"job:finished"')) return;
        const m = JSON.parse(f.payload) as { type: string; event?: string; payload?: { jobId: string; state: string; result?: unknown } };
        if (m.type === 'event' && m.event === 'job:finished' && m.payload) this.finished.push(m.payload);
      });
    });
  }

  /** The last import result with this dryRun flag. */
  lastImport(dryRun: boolean): { files: { file: string; kind: string; detail: Record<string, unknown> }[]; outages: unknown[]; labelSet: { version: number } | null } | undefined {
    return [...this.finished]
      .reverse()
      .map((f) => f.result as { dryRun?: boolean; files: { file: string; kind: string; detail: Record<string, unknown> }[]; outages: unknown[]; labelSet: { version: number } | null } | undefined)
      .find((r) => r?.dryRun === dryRun);
  }
}

/** Page object of the Import area's upload → preview → commit flow. */
export class ImportPage {
  readonly wizard: Locator;
  readonly fileInput: Locator;
  readonly previewButton: Locator;
  readonly commitButton: Locator;
  readonly previewRows: Locator;
  readonly previewSummary: Locator;
  readonly previewOutageCount: Locator;
  readonly progress: Locator;
  readonly committed: Locator;
  readonly importsTable: Locator;
  readonly timeZone: Locator;

  constructor(readonly page: Page) {
    this.wizard = page.getByTestId('import-wizard');
    this.fileInput = page.getByTestId('import-file-input');
    this.previewButton = page.getByTestId('import-preview');
    this.commitButton = page.getByTestId('import-commit');
    this.previewRows = page.getByTestId('preview-row');
    this.previewSummary = page.getByTestId('preview-summary');
    this.previewOutageCount = page.getByTestId('preview-outage-count');
    this.progress = page.getByTestId('import-progress');
    this.committed = page.getByTestId('import-committed');
    this.importsTable = page.getByTestId('imports-table');
    this.timeZone = page.getByTestId('import-timezone');
  }

  row(fileName: string): Locator {
    return this.page.locator(`[data-testid="preview-row"][data-file="${fileName}"]`);
  }

  async addFiles(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
    await expect(this.previewRows).toHaveCount(paths.length);
  }

  /** Uploads (if needed) and runs the dry-run import; resolves when the preview is shown. */
  async preview(): Promise<void> {
    await this.previewButton.click();
    await expect(this.previewSummary).toBeVisible({ timeout: 90_000 });
    await expect(this.progress).toBeHidden();
  }

  async clear(): Promise<void> {
    await this.page.getByTestId('import-clear').click();
    await expect(this.previewRows).toHaveCount(0);
  }

  async commit(): Promise<void> {
    await this.commitButton.click();
    await expect(this.committed).toBeVisible({ timeout: 90_000 });
  }
}
