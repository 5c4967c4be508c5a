import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ComparisonResult } from '../../services/compare/run-comparison';
import { defaultWorkspace, followJobs, withEngine } from '../cli-context';
import { formatComparison } from '../comparison-table';

interface CompareOptions {
  split: string;
  folds: string;
  models: string;
  sampling: string;
  epochs: string;
  batch: string;
  seed: string;
  window: string;
  windows: 'paper' | 'sliding';
  labelSet?: string;
  labelVersion?: string;
  json?: boolean;
  quiet?: boolean;
}

export function compareParams(o: CompareOptions): Record<string, unknown> {
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
  return {
    models: list(o.models),
    splits: o.split === 'both' ? ['blocked', 'kfold'] : list(o.split),
    folds: Number(o.folds),
    sampling: o.sampling === 'both' ? ['full', 'ns'] : list(o.sampling),
    epochs: Number(o.epochs),
    batchSize: Number(o.batch),
    seed: Number(o.seed),
    window: Number(o.window),
    windowMode: o.windows,
    ...(o.labelSet ? { labelSetId: o.labelSet } : {}),
    ...(o.labelVersion ? { labelVersion: Number(o.labelVersion) } : {}),
  };
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('cross-validate detectors and baselines on a workspace or a labelled wide CSV (time, counters…, label) and print the comparison table')
    .argument('[source]', 'workspace folder or labelled CSV', defaultWorkspace())
    .option('--split <s>', 'blocked | kfold | both', 'both')
    .option('--folds <k>', 'number of folds', '5')
    .option('--models <list>', 'comma-separated: cnn,lstm,contrastive,random,pca,iforest', 'cnn,lstm,contrastive,random,pca,iforest')
    .option('--sampling <s>', 'full | ns | paper | both (= full,ns) or a comma list', 'both')
    .option('--epochs <n>', 'training epochs (the paper: 50)', '10')
    .option('--batch <n>', 'batch size (the paper: 10)', '32')
    .option('--seed <n>', 'seed of every random choice', '0')
    .option('--window <W>', 'time steps per window (the paper: 4 × 5 min)', '4')
    .option('--windows <mode>', 'paper (abnormal windows end at an outage\'s first row) | sliding (every window, labelled by its last row)', 'paper')
    .option('--label-set <id>', 'label set (default: the newest)')
    .option('--label-version <n>', 'label-set version (default: the latest)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no job log')
    .action(async (source: string, o: CompareOptions) => {
      const abs = resolve(source);
      const isCsv = existsSync(abs) && statSync(abs).isFile();
      const params = { ...compareParams(o), ...(isCsv ? { csv: abs, windowMode: 'sliding' } : {}) };
      await withEngine(isCsv ? {} : { workspace: abs }, async (engine) => {
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        const { done } = engine.startJob('compare', params);
        const r = (await done) as ComparisonResult;
        stop();
        process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `\n${formatComparison(r)}\n`);
      });
    });
}
