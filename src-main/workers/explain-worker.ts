import { serveTasks } from './worker-runtime';
import { setupTfjs } from './tfjs-setup';
import { averageTask, embeddingTask, explainWindowTask, needsTfBackend, type AveragePart, type ModelRef } from '../core/explain/explain-task';
import { ensureTfBackend } from '../core/models/unsupervised/tf-runtime';

setupTfjs();

export type ExplainTaskPayload =
  | { op: 'window'; model: ModelRef; x: Float32Array; m: number }
  | { op: 'embedding'; model: ModelRef; x: Float32Array; m: number }
  | { op: 'average'; parts: AveragePart[] };

/**
 * Explanations (METHODS.md §7) in a worker thread: one window's maps, an embedding scatter, or
 * the class-averaged maps of a run's test windows (progress + cancel between batches).
 */
serveTasks(async (raw, ctx) => {
  const p = raw as ExplainTaskPayload;
  // unsupervised detectors run on TF.js: pick its best backend once per thread
  if ((p.op === 'average' ? p.parts.map((x) => x.model) : [p.model]).some(needsTfBackend)) await ensureTfBackend();
  switch (p.op) {
    case 'window':
      return explainWindowTask(p.model, p.x, p.m);
    case 'embedding':
      return embeddingTask(p.model, p.x, p.m);
    case 'average': {
      let last = 0;
      return averageTask(
        p.parts,
        (v) => {
          const now = Date.now();
          if (now - last > 100 || v >= 1) {
            last = now;
            ctx.emit({ kind: 'progress', value: v });
          }
        },
        () => ctx.cancelled(),
      );
    }
  }
});
