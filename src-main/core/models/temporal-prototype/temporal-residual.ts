/**
 * Second-order temporal residual of the T part of the score (METHODS.md §6.3):
 * T_i = ‖z_{i+1} − 2 z_i + z_{i−1}‖ with i±1 the neighbouring windows of the same object
 * (unsupervised/neighbours.ts) among the windows being scored.
 *
 * Edges: a missing neighbour is replaced by the mirror image of the present one (z_{i+1} := z_{i−1}),
 * giving T_i = 2‖z_i − z_{i−1}‖ — the same value a one-step spike would get in the middle of the
 * series, so the first/last window of an object is neither silenced nor over-weighted. A window with
 * no neighbour at all (an object with one window) gets T_i = 0: there is no trajectory to deviate from.
 */
export function temporalResidual(z: Float32Array, d: number, prev: Int32Array, next: Int32Array): Float32Array {
  const n = prev.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let a = prev[i]!;
    let b = next[i]!;
    if (a < 0 && b < 0) continue;
    if (a < 0) a = b;
    if (b < 0) b = a;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const r = z[b * d + j]! - 2 * z[i * d + j]! + z[a * d + j]!;
      s += r * r;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
