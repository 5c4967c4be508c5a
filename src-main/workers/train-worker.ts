import { threadId } from 'node:worker_threads';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { runFold, type FoldRun } from '../core/eval/run-fold';
import { saveTfjsArtifacts } from '../core/engine/tfjs-export';
import { setupTfjs } from './tfjs-setup';

setupTfjs();

export interface TrainTaskPayload {
  /** Arrays backed by SharedArrayBuffers: every worker reads the same windows without a copy. */
  windows: WindowSet;
  run: FoldRun;
  /** Where to save the trained model as TF.js `model.json` + weights (supervised models only). */
  modelDir?: string;
  label: string;
}

/**
 * Trains and scores one fold of one model (core/eval/run-fold.ts) in a worker thread; the
 * Electron main process never runs a training step (DESIGN.md §4).
 */
serveTasks(async (raw, ctx) => {
  const p = raw as TrainTaskPayload;
  let lastReport = 0;
  ctx.log(`${p.label}: ${p.run.train.length} training / ${p.run.test.length} test windows (thread ${threadId})`);
  const out = runFold(p.windows, p.run, {
    onProgress: (v) => {
      const now = Date.now();
      if (now - lastReport > 100 || v >= 1) {
        lastReport = now;
        ctx.emit({ kind: 'progress', value: v });
      }
    },
    onEpoch: (epoch, epochs, loss) => ctx.emit({ kind: 'epoch', epoch, epochs, loss }),
    shouldStop: () => ctx.cancelled(),
  });
  if (p.modelDir && out.trained) await saveTfjsArtifacts(await out.trained.toTfjsArtifacts(), p.modelDir);
  const { trained: _trained, ...result } = out;
  ctx.log(`${p.label}: ${out.trainWindowsPerSec.toFixed(0)} windows/s, F1 ${out.metrics.f1 === null ? '–' : out.metrics.f1.toFixed(3)}, ROC-AUC ${out.metrics.rocAuc === null ? '–' : out.metrics.rocAuc.toFixed(3)}`);
  return result;
});
