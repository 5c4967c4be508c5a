import type { Command } from 'commander';
import { defaultWorkspace, withEngine } from '../cli-context';

export interface ReportResult {
  html: string;
  pdf: string | null;
  pdfError: string | null;
  runId: string | null;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the self-contained offline report (HTML, and PDF through Chromium) into the workspace\'s reports/ folder')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .option('--run <id>', 'comparison run to report (default: the newest)')
    .option('--locale <en|ko>', 'report language', 'en')
    .option('--no-pdf', 'HTML only')
    .action(async (o: { workspace: string; run?: string; locale: string; pdf: boolean }) => {
      await withEngine({ workspace: o.workspace }, async (engine) => {
        const { done } = engine.startJob('report', { locale: o.locale, pdf: o.pdf, ...(o.run ? { runId: o.run } : {}) });
        const r = (await done) as ReportResult;
        process.stdout.write(`report: ${r.html}\n${r.pdf ? `pdf:    ${r.pdf}\n` : r.pdfError ? `pdf not written: ${r.pdfError}\n` : ''}`);
      });
    });
}
