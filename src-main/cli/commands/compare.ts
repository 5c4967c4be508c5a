import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ComparisonResult } from '../../services/compare/run-comparison';
import type { RobustnessCurve, RobustnessOption } from '../../../shared/domain/models';
import { modelLabel, ROBUSTNESS_KINDS, ROBUSTNESS_METRICS, ROBUSTNESS_SHIFT_TEST } from '../../../shared/domain/models';
import { VigilError } from '../../../shared/errors';
import { parseRobustness } from '../../core/eval/robustness';
import { defaultWorkspace, followJobs, withEngine } from '../cli-context';
import { formatComparison } from '../comparison-table';
import { table } from '../format';

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
  /** Repeatable: `noise:0,0.1,0.2` (core/eval/robustness.ts). */
  robustness?: string[];
  /** Patience in epochs; with it, `--epochs` is the ceiling (engine/early-stopping.ts). */
  earlyStopping?: string;
  validation: string;
  cadence: string;
}

/** Early stopping on a held-out stratified share of each fold's training windows, for the engine's models. */
function earlyStoppingParams(o: CompareOptions): Record<string, Record<string, number>> | null {
  if (o.earlyStopping === undefined) return null;
  const patience = Number(o.earlyStopping);
  const validationFraction = Number(o.validation);
  const p = { patience, validationFraction };
  return { cnn: p, lstm: p, contrastive: p };
}

/** `--robustness` specs → options; each kind once (VigilError naming the bad spec otherwise). */
export function robustnessOptions(specs: readonly string[]): RobustnessOption[] {
  const out = specs.map(parseRobustness);
  const seen = new Set<string>();
  for (const o of out) {
    if (seen.has(o.kind)) throw new VigilError('INVALID_SETTINGS', `--robustness ${o.kind} is given twice; list all its levels in one option`, { where: { field: 'robustness' } });
    seen.add(o.kind);
  }
  return out;
}

const CURVE_TITLE: Record<string, string> = {
  noise: 'injected Gaussian noise on the test windows (level = sd as a share of each counter\'s training range)',
  'label-noise': 'evaluation label noise (level = share of test labels flipped)',
  shift: `distribution shift (level = share of the earliest time trained on; tested on the last ${ROBUSTNESS_SHIFT_TEST * 100} %)`,
  reduced: 'reduced training data (level = share of the latest training windows kept)',
  'reduced-first': 'reduced training data (level = share of the earliest training windows kept)',
};

/** One table per robustness curve: a row per model × level, mean ± std over folds. */
export function formatRobustness(curves: readonly RobustnessCurve[]): string {
  const cell = (m: { mean: number | null; std: number | null }) => (m.mean === null ? 'undef' : `${m.mean.toFixed(3)}±${(m.std ?? 0).toFixed(3)}`);
  const out: string[] = [];
  for (const c of curves) {
    out.push('', `robustness: ${CURVE_TITLE[c.kind] ?? c.kind} · ${c.setting}`);
    out.push(
      table(
        ['model', 'level', 'folds', 'F1', 'ROC-AUC', 'PR-AUC', 'EvtRec'],
        c.models.flatMap((m) => m.points.map((p) => [modelLabel(m.model), `${+(p.level * 100).toFixed(1)} %`, String(p.folds), ...ROBUSTNESS_METRICS.map((k) => cell(p.metrics[k]))])),
      ),
    );
  }
  return out.join('\n');
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
    ...(o.robustness?.length ? { robustness: robustnessOptions(o.robustness) } : {}),
    ...(earlyStoppingParams(o) ? { params: earlyStoppingParams(o) } : {}),
  };
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('cross-validate detectors and baselines on a workspace or a labelled wide CSV (time, counters…, label) and print the comparison table')
    .argument('[source]', 'workspace folder or labelled CSV', defaultWorkspace())
    .option('--split <s>', 'blocked | kfold | both', 'both')
    .option('--folds <k>', 'number of folds', '5')
    .option('--models <list>', 'comma-separated: cnn,lstm,contrastive,mvas-cscd,metric-graph,temporal-prototype,random,pca,iforest; an ablation is kind:name, e.g. contrastive:no-pretraining, mvas-cscd:no-cscd', 'cnn,lstm,contrastive,random,pca,iforest')
    .option('--sampling <s>', 'full | ns | paper | both (= full,ns) or a comma list', 'both')
    .option('--epochs <n>', 'training epochs (the paper: 50)', '10')
    .option('--batch <n>', 'batch size (the paper: 10)', '32')
    .option('--seed <n>', 'seed of every random choice', '0')
    .option('--window <W>', 'time steps per window (the paper: 4 × 5 min)', '4')
    .option('--windows <mode>', 'paper (abnormal windows end at an outage\'s first row) | sliding (every window, labelled by its last row)', 'paper')
    .option('--label-set <id>', "label set (default: the newest one from health checks or people, never a model's flags)")
    .option('--label-version <n>', 'label-set version (default: the latest)')
    .option('--robustness <kind:levels>', `a robustness curve, repeatable: ${ROBUSTNESS_KINDS.join(' | ')} with comma levels, e.g. noise:0,0.1,0.2,0.3,0.4 or reduced:1,0.5,0.25`, (v: string, prev: string[] = []) => [...prev, v])
    .option('--early-stopping <patience>', 'stop a supervised model after this many epochs without a better validation loss and keep its best epoch; --epochs becomes the ceiling')
    .option('--validation <fraction>', 'share of each fold\'s training windows held out (stratified) for early stopping', '0.1')
    .option('--cadence <seconds>', 'CSV input: seconds between rows (its time column is not read); lead times and alerts/day use it', '60')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no job log')
    .action(async (source: string, o: CompareOptions) => {
      const abs = resolve(source);
      const isCsv = existsSync(abs) && statSync(abs).isFile();
      const params = { ...compareParams(o), ...(isCsv ? { csv: abs, windowMode: 'sliding', csvCadenceSeconds: Number(o.cadence) } : {}) };
      await withEngine(isCsv ? {} : { workspace: abs }, async (engine) => {
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        const { done } = engine.startJob('compare', params);
        const r = (await done) as ComparisonResult;
        stop();
        process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `\n${formatComparison(r)}\n${r.robustness?.length ? `${formatRobustness(r.robustness)}\n` : ''}`);
      });
    });
}
