import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setupTfjs } from './tfjs-setup';
import type { ModelKind } from '../../shared/domain/models';
import type { WindowSet } from '../../shared/domain/windows';
import { serveTasks } from './worker-runtime';
import { MODEL_META_FILE, trainFinal, type ModelMeta } from '../core/eval/train-final';
import { saveTfjsArtifacts } from '../core/engine/tfjs-export';

setupTfjs();

export interface TrainFinalPayload {
  windows: WindowSet;
  model: ModelKind;
  params: Record<string, number>;
  epochs: number;
  batchSize: number;
  seed: number;
  negativeSampling: boolean;
  modelDir: string;
  provenance: { dataHash: string; labelSetId: string | null; labelVersion: number | null };
}

/** Trains the deployable model on every window and saves it: TF.js model.json + weights + vigil-model.json. */
serveTasks(async (raw, ctx) => {
  const p = raw as TrainFinalPayload;
  ctx.log(`training ${p.model} on ${p.windows.n} windows${p.negativeSampling ? ' (negative sampling)' : ''}`);
  const r = trainFinal(p.windows, p, {
    onProgress: (value) => ctx.emit({ kind: 'progress', value }),
    onEpoch: (epoch, epochs, loss) => ctx.emit({ kind: 'epoch', epoch, epochs, loss }),
    shouldStop: () => ctx.cancelled(),
  });
  await saveTfjsArtifacts(await r.trained.toTfjsArtifacts(), p.modelDir);
  const meta: ModelMeta = {
    format: 'vigil-model',
    formatVersion: 1,
    model: p.model,
    params: p.params,
    F: p.windows.F,
    W: p.windows.W,
    counters: p.windows.counters,
    scaling: r.scaling,
    threshold: r.threshold,
    trained: { windows: r.windows, anomalies: p.windows.y.reduce((a, v) => a + v, 0), negativeSampling: p.negativeSampling, epochs: p.epochs, batchSize: p.batchSize, seed: p.seed, ...p.provenance },
    createdAtMs: Date.now(),
  };
  await writeFile(join(p.modelDir, MODEL_META_FILE), JSON.stringify(meta, null, 2));
  ctx.log(`saved ${p.modelDir} (${r.trained.trainSeconds.toFixed(1)} s, final loss ${r.trained.lossHistory.at(-1)?.toFixed(4) ?? '–'})`);
  return { meta, trainSeconds: r.trained.trainSeconds, lossHistory: r.trained.lossHistory };
});
