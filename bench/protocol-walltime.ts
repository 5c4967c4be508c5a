/**
 * The paper protocol's wall time at paper scale (issue #4 "Performance"; METHODS.md §3–4,
 * PROTOCOL.md §4/§6/§9): 3 models × 10 random stratified folds × 50 epochs at batch 10 on
 * ~48,000 windows (F = 38, W = 4), i.e. per model 10 × 50 × 43,200 training windows plus
 * 10 × 4,800 scored windows. A full run takes hours, so train.bench.ts measures each side's
 * windows/s on a subset of synthetic data of exactly that shape and extrapolates with the
 * arithmetic below (the lines say so). Contrastive rates cover both phases (PROTOCOL.md §9), so
 * the same windows × epochs product applies to all three models.
 */
import { mulberry32 } from '../src-main/core/engine/rng.js';

export const PAPER = { windows: 48_000, F: 38, W: 4, folds: 10, epochs: 50, batch: 10 } as const;
/** Rows of the synthetic series: `windows + W − 1` rows give exactly `windows` sliding windows. */
export const PAPER_ROWS = PAPER.windows + PAPER.W - 1;

export interface SyntheticSeries { X: Float64Array; y: Uint8Array; N: number; F: number; source: string }

/**
 * A deterministic synthetic series of the paper's size: 48,003 rows × 38 counters (sine waves of
 * different periods + noise), with an 8-row anomaly burst (level shift) every 300 rows (~2.7 %
 * anomalous rows, SMD-like), spread over the whole series so that any subset of ≥ 600 rows holds
 * enough anomalous windows for 10 stratified folds.
 */
export function paperSeries(): SyntheticSeries {
  const N = PAPER_ROWS;
  const F = PAPER.F;
  const u = mulberry32(48_000);
  const X = new Float64Array(N * F);
  const y = new Uint8Array(N);
  for (let t = 0; t < N; t++) {
    const anom = t % 300 >= 150 && t % 300 < 158;
    y[t] = anom ? 1 : 0;
    for (let k = 0; k < F; k++) X[t * F + k] = Math.sin(t / (20 + 3 * k)) + 0.2 * u() + (anom ? 0.8 : 0);
  }
  return { X, y, N, F, source: `synthetic paper-size series (${N} rows × ${F} counters → ${PAPER.windows} windows, W = ${PAPER.W})` };
}

/** Per-fold sizes of the paper's 10-fold protocol on 48,000 windows. */
export function paperFoldSizes(): { nTrain: number; nTest: number } {
  const nTest = Math.round(PAPER.windows / PAPER.folds);
  return { nTrain: PAPER.windows - nTest, nTest };
}

/**
 * Seconds one model's protocol takes at aggregate training / scoring rates (windows/s over all
 * parallel workers): every fold trains `epochs` epochs over its training windows, then scores
 * its test fold; `fixedSeconds` adds one-time costs (windowing, fold assignment).
 */
export function protocolSeconds(trainWinPerS: number, scoreWinPerS: number, fixedSeconds = 0): number {
  const { nTrain, nTest } = paperFoldSizes();
  return (PAPER.folds * PAPER.epochs * nTrain) / trainWinPerS + (PAPER.folds * nTest) / scoreWinPerS + fixedSeconds;
}

/** 5,400 s → "1.50 h", 300 s → "5.0 min", 12 s → "12.0 s". */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'n/a';
  if (s >= 3600) return `${(s / 3600).toFixed(2)} h`;
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
}
