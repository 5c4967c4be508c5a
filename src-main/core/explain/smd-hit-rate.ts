/**
 * HitRate@P% of every explanation method on one SMD machine (issue #5 item 6; METHODS.md §7),
 * beside a trivial |z|-score ranking so the numbers have context. Protocol (fixed, recorded here):
 * sliding windows (W = 4, stride 1) over the machine's TEST half (the labelled one); a blocked
 * split at `splitRow` — windows ending before it train the supervised models (negative sampling
 * 1 : `negPerPos`, min–max scaling on those windows), windows ending after it are explained; every
 * anomalous explained window whose end row lies in an `interpretation_label` segment is scored
 * with that segment's counters as ground truth. Random ranking's expected HitRate is reported too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { HitRateRow } from '../../../shared/domain/explain.js';
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import type { WindowSet } from '../../../shared/domain/windows.js';
import { applyMinMaxWindows, fitMinMaxWindows } from '../eval/scaling.js';
import { trainModel } from '../engine/train.js';
import { mulberry32 } from '../windows/prng.js';
import { EngineConvExplainer } from './engine-explainer.js';
import type { WindowExplainer } from './explainer.js';
import { counterImportance } from './explainer.js';
import { counterStats, HitRateMeter, parseInterpretationLabels, truthAt, zScoreImportance } from './hit-rate.js';
import { LstmExplainer } from './lstm-explainer.js';

export interface SmdHitRateOptions {
  machine: string;
  W?: number;
  splitRow?: number;
  models?: SupervisedModelKind[];
  epochs?: number;
  negPerPos?: number;
  seed?: number;
  /** Cap on explained anomalous windows (evenly spaced); default all. */
  maxWindows?: number;
}

export interface SmdHitRateResult {
  machine: string;
  windowsExplained: number;
  rows: HitRateRow[];
  trainSeconds: number;
  explainSeconds: number;
}

function lines(dir: string, file: string): string[] {
  return gunzipSync(readFileSync(join(dir, file))).toString('utf8').split('\n').filter((l) => l.trim() !== '');
}

export function smdHitRates(dir: string, o: SmdHitRateOptions): SmdHitRateResult {
  const W = o.W ?? 4;
  const F = 38;
  const rows = lines(dir, `test/${o.machine}.txt.gz`);
  const labels = lines(dir, `test_label/${o.machine}.txt.gz`).map(Number);
  const segs = parseInterpretationLabels(gunzipSync(readFileSync(join(dir, `interpretation_label/${o.machine}.txt.gz`))).toString('utf8'), `${o.machine}.txt`, F);
  const T = rows.length;
  const series = new Float32Array(T * F);
  rows.forEach((l, t) => l.split(',').forEach((v, f) => (series[t * F + f] = Number(v))));
  const n = T - W + 1;
  const x = new Float32Array(n * F * W); // window i ends at row i + W − 1
  for (let i = 0; i < n; i++) for (let f = 0; f < F; f++) for (let t = 0; t < W; t++) x[(i * F + f) * W + t] = series[(i + t) * F + f]!;
  const y = Uint8Array.from({ length: n }, (_, i) => labels[i + W - 1] ?? 0);
  const split = (o.splitRow ?? 15_000) - W + 1;
  const rng = mulberry32(o.seed ?? 0);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < split; i++) (y[i] ? pos : neg).push(i);
  const keepNeg = neg.filter(() => rng() < Math.min(1, ((o.negPerPos ?? 3) * pos.length) / neg.length));
  const train = Int32Array.from([...pos, ...keepNeg].sort((a, b) => a - b));
  const mm = fitMinMaxWindows(x, F, W, Int32Array.from({ length: split }, (_, i) => i));
  const xs = applyMinMaxWindows(x, n, F, W, mm);

  let explain = Array.from({ length: n - split }, (_, j) => split + j).filter((i) => y[i] && truthAt(segs, i + W - 1).length > 0);
  if (o.maxWindows && explain.length > o.maxWindows) {
    const m = o.maxWindows;
    const all = explain;
    explain = Array.from({ length: m }, (_, j) => all[Math.floor((j * all.length) / m)]!);
  }
  const fw = F * W;
  const ex = new Float32Array(explain.length * fw);
  explain.forEach((w, j) => ex.set(xs.subarray(w * fw, (w + 1) * fw), j * fw));
  const truths = explain.map((i) => truthAt(segs, i + W - 1));

  const out: HitRateRow[] = [];
  // |z| baseline on the normal training windows
  const st = counterStats(xs, Int32Array.from({ length: split }, (_, i) => i).filter((i) => !y[i]), F, W);
  const zm = new HitRateMeter();
  truths.forEach((g, j) => zm.add(zScoreImportance(ex, j * fw, F, W, st.mean, st.std), g));
  out.push(zm.result('baseline: |z| deviation'));
  const rnd = truths.reduce((a, g) => a + Math.min(F, g.length) / F, 0) / Math.max(1, truths.length);
  const rnd150 = truths.reduce((a, g) => a + Math.min(F, Math.floor(1.5 * g.length)) / F, 0) / Math.max(1, truths.length);
  out.push({ method: 'baseline: random ranking (expected)', windows: truths.length, hitRate100: rnd, hitRate150: rnd150 });

  let trainSeconds = 0;
  let explainSeconds = 0;
  const subset: WindowSet = { F, W, counters: Array.from({ length: F }, (_, f) => `m${f + 1}`), objects: [o.machine], n: train.length, x: new Float32Array(train.length * fw), y: Uint8Array.from(train, (i) => y[i]!), endMs: Float64Array.from(train, (i) => i), objectIndex: new Int32Array(train.length), outageIndex: new Int32Array(train.length).fill(-1) };
  train.forEach((w, j) => subset.x.set(xs.subarray(w * fw, (w + 1) * fw), j * fw));
  for (const kind of o.models ?? (['cnn', 'lstm', 'contrastive'] as SupervisedModelKind[])) {
    const t0 = performance.now();
    const params: Record<string, number> = kind === 'contrastive' ? { pretrainEpochs: 3 } : kind === 'lstm' ? { learningRate: 1e-3 } : {};
    const m = trainModel({ kind, params }, subset, { epochs: o.epochs ?? 10, batchSize: 32, seed: o.seed ?? 0 });
    trainSeconds += (performance.now() - t0) / 1000;
    const weights = { specs: m.net.params.map((p) => ({ name: p.name, shape: p.shape })), tensors: m.getWeights() };
    const t1 = performance.now();
    const explainer: WindowExplainer = kind === 'lstm' ? new LstmExplainer(F, W, weights, kind) : new EngineConvExplainer(kind, params, F, W, weights, kind);
    const meters = explainer.mapKeys.map(() => new HitRateMeter());
    explainer.run(ex, explain.length, (start, B, _s, maps) => {
      for (let b = 0; b < B; b++) maps.forEach((mp, k) => meters[k]!.add(counterImportance(mp, b * fw, F, W), truths[start + b]!));
    });
    explainSeconds += (performance.now() - t1) / 1000;
    explainer.mapKeys.forEach((k, i) => out.push(meters[i]!.result(`${kind} ${k.key}`)));
  }
  return { machine: o.machine, windowsExplained: explain.length, rows: out, trainSeconds, explainSeconds };
}

/** The rows as a fixed-width table (test output, bench). */
export function formatHitRates(r: SmdHitRateResult): string {
  const head = `HitRate@P% on SMD ${r.machine} (${r.windowsExplained} anomalous windows with interpretation labels)`;
  const lines = r.rows.map((x) => `${x.method.padEnd(40)} ${(x.hitRate100 * 100).toFixed(1).padStart(6)} % ${(x.hitRate150 * 100).toFixed(1).padStart(6)} %`);
  return [head, `${'method'.padEnd(40)} ${'@100%'.padStart(8)} ${'@150%'.padStart(8)}`, ...lines].join('\n');
}
