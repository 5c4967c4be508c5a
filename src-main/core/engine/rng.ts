/**
 * Seeded randomness for the training engine (PROTOCOL.md §2 generator, §10 model-internal
 * randomness). One `Rng` per trained model: init, shuffles, dropout masks, augmentation all draw
 * from it, so a run is reproducible from its seed.
 */

import { mulberry32, streamSeed } from '../windows/prng';

/** The protocol's generator (PROTOCOL.md §2), shared with fold assignment and sampling. */
export { mulberry32, streamSeed };

export class Rng {
  private readonly u: () => number;
  private spare = 0;
  private hasSpare = false;
  constructor(seed: number) {
    this.u = mulberry32(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.u();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.u() * n);
  }
  /** Standard normal (Box–Muller, polar-free form). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u1 = this.u();
    while (u1 <= 1e-300) u1 = this.u();
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * u2);
  }
  /** In-place Fisher–Yates (PROTOCOL.md §2 order). */
  shuffle(a: Int32Array | number[]): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.u() * (i + 1));
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}

/** glorot_uniform (Keras / TF.js default kernel init): U(−l, l), l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(rng: Rng, out: Float32Array, fanIn: number, fanOut: number): void {
  const l = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * l;
}

/**
 * orthogonal init (Keras / TF.js, gain 1) of a row-major [rows, cols] matrix: QR of a normal
 * matrix, signs fixed by diag(R) (modified Gram–Schmidt on the longer side).
 */
export function orthogonal(rng: Rng, out: Float32Array, rows: number, cols: number): void {
  const long = Math.max(rows, cols);
  const short = Math.min(rows, cols);
  // q: `short` vectors of length `long`
  const q: Float64Array[] = [];
  for (let s = 0; s < short; s++) {
    const v = new Float64Array(long);
    for (let i = 0; i < long; i++) v[i] = rng.normal();
    let rdiagSign = 1;
    for (let p = 0; p < s; p++) {
      const qp = q[p]!;
      let d = 0;
      for (let i = 0; i < long; i++) d += qp[i]! * v[i]!;
      for (let i = 0; i < long; i++) v[i]! -= d * qp[i]!;
    }
    let nrm = 0;
    for (let i = 0; i < long; i++) nrm += v[i]! * v[i]!;
    nrm = Math.sqrt(nrm) || 1;
    rdiagSign = 1; // R's diagonal is the (positive) norm in Gram–Schmidt
    for (let i = 0; i < long; i++) v[i] = (v[i]! / nrm) * rdiagSign;
    q.push(v);
  }
  // rows >= cols: out[i, s] = q[s][i]; rows < cols: out[s, i] = q[s][i]
  for (let s = 0; s < short; s++) {
    const v = q[s]!;
    for (let i = 0; i < long; i++) {
      if (rows >= cols) out[i * cols + s] = v[i]!;
      else out[s * cols + i] = v[i]!;
    }
  }
}
