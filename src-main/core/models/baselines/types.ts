import type { BaselineModelKind } from '../../../../shared/domain/models';

/**
 * A fitted baseline (PROTOCOL.md §7). `score(x, n)` takes windows in the `WindowSet.x` layout
 * [n, F, W] feature-major float32 (F, W fixed at fit) and returns [n] float64 scores,
 * higher = more anomalous.
 */
export interface BaselineModel {
  kind: BaselineModelKind;
  /** PCA: k·W·F + W·F; iForest: total tree nodes; random: 0. */
  paramCount: number;
  score(x: Float32Array, n: number): Float64Array;
}
