/**
 * Forward pass of a 3×3 'same' convolution by Winograd F(2, 3) along H (the counters axis),
 * direct along W (the 4 time steps, where 'same' padding already removes a sixth of the work):
 * two output rows from four input rows with 4 products instead of 6, i.e. the GEMMs shrink to 2/3
 * of im2col's (Lavin & Gray 2016, "Fast Algorithms for Convolutional Neural Networks", F(m, r)
 * with m = 2, r = 3; METHODS.md §4 — a faster evaluation of the same model, not another model).
 *   u = Bᵀd (d = input rows 2i−1..2i+2), G_j = the kernel rows combined by G (below),
 *   m_j = U_j · G_j  ([rows (b, i, w), (kw, c)] × [(kw, c), Cout], one GEMM per j and column w,
 *   border columns over their valid kw only),  y = Aᵀm  (+ bias, ReLU).
 * Rounding differs from im2col's by a few ulp (transforms with coefficients ±1, ½).
 * Shapes: x [B, H, W, Cin] → out [B, H, W, Cout]; Ht = ⌈H/2⌉ row pairs.
 */
import type { Arena } from './arena.js';
import type { GemmFn } from './gemm-wasm.js';
import type { WinogradKernels } from './wasm-winograd.js';

export class WinogradF23 {
  /** G_j [4][3·Cin, Cout] */
  private readonly G: Float32Array;
  /** m_j [4][chunk·Ht·W, Cout] */
  private readonly M: Float32Array;
  private readonly zero: Float32Array;
  private readonly Ht: number;

  constructor(
    arena: Arena,
    readonly chunk: number,
    readonly H: number,
    readonly W: number,
    readonly Cin: number,
    readonly Cout: number,
    private readonly gemm: GemmFn,
    private readonly k: WinogradKernels | null,
  ) {
    this.Ht = Math.ceil(H / 2);
    this.G = arena.f32(4 * 3 * Cin * Cout);
    this.M = arena.f32(4 * chunk * this.Ht * W * Cout);
    this.zero = arena.f32(Cin);
  }

  /** Floats of the lowered input U (4 × chunk·Ht·W × 3·Cin): fits in an im2col buffer of the chunk. */
  static uFloats(chunk: number, H: number, W: number, Cin: number): number {
    return 4 * chunk * Math.ceil(H / 2) * W * 3 * Cin;
  }

  /**
   * Kernel transform G · g along kh, per (kw, c, o): G_0 = g0, G_1 = (g0 + g1 + g2)/2,
   * G_2 = (g0 − g1 + g2)/2, G_3 = g2, with g_kh the kernel rows [kh, ·, ·, ·] ([3·Cin, Cout] each).
   * Once per forward pass (the weights change every step).
   */
  transformKernel(kernel: Float32Array): void {
    if (!this.k) return;
    const n = 3 * this.Cin * this.Cout;
    const G = this.G;
    for (let e = 0; e < n; e++) {
      const g0 = kernel[e]!;
      const g1 = kernel[n + e]!;
      const g2 = kernel[2 * n + e]!;
      G[e] = g0;
      G[n + e] = 0.5 * (g0 + g1 + g2);
      G[2 * n + e] = 0.5 * (g0 - g1 + g2);
      G[3 * n + e] = g2;
    }
  }

  /**
   * out rows of nb images (from element oOff) = relu?(conv(x) + bias), x the chunk's input, U a
   * scratch of uFloats(nb, …) floats. False when a kernel does not apply (the caller uses im2col).
   */
  forward(x: Float32Array, nb: number, U: Float32Array, bias: Float32Array, relu: boolean, out: Float32Array, oOff: number): boolean {
    const { H, W, Cin, Cout, Ht, G, M } = this;
    if (!this.k?.winoIn(x, U, this.zero, nb, H, W, Cin)) return false;
    const rows = nb * Ht * W;
    const kC = 3 * Cin;
    for (let j = 0; j < 4; j++) {
      const uOff = j * rows * kC;
      const gOff = j * kC * Cout;
      const mOff = j * rows * Cout;
      for (let w = 0; w < W; w++) {
        // valid kernel columns of image column w ('same' padding): [kw0, kw1)
        const kw0 = w === 0 ? 1 : 0;
        const kw1 = w === W - 1 ? 2 : 3;
        const k0 = kw0 * Cin;
        // m_j[(b, i, w), :] = U_j[(b, i, w), k0..k1) · G_j[k0..k1, :]; rows of column w are W apart
        this.gemm(nb * Ht, Cout, (kw1 - kw0) * Cin, U, uOff + w * kC + k0, W * kC, 1, G, gOff + k0 * Cout, Cout, M, mOff + w * Cout, W * Cout, false);
      }
    }
    return this.k.winoOut(M, out, oOff, bias, nb, H, W, Cout, relu);
  }
}
