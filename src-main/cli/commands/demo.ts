import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VigilError } from '../../../shared/errors';
import { Workspace, WORKSPACE_DB } from '../../services/workspace/duckdb-workspace';
import type { ImportSummary } from '../../services/import/run-import';
import { followJobs, withEngine } from '../cli-context';
import { printImportSummary } from './import';
import type { ComparisonResult } from '../../services/compare/run-comparison';
import { formatComparison } from '../comparison-table';
import type { ReportResult } from './report';
import { explainForReport } from './explain';

/**
 * The demo's comparison: every model and baseline, blocked and random folds, with and without
 * negative sampling — sized to finish in well under three minutes on a 2-core machine: 8 epochs
 * and two contrastive pre-training epochs instead of the paper's 50, and the LSTM at lr 1e-3
 * (the paper's 1e-4 needs the paper's ~50 × more optimiser steps; at 1e-4 and 8 epochs it stays
 * untrained). `vigil compare` takes any settings, the paper's included.
 */
export const DEMO_COMPARISON = {
  models: ['cnn', 'lstm', 'contrastive', 'mvas-cscd', 'metric-graph', 'temporal-prototype', 'random', 'pca', 'iforest'],
  splits: ['blocked', 'kfold'],
  folds: 3,
  sampling: ['full', 'ns'],
  epochs: 8,
  batchSize: 32,
  seed: 0,
  windowMode: 'paper',
  // Unsupervised detectors (METHODS.md §6, TF.js autograd on the WASM backend): one epoch at batch
  // 256 each; their `ns` rows reuse the `full` fit (labels are not read). Measured on the demo's
  // 9,817 windows: mvas-cscd + temporal-prototype add 40 s of CPU (≈ 20 s on 2 cores) for all
  // 2 × 3 × 2 settings; metric-graph at the comparison's 8 epochs / batch 32 took 206 s of CPU.
  params: { contrastive: { pretrainEpochs: 2 }, lstm: { learningRate: 1e-3 }, 'mvas-cscd': { epochs: 1, batchSize: 256 }, 'metric-graph': { epochs: 1, batchSize: 256 }, 'temporal-prototype': { epochs: 1, batchSize: 256 } },
};

const DEMO_MARK = 'demo-workspace';

/** A demo workspace is rebuilt at every run; a workspace holding other data is never touched. */
async function prepareDemoWorkspace(dir: string): Promise<void> {
  if (!existsSync(join(dir, WORKSPACE_DB))) return;
  const ws = await Workspace.open(dir);
  let isDemo = false;
  let empty = false;
  try {
    isDemo = (await ws.setting<boolean>(DEMO_MARK)) === true;
    empty = Number((await ws.one('SELECT count(*) AS n FROM imports'))?.['n'] ?? 0) === 0;
  } finally {
    ws.close();
  }
  if (!isDemo && !empty) throw new VigilError('INVALID_SETTINGS', `${dir} holds a workspace that is not a demo workspace`, { hint: 'Pass another folder with --workspace; the demo rebuilds its workspace at every run.' });
  for (const f of [WORKSPACE_DB, `${WORKSPACE_DB}.wal`]) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, 'models'), { recursive: true, force: true });
  rmSync(join(dir, 'reports'), { recursive: true, force: true });
}

/**
 * `vigil demo`: the main job end to end on the bundled sample (resources/demo): import the
 * Scouter export and access logs → health-check outages → label set → comparison of the
 * detectors and baselines → offline report.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the main job end to end on the bundled demo data (sample → labels → models → comparison → report)')
    .option('-w, --workspace <dir>', 'demo workspace folder (rebuilt at every run)', 'vigil-demo')
    .option('-q, --quiet', 'only the summary')
    .action(async (o: { workspace: string; quiet?: boolean }) => {
      const dir = resolve(o.workspace);
      await prepareDemoWorkspace(dir);
      await withEngine({ workspace: dir }, async (engine) => {
        await engine.workspace.setSetting(DEMO_MARK, true);
        const out = (t: string) => process.stdout.write(t);
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        out(`Vigil demo → ${dir}\n\n1. import: Scouter Daily-All export (10 counters × 4 WAS) + one nginx access log per WAS\n`);
        const imported = engine.startJob('import', { paths: [join(engine.paths.demo, 'data')], timeZone: 'Asia/Seoul' });
        const summary = (await imported.done) as ImportSummary;
        printImportSummary(summary, out);
        out(`\n2. compare: ${DEMO_COMPARISON.models.join(', ')} × ${DEMO_COMPARISON.splits.join(' and ')} folds × with/without negative sampling\n`);
        const compared = engine.startJob('compare', DEMO_COMPARISON);
        const comparison = (await compared.done) as ComparisonResult;
        out(`\n${formatComparison(comparison)}\n`);
        out(`\n3. explain: heatmaps averaged over normal vs anomalous windows (best model; unsupervised attention)\n`);
        for (const line of await explainForReport(engine, comparison)) out(`${line}\n`);
        out(`\n4. report: self-contained HTML (+ PDF through Chromium when installed)\n`);
        const reported = engine.startJob('report', { locale: 'en', pdf: true });
        const report = (await reported.done) as ReportResult;
        stop();
        out(`report: ${report.html}\n${report.pdf ? `pdf:    ${report.pdf}\n` : `pdf not written: ${report.pdfError ?? ''}\n`}`);
        const info = await engine.workspaceInfo();
        out(`\nworkspace ${info.path}: ${Object.entries(info.counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        out(`next: \`npx vigil serve --workspace ${o.workspace}\` to review the outages and labels in the UI\n`);
      });
    });
}
