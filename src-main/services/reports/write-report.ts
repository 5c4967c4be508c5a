import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VigilError } from '../../../shared/errors';

/** A Chromium-family browser for printing the report to PDF outside Electron. */
export function findChromium(): string | null {
  const candidates = [process.env['VIGIL_CHROMIUM'], process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  return candidates.find((c): c is string => typeof c === 'string' && existsSync(c)) ?? null;
}

/**
 * The PDF of the same report, printed by headless Chromium (in the desktop app Electron's
 * printToPDF does the same). Offline: background networking is off and the page loads nothing.
 */
/** Prints `htmlFile` to `pdfFile` with headless Chromium; aborting `signal` kills Chromium (the promise rejects). */
export async function printPdf(htmlFile: string, pdfFile: string, signal?: AbortSignal, chromium = findChromium()): Promise<void> {
  if (!chromium) throw new VigilError('NOT_FOUND', 'no Chromium found to print the PDF', { hint: 'Install chromium (apt-get install chromium) or set VIGIL_CHROMIUM; the HTML report is written anyway.' });
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, pathToFileURL(htmlFile).href];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(signal ? { signal } : {}) });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(pdfFile)) resolve();
      else reject(new VigilError('INTERNAL', `Chromium could not print the PDF (exit ${code}): ${err.split('\n').filter(Boolean).slice(-2).join(' ')}`));
    });
  });
}

export function reportFileName(now = new Date()): string {
  return `report-${now.toISOString().replace(/[:T]/g, '-').slice(0, 19)}`;
}

export function writeReportHtml(dir: string, name: string, html: string): string {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  return file;
}
