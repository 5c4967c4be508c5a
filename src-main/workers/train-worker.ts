import { threadId } from 'node:worker_threads';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { runFold, type FoldRun } from '../core/eval/run-fold';
import { saveTfjsArtifacts } from '../core/engine/tfjs-export';
import { setupTfjs } from './tfjs-setup';
import { writeDetector } from '../core/models/unsupervised/weights-io';
import { ensureTfBackend } from '../core/models/unsupervised/tf-runtime';
import { perturbWindows, type Perturbation } from '../core/eval/robustness';

setupTfjs();

export interface TrainTaskPayload {
  /** Arrays backed by SharedArrayBuffers: every worker reads the same windows without a copy. */
  windows: WindowSet;
  run: FoldRun;
  /** Where to save the trained model: TF.js `model.json` + weights (supervised), detector files (unsupervised). */
  modelDir?: string;
  label: string;
  /** Robustness task (core/eval/robustness.ts): noise or label flips on this worker's copy of the windows. */
  perturb?: Perturbation;
}

/**
 * Trains and scores one fold of one model (core/eval/run-fold.ts) in a worker thread; the
 * Electron main process never runs a training step (DESIGN.md §4).
 */
serveTasks(async (raw, ctx) => {
  const p = raw as TrainTaskPayload;
  let lastReport = 0;
  ctx.log(`${p.label}: ${p.run.train.length} training / ${p.run.test.length} test windows (thread ${threadId})`);
  const windows = p.perturb ? perturbWindows(p.windows, p.run, p.perturb) : p.windows;
  const out = await runFold(windows, p.run, {
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
  // unsupervised detectors: model.json (meta + weight manifest) + weights.bin (weights-io.ts)
  if (out.detector) {
    // the run records the engine's backend; these detectors ran on TF.js (tf-runtime.ts): say which
    const tfb = await ensureTfBackend();
    ctx.log(`${p.label}: TF.js backend ${tfb.name} (${tfb.device}); skipped ${tfb.skipped.map((x) => `${x.name}: ${x.reason}`).join('; ') || 'none'}`);
  }
  if (p.modelDir && out.detector) writeDetector(p.modelDir, out.detector.save());
  out.detector?.dispose();
  const { trained: _trained, detector: _detector, ...result } = out;
  ctx.log(`${p.label}: ${out.trainWindowsPerSec.toFixed(0)} windows/s, F1 ${out.metrics.f1 === null ? '–' : out.metrics.f1.toFixed(3)}, ROC-AUC ${out.metrics.rocAuc === null ? '–' : out.metrics.rocAuc.toFixed(3)}`);
  return result;
});
