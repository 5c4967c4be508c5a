/**
 * Explanation latency of the unsupervised detectors (issue #5 "Performance": one window < 100 ms;
 * METHODS.md §7): each detector is fitted briefly on SMD-shaped random windows (F = 38, W = 4),
 * saved, and then one window is explained from disk — model load, occlusion map (F·W + 1 scored
 * variants), attention maps and score parts — as the `explain:window` worker task does.
 * Averages over 10,000 windows use the attention maps of every window and occlusion on a sample
 * (explain-task.ts), so their cost is the scoring throughput printed by unsupervised.bench.ts.
 *
 *   npx tsx bench/unsupervised-explain.bench.ts      (BENCH_QUICK=1: the same; it takes ~15 s)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNSUPERVISED_MODELS } from '../shared/domain/models.js';
import { explainWindowTask } from '../src-main/core/explain/explain-task.js';
import { mulberry32 } from '../src-main/core/engine/rng.js';
import { resolveUnsupervisedConfig, unsupervisedEntry } from '../src-main/core/models/unsupervised/registry.js';
import { ensureTfBackend } from '../src-main/core/models/unsupervised/tf-runtime.js';
import { writeDetector } from '../src-main/core/models/unsupervised/weights-io.js';

const F = 38;
const W = 4;
const N = 3000;
const REPEATS = 6;
const TARGET_MS = 100;

async function main(): Promise<void> {
  const backend = await ensureTfBackend();
  const rand = mulberry32(1);
  const x = new Float32Array(N * F * W).map(() => rand());
  const batch = { x, n: N, F, W, objectIndex: new Int32Array(N), endMs: Float64Array.from({ length: N }, (_, i) => i * 60_000) };
  console.log(`unsupervised explanations: F = ${F}, W = ${W}, fitted 1 epoch on ${N} random windows; TF.js ${backend.name}; load average ${loadavg()[0]!.toFixed(1)} on 2 cores`);
  for (const kind of UNSUPERVISED_MODELS) {
    const det = await unsupervisedEntry(kind).fit(batch, resolveUnsupervisedConfig(kind, null, {}), { epochs: 1, batchSize: 256, seed: 0 });
    const dir = mkdtempSync(join(tmpdir(), `vigil-bench-ux-${kind}-`));
    try {
      writeDetector(dir, det.save());
      det.dispose();
      const one = x.slice(0, F * W);
      const ms: number[] = [];
      for (let i = 0; i < REPEATS; i++) ms.push(explainWindowTask({ dir, kind, params: {}, F, W }, one, 1).elapsedMs);
      const sorted = [...ms].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.log(`${kind.padEnd(19)} one window incl. load: first ${ms[0]!.toFixed(0)} ms, median ${median.toFixed(0)} ms of ${REPEATS}; target ${TARGET_MS} ms: ratio ${(TARGET_MS / median).toFixed(2)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
