/**
 * Anomaly probabilities of windows through an engine network in chunks of its capacity: the
 * scorer of comparisons' test folds (train.ts) and of saved models (saved-scorer.ts).
 */
import { anomalyProb } from './losses.js';
import type { EngineNet } from './net.js';

/**
 * p(anomaly) = σ(logit₁ − logit₀) for windows x [n, F, W] (fw = F·W floats each), `cap` windows
 * at a time through `xin` (the net's input buffer in its arena). `onChunk(done)` runs after each
 * chunk (progress; it may throw to cancel). The net runs in inference mode meanwhile.
 */
export function scoreWindows(net: EngineNet, xin: Float32Array, cap: number, fw: number, x: Float32Array, n: number, onChunk?: (done: number) => void): Float32Array {
  const out = new Float32Array(n);
  net.setInference?.(true); // no backward follows: layers may skip what only backward reads
  try {
    for (let s = 0; s < n; s += cap) {
      const Bc = Math.min(cap, n - s);
      xin.set(x.subarray(s * fw, (s + Bc) * fw)); // a chunk's windows are contiguous
      anomalyProb(net.forward(xin, Bc, false), Bc, out, s);
      onChunk?.(s + Bc);
    }
  } finally {
    net.setInference?.(false);
  }
  return out;
}
