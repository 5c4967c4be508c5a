import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupTfjs } from './tfjs-setup';
import type { ModelKind } from '../../shared/domain/models';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import type { DeploymentThreshold } from '../../shared/domain/models';
import { fitFinalDetector, MODEL_META_FILE, trainFinal, type ModelMeta } from '../core/eval/train-final';
import { saveTfjsArtifacts } from '../core/engine/tfjs-export';
import { isUnsupervisedKind } from '../core/models/unsupervised/registry';
import { writeDetector } from '../core/models/unsupervised/weights-io';

setupTfjs();

export interface TrainFinalPayload {
  windows: WindowSet;
  model: ModelKind;
  params: Record<string, number>;
  epochs: number;
  batchSize: number;
  seed: number;
  negativeSampling: boolean;
  /** Alert budget the threshold is chosen for on the training windows (threshold.ts `deploymentThreshold`); default rule without. */
  alertsPerDay?: number;
  modelDir: string;
  provenance: { dataHash: string; labelSetId: string | null; labelVersion: number | null };
}

/**
 * Trains the deployable model on every window and saves it with vigil-model.json: supervised
 * models as TF.js model.json + weights, unsupervised detectors as their model.json + weights.bin
 * (core/models/unsupervised/weights-io.ts; fitted without labels, no negative sampling).
 */
serveTasks(async (raw, ctx) => {
  const p = raw as TrainFinalPayload;
  const unsupervised = isUnsupervisedKind(p.model);
  ctx.log(`training ${p.model} on ${p.windows.n} windows${p.negativeSampling && !unsupervised ? ' (negative sampling)' : unsupervised ? ' (unsupervised: labels not read)' : ''}`);
  const hooks = {
    onProgress: (value: number) => ctx.emit({ kind: 'progress', value }),
    onEpoch: (epoch: number, epochs: number, loss: number) => ctx.emit({ kind: 'epoch', epoch, epochs, loss }),
    shouldStop: () => ctx.cancelled(),
  };
  let r: { scaling: ModelMeta['scaling']; windows: number; trained: { trainSeconds: number; lossHistory: number[] } } & DeploymentThreshold;
  if (unsupervised) {
    const f = await fitFinalDetector(p.windows, p, hooks);
    writeDetector(p.modelDir, f.detector.save());
    r = { ...f, trained: { trainSeconds: f.detector.trainSeconds, lossHistory: f.detector.lossHistory } };
    f.detector.dispose();
  } else {
    const t = trainFinal(p.windows, p, hooks);
    await saveTfjsArtifacts(await t.trained.toTfjsArtifacts(), p.modelDir);
    r = t;
  }
  const meta: ModelMeta & DeploymentThreshold = {
    format: 'vigil-model',
    formatVersion: 1,
    model: p.model,
    params: p.params,
    F: p.windows.F,
    W: p.windows.W,
    counters: p.windows.counters,
    scaling: r.scaling,
    threshold: r.threshold,
    thresholdRule: r.thresholdRule,
    trainingFlags: r.trainingFlags,
    trained: { windows: r.windows, anomalies: p.windows.y.reduce((a, v) => a + v, 0), negativeSampling: p.negativeSampling && !unsupervised, epochs: p.epochs, batchSize: p.batchSize, seed: p.seed, ...p.provenance },
    createdAtMs: Date.now(),
  };
  await writeFile(join(p.modelDir, MODEL_META_FILE), JSON.stringify(meta, null, 2));
  ctx.log(`saved ${p.modelDir} (${r.trained.trainSeconds.toFixed(1)} s, final loss ${r.trained.lossHistory.at(-1)?.toFixed(4) ?? '–'})`);
  const f = r.trainingFlags;
  ctx.log(`threshold ${r.threshold.toPrecision(4)}${r.thresholdRule.kind === 'alerts-per-day' ? ` (for ≤ ${r.thresholdRule.alertsPerDay} alerts/day)` : ''}: flags ${(100 * f.fraction).toFixed(1)} % of the ${p.windows.n} training windows, ${f.alertsPerDay.toFixed(1)} a day over ${f.spanDays.toFixed(1)} days`);
  return { meta, trainSeconds: r.trained.trainSeconds, lossHistory: r.trained.lossHistory };
});
