/** Shared helpers of the engine / model tests (TF.js reference computations, synthetic data). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { WindowSet } from '../../../shared/domain/windows.js';
import { Rng } from './rng.js';

export { tf };

export async function cpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function randn(n: number, rng: Rng, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

/** max |a − b| relative to max(1, max |b|). */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let d = 0;
  let m = 1;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}

/**
 * Synthetic windows [n, F, W]: noise in [0, 0.5); anomalous windows (30 %) get a bump on a few
 * features in the last time steps — separable but not trivially by one cell.
 */
export function synthWindows(n: number, F: number, W: number, seed = 1, posRate = 0.3): WindowSet {
  const rng = new Rng(seed);
  const x = new Float32Array(n * F * W);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const pos = rng.next() < posRate;
    y[i] = pos ? 1 : 0;
    for (let f = 0; f < F; f++) {
      for (let t = 0; t < W; t++) {
        let v = rng.next() * 0.5;
        if (pos && f % 5 === 1 && t >= W - 2) v += 0.35;
        x[(i * F + f) * W + t] = v;
      }
    }
  }
  return { F, W, n, x, y, counters: [], objects: [], endMs: new Float64Array(n), objectIndex: new Int32Array(n), outageIndex: new Int32Array(n).fill(-1) };
}

/** ROC AUC (Mann–Whitney, ties ½). */
export function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSum = 0;
  let nPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!] === 1) {
      rankSum += r;
      nPos++;
    }
    i = j + 1;
  }
  const nNeg = idx.length - nPos;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
