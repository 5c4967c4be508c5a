import type { Command } from 'commander';
import type { ModelMeta } from '../../core/eval/train-final';
import { defaultWorkspace, followJobs, withEngine } from '../cli-context';

export function registerTrainScore(program: Command): void {
  program
    .command('train')
    .description('train one detector on every labelled window of a workspace and save it (model.json + weights) for scoring; unsupervised detectors are fitted without reading the labels')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .option('--model <m>', 'cnn | lstm | contrastive | mvas-cscd | metric-graph | temporal-prototype', 'cnn')
    .option('--epochs <n>', 'epochs', '20')
    .option('--batch <n>', 'batch size', '32')
    .option('--seed <n>', 'seed', '0')
    .option('--no-negative-sampling', 'train on every window instead of a balanced set (supervised models; unsupervised ones always use every window)')
    .option('--alerts-per-day <n>', 'choose the threshold on the training windows so that it flags at most n of them a day (default: p ≥ 0.5, or the detector\'s own)')
    .option('-q, --quiet', 'no job log')
    .action(async (o: { workspace: string; model: string; epochs: string; batch: string; seed: string; negativeSampling: boolean; alertsPerDay?: string; quiet?: boolean }) => {
      await withEngine({ workspace: o.workspace }, async (engine) => {
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        const { done } = engine.startJob('train', { model: o.model, epochs: Number(o.epochs), batchSize: Number(o.batch), seed: Number(o.seed), negativeSampling: o.negativeSampling, ...(o.alertsPerDay !== undefined ? { alertsPerDay: Number(o.alertsPerDay) } : {}) });
        const r = (await done) as { runId: string; modelDir: string; trainSeconds: number; meta: ModelMeta };
        stop();
        const f = r.meta.trainingFlags;
        const flags = f ? ` — flags ${(100 * f.fraction).toFixed(1)} % of the training windows, ${f.alertsPerDay.toFixed(1)} a day` : '';
        process.stdout.write(`trained ${o.model} in ${r.trainSeconds.toFixed(1)} s\nmodel run: ${r.runId}\nsaved:     ${r.modelDir}\nthreshold: ${r.meta.threshold.toPrecision(4)}${flags}${r.meta.thresholdRule?.kind === 'default' ? ' (--alerts-per-day n chooses one for an alert budget)' : ''}\nscore with: vigil score --model-run ${r.runId}\n`);
      });
    });
  program
    .command('score')
    .description('apply a trained model to every window of the workspace; stores scores and flags and a label set of the flagged stretches')
    .requiredOption('--model-run <id>', 'run id printed by `vigil train`')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .option('-q, --quiet', 'no job log')
    .action(async (o: { workspace: string; modelRun: string; quiet?: boolean }) => {
      await withEngine({ workspace: o.workspace }, async (engine) => {
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        const { done } = engine.startJob('score', { modelRunId: o.modelRun });
        const r = (await done) as { runId: string; windows: number; flagged: number; spans: number; labelSetId: string };
        stop();
        process.stdout.write(`scored ${r.windows} windows: ${r.flagged} flagged in ${r.spans} stretch(es)\nscore run: ${r.runId}\nmodel flags are label set ${r.labelSetId} (provenance "model")\n`);
      });
    });
}
