/**
 * Model-ready windows (METHODS.md §3) as typed arrays, never arrays of objects.
 * A window is F counters × W time steps (the paper: 10 × 4 = 20 minutes of 5-minute rows).
 */
export interface WindowSet {
  /** Counters (features) per window. */
  F: number;
  /** Time steps per window. */
  W: number;
  counters: string[];
  objects: string[];
  /** Number of windows. */
  n: number;
  /** [n, F, W] row-major, float32; feature-major inside a window, like the paper's 10 × 4 matrix. */
  x: Float32Array;
  /** [n] 0 = normal, 1 = anomalous. */
  y: Uint8Array;
  /** [n] epoch ms of the window's last row. */
  endMs: Float64Array;
  /** [n] index into `objects`. */
  objectIndex: Int32Array;
  /** [n] index of the outage an abnormal window precedes, -1 otherwise. */
  outageIndex: Int32Array;
}
