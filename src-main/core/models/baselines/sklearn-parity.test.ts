/**
 * Parity with the reference's numpy / sklearn (PROTOCOL.md §7–8): PCA k and scores, AP and
 * ROC-AUC, np.quantile — to 1e-6 relative; Isolation Forest only statistically (Spearman > 0.9).
 * Runs /usr/bin/python3 on an inline script; skipped when python3 with numpy + sklearn is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc } from '../../eval/ranking';
import { quantileLinear } from '../../eval/threshold';
import { mulberry32 } from '../../windows/prng';
import { fitIForest } from './iforest';
import { fitPca } from './pca';

const PYTHON = '/usr/bin/python3';
const available = spawnSync(PYTHON, ['-c', 'import numpy, sklearn'], { encoding: 'utf8' }).status === 0;

const SCRIPT = `
import json, sys
import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score, average_precision_score
d = json.load(open(sys.argv[1]))
F, W = d["F"], d["W"]
def flat(a, n):  # [n, F, W] feature-major float32 -> [n, W*F] time-major float64 (ref.py layout)
    return np.asarray(a, dtype=np.float32).reshape(n, F, W).transpose(0, 2, 1).reshape(n, W * F).astype(np.float64)
Xtr, Xte = flat(d["xtr"], d["ntr"]), flat(d["xte"], d["nte"])
p = PCA(n_components=0.95, svd_solver="full").fit(Xtr)
def pscore(A):
    return ((A - p.inverse_transform(p.transform(A))) ** 2).sum(axis=1)
tr = pscore(Xtr)
ifo = IsolationForest(n_estimators=100, max_samples="auto", contamination="auto", random_state=0).fit(Xtr)
cases = [{"roc": (float(roc_auc_score(c["y"], c["s"])) if 0 < sum(c["y"]) < len(c["y"]) else None),
          "ap": (float(average_precision_score(c["y"], c["s"])) if sum(c["y"]) > 0 else None)} for c in d["cases"]]
print(json.dumps({
    "k": int(p.n_components_), "ratio": p.explained_variance_ratio_.tolist(),
    "pca_test": pscore(Xte).tolist(), "pca_train": tr.tolist(),
    "tau": float(np.quantile(tr, 1.0 - d["r"])),
    "quantiles": [float(np.quantile(np.asarray(d["qv"]), q)) for q in d["qs"]],
    "iforest": (-ifo.score_samples(Xte)).tolist(), "cases": cases}))
`;

function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function ranks(v: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number));
  const r = new Float64Array(v.length);
  idx.forEach((i, p) => (r[i] = p));
  return r;
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    saa += ((a[i] as number) - ma) ** 2;
    sbb += ((b[i] as number) - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function expectRel(a: number, b: number, tol = 1e-6): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), 1e-12));
}

describe.skipIf(!available)('parity with numpy / sklearn (/usr/bin/python3)', () => {
  const F = 5;
  const W = 4;
  const D = F * W;
  const ntr = 400;
  const nte = 150;
  const g = gaussian(mulberry32(11));
  // Low-rank structure: 6 latent factors with decaying scales, plus noise.
  const mix = Float64Array.from({ length: 6 * D }, g);
  const scales = [4, 3, 2, 1.2, 0.8, 0.5];
  const sample = (spread: number): number[] => {
    const z = scales.map((s) => s * g());
    const cells = new Array<number>(D);
    for (let d = 0; d < D; d++) {
      let v = 1;
      for (let j = 0; j < 6; j++) v += (z[j] as number) * (mix[j * D + d] as number);
      cells[d] = spread * v + 0.1 * g();
    }
    return cells;
  };
  // Vectors are generated time-major (d = t·F + f) and stored feature-major like WindowSet.x.
  const toX = (rowsTm: number[][]): Float32Array => {
    const x = new Float32Array(rowsTm.length * D);
    rowsTm.forEach((row, i) => {
      for (let t = 0; t < W; t++) for (let f = 0; f < F; f++) x[(i * F + f) * W + t] = row[t * F + f] as number;
    });
    return x;
  };
  const xtr = toX(Array.from({ length: ntr }, () => sample(1)));
  // Test windows with a spread of distances from the training cloud, some off-structure.
  const xte = toX(Array.from({ length: nte }, (_, i) => sample(0.5 + (3 * i) / nte).map((v, d) => v + (i % 5 === 0 ? 2 * Math.sin(d + i) : 0))));
  const r = 0.1;
  const qv = Array.from({ length: 37 }, g);
  const qs = [0, 0.1, 0.25, 0.5, 0.7, 0.9, 0.95, 0.999, 1];
  const cases = [
    { y: [0, 0, 1, 1], s: [0.1, 0.4, 0.35, 0.8] },
    ...[3, 4, 5].map((seed) => {
      const u = mulberry32(seed);
      const y = Array.from({ length: 500 }, () => (u() < 0.2 ? 1 : 0));
      // Rounded scores → many ties.
      const s = y.map((l) => Math.round((u() + 0.4 * l) * 20) / 20);
      return { y, s };
    }),
    { y: [0, 0, 0], s: [0.1, 0.2, 0.3] },
  ];
  let dir = '';
  let ref: {
    k: number; ratio: number[]; pca_test: number[]; pca_train: number[]; tau: number; quantiles: number[];
    iforest: number[]; cases: { roc: number | null; ap: number | null }[];
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-sklearn-'));
    const data = join(dir, 'data.json');
    writeFileSync(data, JSON.stringify({ F, W, ntr, nte, xtr: [...xtr], xte: [...xte], r, qv, qs, cases }));
    const out = spawnSync(PYTHON, ['-c', SCRIPT, data], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
    if (out.status !== 0) throw new Error(`python failed: ${out.stderr}`);
    ref = JSON.parse(out.stdout);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('PCA: same k, explained-variance ratios and squared reconstruction errors (1e-6 rel)', () => {
    const m = fitPca(xtr, ntr, F, W);
    expect(m.k).toBe(ref.k);
    expect(m.k).toBeGreaterThan(1);
    expect(m.k).toBeLessThan(D);
    ref.ratio.forEach((v, j) => expectRel(m.explainedVarianceRatio[j] as number, v));
    const te = m.score(xte, nte);
    ref.pca_test.forEach((v, i) => expectRel(te[i] as number, v));
    const tr = m.score(xtr, ntr);
    ref.pca_train.forEach((v, i) => expectRel(tr[i] as number, v));
    expectRel(quantileLinear(tr, 1 - r), ref.tau);
  });

  it('np.quantile (linear) bit for bit', () => {
    qs.forEach((q, j) => expect(quantileLinear(qv, q)).toBe(ref.quantiles[j]));
  });

  it('ROC-AUC and average precision equal sklearn (1e-6 rel), null where sklearn is undefined', () => {
    cases.forEach((c, j) => {
      const want = ref.cases[j]!;
      const roc = rocAuc(c.y, c.s);
      const ap = averagePrecision(c.y, c.s);
      if (want.roc === null) expect(roc).toBeNull();
      else expectRel(roc as number, want.roc);
      if (want.ap === null) expect(ap).toBeNull();
      else expectRel(ap as number, want.ap);
    });
  });

  it('Isolation Forest ranks test windows like sklearn (Spearman > 0.9)', () => {
    const ours = fitIForest(xtr, ntr, F, W, 0).score(xte, nte);
    const rho = pearson(ranks(ours), ranks(Float64Array.from(ref.iforest)));
    expect(rho).toBeGreaterThan(0.9);
    // Same scale as sklearn's −score_samples: means within 0.05.
    const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    expect(Math.abs(mean(ours) - mean(ref.iforest))).toBeLessThan(0.05);
  });
});
