/**
 * PCA baseline end to end against the PyTorch/sklearn anchor (PROTOCOL.md §3, §5, §7, §8 — "PCA exact
 * up to float rounding"): SMD machine-2-1, blocked split, K = 5, W = 4, seed 0. Reference numbers
 * from `ref.py --model pca --split blocked --only-folds 3,4 [--negative-sampling]` (sklearn 1.2.1,
 * numpy 1.24.2). Skipped when ../shared (the data set and anchor) is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { averagePrecision, confusion, rocAuc } from '../../eval/metrics';
import { applyMinMaxRows, fitMinMaxTrainWindows, windowEndRows } from '../../eval/scaling';
import { blockedSplits } from '../../eval/splits';
import { predictAbove, scoreThreshold, trainAnomalyRate } from '../../eval/threshold';
import { negativeSample } from '../../windows/negative-sampling';
import { gatherWindows, normalWindows } from './flatten';
import { fitPca } from './pca';

const smd = join(import.meta.dirname, '../../../../../shared/datasets/smd');
const have = existsSync(join(smd, 'test_label/machine-2-1.txt.gz'));

const REFERENCE = [
  { fold: 3, ns: false, k: 12, threshold: 0.25082651396153194, tp: 58, tn: 8933, fp: 388, fn: 98, roc: 0.6345651809121394, ap: 0.16150697528307895 },
  { fold: 4, ns: false, k: 15, threshold: 0.7589895863052338, tp: 141, tn: 8452, fp: 11, fn: 873, roc: 0.7101623006375821, ap: 0.40285767235290315 },
  { fold: 4, ns: true, k: 13, threshold: 0.0714202147351404, tp: 806, tn: 3131, fp: 5332, fn: 208, roc: 0.7135265214097052, ap: 0.4264719848618095 },
];

function rows(file: string): string[] {
  return gunzipSync(readFileSync(join(smd, file))).toString('utf8').split('\n').filter((l) => l.trim() !== '');
}

describe.skipIf(!have)('PCA on SMD machine-2-1 reproduces the reference (needs ../shared)', () => {
  it('same k, threshold (1e-9 rel), confusion counts, ROC-AUC and PR-AUC (1e-9)', () => {
    const trainRows = rows('train/machine-2-1.txt.gz');
    const lines = [...trainRows, ...rows('test/machine-2-1.txt.gz')];
    const nTrainRows = trainRows.length;
    const labels = rows('test_label/machine-2-1.txt.gz').map(Number);
    const N = lines.length;
    const F = 38;
    const W = 4;
    const M = N - W + 1;
    const series = new Float64Array(N * F);
    lines.forEach((l, t) => l.split(',').forEach((v, f) => (series[t * F + f] = Number(v))));
    const y = new Uint8Array(N);
    y.set(labels, nTrainRows);
    const yw = y.subarray(W - 1);
    const folds = blockedSplits(M, 5, W);
    const scaled = new Map<number, Float32Array>();
    for (const ref of REFERENCE) {
      const f = folds[ref.fold]!;
      // §3: scale on the rows of the purged, pre-sampling training windows; windows [M, F, W].
      let xw = scaled.get(ref.fold);
      if (!xw) {
        const xs = applyMinMaxRows(series, N, F, fitMinMaxTrainWindows(series, N, F, windowEndRows(f.train, W), W));
        xw = new Float32Array(M * F * W);
        for (let i = 0; i < M; i++) for (let c = 0; c < F; c++) for (let t = 0; t < W; t++) xw[(i * F + c) * W + t] = xs[(i + t) * F + c] as number;
        scaled.set(ref.fold, xw);
      }
      const train = ref.ns ? negativeSample(f.train, yw, ref.fold, 0).train : f.train;
      const ytr = Uint8Array.from(train, (i) => yw[i] as number);
      const normal = normalWindows(train, yw);
      const m = fitPca(gatherWindows(xw, normal, F, W), normal.length, F, W);
      const tau = scoreThreshold(m.score(gatherWindows(xw, train, F, W), train.length), trainAnomalyRate(ytr));
      const score = m.score(gatherWindows(xw, f.test, F, W), f.test.length);
      const yte = Uint8Array.from(f.test, (i) => yw[i] as number);
      const ctx = `fold ${ref.fold}${ref.ns ? ' NS' : ''}`;
      expect(m.k, ctx).toBe(ref.k);
      expect(m.paramCount, ctx).toBe(ref.k * F * W + F * W);
      expect(Math.abs(tau - ref.threshold) / ref.threshold, ctx).toBeLessThan(1e-9);
      expect(confusion(yte, predictAbove(score, tau)), ctx).toEqual({ tp: ref.tp, tn: ref.tn, fp: ref.fp, fn: ref.fn });
      expect(rocAuc(yte, score), ctx).toBeCloseTo(ref.roc, 9);
      expect(averagePrecision(yte, score), ctx).toBeCloseTo(ref.ap, 9);
    }
  });
});
