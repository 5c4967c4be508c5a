/**
 * Explanation speed (issue #5 Performance; METHODS.md §7): one window's maps including the model
 * load from disk (target < 100 ms), and maps averaged over 10,000 windows (target < 30 s), per
 * engine model, on SMD-shaped windows (F = 38, W = 4; SMD machine-2-1 when ../shared is present,
 * synthetic otherwise). Then HitRate@P% on SMD machine-2-1 beside the |z| and random baselines.
 *
 *   npx tsx bench/explain.bench.ts               full (a few minutes)
 *   BENCH_QUICK=1 npx tsx bench/explain.bench.ts < 1 min: 2,000 averaged windows (10k extrapolated, marked), no HitRate
 *   BENCH_HITRATE=0   full speed numbers without the HitRate table
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { SupervisedModelKind } from '../shared/domain/models.js';
import type { WindowSet } from '../shared/domain/windows.js';
import { saveTfjsArtifacts } from '../src-main/core/engine/tfjs-export.js';
import { trainModel } from '../src-main/core/engine/train.js';
import { applyMinMaxWindows, fitMinMaxWindows } from '../src-main/core/eval/scaling.js';
import { openExplainer } from '../src-main/core/explain/open-explainer.js';
import { averageMaps, explainWindows } from '../src-main/core/explain/window-maps.js';
import { formatHitRates, smdHitRates } from '../src-main/core/explain/smd-hit-rate.js';
import { mulberry32 } from '../src-main/core/windows/prng.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SMD = resolve(HERE, '../../shared/datasets/smd');
const QUICK = process.env['BENCH_QUICK'] === '1';
const F = 38;
const W = 4;
const N_AVG = QUICK ? 2_000 : 10_000;
const TARGET_ONE_MS = 100;
const TARGET_AVG_S = 30;

function windows(): { x: Float32Array; y: Uint8Array; n: number; source: string } {
  const n = 12_000;
  const x = new Float32Array(n * F * W);
  const y = new Uint8Array(n);
  const file = join(SMD, 'test/machine-2-1.txt.gz');
  if (existsSync(file)) {
    const rows = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l.trim());
    const labels = gunzipSync(readFileSync(join(SMD, 'test_label/machine-2-1.txt.gz'))).toString('utf8').split('\n').filter((l) => l.trim()).map(Number);
    const vals = rows.map((l) => l.split(',').map(Number));
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) for (let t = 0; t < W; t++) x[(i * F + f) * W + t] = vals[i + t]![f]!;
      y[i] = labels[i + W - 1] ?? 0;
    }
    const mm = fitMinMaxWindows(x, F, W, Int32Array.from({ length: n }, (_, i) => i));
    return { x: applyMinMaxWindows(x, n, F, W, mm), y, n, source: 'SMD machine-2-1 test rows (sliding, W = 4)' };
  }
  const rng = mulberry32(1);
  for (let i = 0; i < n; i++) {
    y[i] = rng() < 0.05 ? 1 : 0;
    for (let c = 0; c < F * W; c++) x[i * F * W + c] = rng() * 0.5 + (y[i] && c % 7 === 0 ? 0.4 : 0);
  }
  return { x, y, n, source: 'synthetic (../shared absent)' };
}

const median = (a: number[]): number => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)]!;

async function main(): Promise<void> {
  const data = windows();
  process.stdout.write(`explain bench: ${data.source}; ${N_AVG.toLocaleString('en')} averaged windows${QUICK ? ' (quick: 10k extrapolated linearly)' : ''}; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (shared machine: numbers scale with it)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-explain-bench-'));
  try {
    const fw = F * W;
    const trainN = 1_000;
    const set: WindowSet = { F, W, counters: Array.from({ length: F }, (_, f) => `m${f + 1}`), objects: ['m'], n: trainN, x: data.x.slice(0, trainN * fw), y: data.y.slice(0, trainN), endMs: Float64Array.from({ length: trainN }, (_, i) => i), objectIndex: new Int32Array(trainN), outageIndex: new Int32Array(trainN).fill(-1) };
    process.stdout.write(`${'model'.padEnd(12)} ${'1 window (load + maps)'.padStart(24)} ${'ratio to 100 ms'.padStart(16)} ${'10k averaged'.padStart(14)} ${'ratio to 30 s'.padStart(14)} ${'windows/s'.padStart(10)}\n`);
    for (const kind of ['cnn', 'lstm', 'contrastive'] as SupervisedModelKind[]) {
      const params: Record<string, number> = kind === 'contrastive' ? { pretrainEpochs: 1 } : {};
      const m = trainModel({ kind, params }, set, { epochs: 1, batchSize: 32, seed: 0 });
      const mdir = join(dir, kind);
      await saveTfjsArtifacts(await m.toTfjsArtifacts(), mdir);
      // one window, cold model load from disk every time (what `explain:window` does)
      const times: number[] = [];
      for (let r = 0; r < (QUICK ? 7 : 21); r++) {
        const i = 100 + r * 37;
        const t0 = performance.now();
        const ex = openExplainer(mdir, { kind, params, F, W, capacity: 1 });
        const out = explainWindows(ex, data.x, [i]);
        times.push(performance.now() - t0);
        if (out.maps[0]!.length === 0) throw new Error('no maps');
      }
      const one = median(times.slice(1)); // the first includes the JIT warm-up of this model's code
      const ex = openExplainer(mdir, { kind, params, F, W });
      const t1 = performance.now();
      const avg = averageMaps(ex, data.x, N_AVG, data.y);
      const s = (performance.now() - t1) / 1000;
      if (avg.normal.count + avg.anomalous.count !== N_AVG) throw new Error('count mismatch');
      const s10k = (s * 10_000) / N_AVG;
      process.stdout.write(`${kind.padEnd(12)} ${`${one.toFixed(1)} ms (first ${times[0]!.toFixed(0)})`.padStart(24)} ${(one / TARGET_ONE_MS).toFixed(3).padStart(16)} ${`${s10k.toFixed(2)} s${QUICK ? '*' : ''}`.padStart(14)} ${(s10k / TARGET_AVG_S).toFixed(3).padStart(14)} ${(N_AVG / s).toFixed(0).padStart(10)}\n`);
    }
    if (QUICK) process.stdout.write('* extrapolated from the quick run\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!QUICK && process.env['BENCH_HITRATE'] !== '0' && existsSync(join(SMD, 'interpretation_label/machine-2-1.txt.gz'))) {
    const r = smdHitRates(SMD, { machine: 'machine-2-1', epochs: 8 });
    process.stdout.write(`\n${formatHitRates(r)}\n(train ${r.trainSeconds.toFixed(1)} s, explain ${r.explainSeconds.toFixed(2)} s)\n`);
  }
}

await main();
