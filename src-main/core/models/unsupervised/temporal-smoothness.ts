/**
 * Temporal smoothness term of the unsupervised losses (METHODS.md §6.2 `1/(T−1) Σ ‖z_{t+1} − z_t‖²`,
 * §6.3 L_tem): within a training batch, the windows whose successor (same object, next in time,
 * neighbours.ts) exists are paired with that successor, which the model embeds in the same forward pass.
 */
import { tf } from './tf-runtime.js';

export interface SuccessorPairs {
  /** Positions b in the batch whose window has a successor. */
  rows: number[];
  /** The successor's window index (into the training windows) for each of `rows`. */
  successors: number[];
}

/** Pairs of batch `idx` with their successors (`next` from temporalNeighbours); none when disabled. */
export function successorPairs(idx: ArrayLike<number>, next: Int32Array, enabled = true): SuccessorPairs {
  const rows: number[] = [];
  const successors: number[] = [];
  if (!enabled) return { rows, successors };
  for (let b = 0; b < idx.length; b++) {
    const s = next[idx[b]!]!;
    if (s >= 0) {
      rows.push(b);
      successors.push(s);
    }
  }
  return { rows, successors };
}

/**
 * Mean over the P pairs of ‖z_next − z_cur‖², with z_cur = rows `pairs.rows` of `cur` [B, d] and
 * z_next [P, d]. The rows are picked by a one-hot [P, B] matMul, not tf.gather: gather's gradient
 * needs UnsortedSegmentSum, which TF.js's WASM backend lacks.
 */
export function smoothnessLoss(cur: tf.Tensor2D, next: tf.Tensor2D, rows: number[]): tf.Scalar {
  const B = cur.shape[0];
  const P = rows.length;
  const sel = new Float32Array(P * B);
  for (let p = 0; p < P; p++) sel[p * B + rows[p]!] = 1;
  const zt = tf.matMul(tf.tensor2d(sel, [P, B]), cur); // [P, d]
  return tf.div(tf.sum(tf.square(tf.sub(next, zt))), P) as tf.Scalar;
}
