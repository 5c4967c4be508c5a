import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, printPdf } from './write-report';

// Cancelling a report's PDF stops Chromium (the job's signal), and nothing is printed.
describe.skipIf(!findChromium())('printPdf', () => {
  it('rejects without a PDF when its signal is aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
    try {
      const html = join(dir, 'r.html');
      writeFileSync(html, '<html><body>report</body></html>');
      const pdf = join(dir, 'r.pdf');
      await expect(printPdf(html, pdf, AbortSignal.abort())).rejects.toThrow(/abort/i);
      expect(existsSync(pdf)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
