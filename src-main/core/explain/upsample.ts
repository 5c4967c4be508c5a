/**
 * Maps on a conv layer's grid back onto the input grid [F, W] (METHODS.md §7): after `pooled`
 * 2×2 / stride 2 'same' poolings, input cell (f, t) was summarised by cell (f >> pooled, t >> pooled),
 * so nearest-neighbour up-sampling is exact about which input cells a value covers.
 */

/** src [Hs, Ws] (row-major) → dst[dOff..] [F, W]. */
export function upsampleToInput(src: Float32Array, sOff: number, Hs: number, Ws: number, pooled: number, dst: Float32Array, dOff: number, F: number, W: number): void {
  for (let f = 0; f < F; f++) {
    const sf = Math.min(f >> pooled, Hs - 1);
    for (let t = 0; t < W; t++) dst[dOff + f * W + t] = src[sOff + sf * Ws + Math.min(t >> pooled, Ws - 1)]!;
  }
}
