import { VigilError } from '../../../shared/errors';
import { mulberry32, shuffleInPlace, streamSeed } from '../windows/prng';

/** One fold: ascending window indices (PROTOCOL.md §4). */
export interface Fold {
  fold: number;
  train: Int32Array;
  test: Int32Array;
}

/**
 * Stratified random k-fold over windows — the paper's protocol. It LEAKS through time:
 * overlapping windows and shared rows land on both sides (METHODS.md §5). `yw` = window labels.
 */
export function kfoldSplits(yw: Uint8Array, K: number, seed: number): Fold[] {
  checkFolds(yw.length, K);
  const rng = mulberry32(streamSeed(seed, 1));
  const l0: number[] = [];
  const l1: number[] = [];
  yw.forEach((y, i) => (y ? l1 : l0).push(i));
  shuffleInPlace(l0, rng);
  shuffleInPlace(l1, rng);
  const order = [...l0, ...l1];
  const foldOf = new Int32Array(yw.length);
  order.forEach((w, p) => (foldOf[w] = p % K));
  return Array.from({ length: K }, (_, k) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < yw.length; i++) (foldOf[i] === k ? test : train).push(i);
    return { fold: k, train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/**
 * K contiguous time blocks; the W windows on each side of the test block are purged from
 * training so no training window shares a row with a test window.
 */
export function blockedSplits(M: number, K: number, W: number): Fold[] {
  checkFolds(M, K);
  return Array.from({ length: K }, (_, k) => {
    const s = Math.floor((k * M) / K);
    const e = Math.floor(((k + 1) * M) / K);
    const train: number[] = [];
    for (let i = 0; i < M; i++) if (i < s - W || i >= e + W) train.push(i);
    const test = Int32Array.from({ length: e - s }, (_, j) => s + j);
    return { fold: k, train: Int32Array.from(train), test };
  });
}

function checkFolds(n: number, K: number): void {
  if (!Number.isInteger(K) || K < 2) throw new VigilError('INVALID_SETTINGS', `folds must be a whole number ≥ 2 (got ${K})`, { where: { field: 'folds' } });
  if (n < K) throw new VigilError('INVALID_SETTINGS', `${n} windows cannot fill ${K} folds`, { where: { field: 'folds' }, hint: 'Use fewer folds or more data.' });
}
