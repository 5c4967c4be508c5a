/**
 * Layers of the hand-written training engine: explicit forward / backward over preallocated
 * float32 buffers, batch-major, NHWC like TF.js (so weights export 1:1, tfjs-export.ts).
 * Every layer owns `out` ([maxB, outSize]) and, when it must pass a gradient on, `dIn`
 * ([maxB, inSize]). Gradients are overwritten (not accumulated) by each backward call: each
 * parameter is used once per step (the contrastive model runs both views as one 2B batch).
 * Architectures: PROTOCOL.md §6, METHODS.md §4.
 */
import type { Arena } from './arena.js';
import type { GemmFn, LstmCellBackFn } from './gemm-wasm.js';
import type { LstmKernels } from './wasm-lstm.js';
import { WinogradF23 } from './conv-winograd.js';
import { poolConvScratchFloats, type ConvKernels } from './wasm-conv.js';
import { glorotUniform, orthogonal, type Rng } from './rng.js';

export interface Param {
  /** TF.js weight name suffix, e.g. `kernel`, `bias`, `recurrent_kernel`. */
  name: string;
  shape: number[];
  w: Float32Array;
  g: Float32Array;
  /** Adam moments (adam.ts), in the arena so the SIMD kernel updates them in place. */
  m: Float32Array;
  v: Float32Array;
}

export interface Layer {
  readonly inSize: number;
  readonly outSize: number;
  /** [maxB, outSize] */
  readonly out: Float32Array;
  /** [maxB, inSize], null when no input gradient is needed (first layer). */
  readonly dIn: Float32Array | null;
  readonly params: Param[];
  init(rng: Rng): void;
  forward(x: Float32Array, B: number, training: boolean): void;
  /** `dOut` ([B, outSize]) may be modified in place (ReLU masking). */
  backward(x: Float32Array, dOut: Float32Array, B: number): void;
}

function param(arena: Arena, name: string, shape: number[]): Param {
  const n = shape.reduce((a, b) => a * b, 1);
  return { name, shape, w: arena.f32(n), g: arena.f32(n), m: arena.f32(n), v: arena.f32(n) };
}

/** dst[c, r] = src[r, c]; src row-major [rows, cols]. */
export function transpose(src: Float32Array, rows: number, cols: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const s = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c]!;
  }
}

/** g[j] = Σ_r d[r·n + j], as the GEMM onesᵀ[1, rows] · d[rows, n] (ones: the arena's). */
export function colSum(gemm: GemmFn, ones: Float32Array, d: Float32Array, rows: number, n: number, g: Float32Array): void {
  gemm(1, n, rows, ones, 0, 0, 1, d, 0, n, g, 0, n, false);
}

/** The ReLU derivative: d[i] = 0 where !(out[i] > 0), i < len (WASM SIMD when in the arena). */
function reluMask(out: Float32Array, d: Float32Array, len: number, k: ConvKernels | null): void {
  if (k?.reluMask(out, d, len)) return;
  for (let i = 0; i < len; i++) if (!(out[i]! > 0)) d[i] = 0;
}

/** Target size of a Conv2D's im2col buffer: the batch is lowered and multiplied in chunks of images. */
const CONV_CHUNK_BYTES = 1 << 20;
/** x + dIn of one chunk of the winners-only backward: half the 512 KB L2 of the machine measured. */
const POOL_BACK_CHUNK_BYTES = 1 << 18;

/**
 * conv2d, k×k kernel, stride 1, padding 'same', optional fused ReLU, via im2col + GEMM, in chunks
 * of whole images (`chunk`) so the lowered matrix stays in cache (backward lowers x again unless
 * the batch was one chunk).
 * Input [B, H, W, Cin] → output [B, H, W, Cout]. Kernel [k, k, Cin, Cout] (TF.js layout) is the
 * GEMM's right matrix [k·k·Cin, Cout].
 */
export class Conv2D implements Layer {
  readonly inSize: number;
  readonly outSize: number;
  readonly out: Float32Array;
  readonly dIn: Float32Array | null;
  readonly params: Param[];
  readonly kernel: Param;
  readonly bias: Param;
  private readonly P: number;
  private readonly KK: number;
  /** Images per im2col chunk (the col / dcol buffers hold one chunk, so they stay cache-sized). */
  readonly chunk: number;
  private readonly col: Float32Array; // [chunk·H·W, k·k·Cin]
  private readonly dcol: Float32Array | null;
  /** col holds im2col of (colX, colB) — a one-chunk batch, reused by backward. */
  private colX: Float32Array | null = null;
  private colB = 0;
  private readonly wT: Float32Array | null; // [Cout, k·k·Cin]
  private readonly gemm: GemmFn;
  private readonly ones: Float32Array;
  private readonly kernels: ConvKernels | null;
  /** Set when the next layer already zeroes gradients where this ReLU output is 0 (MaxPool2). */
  gradMaskedByNext = false;
  /** The max pool this conv feeds (feedsPool): backward then runs from the pool's winners. */
  private pool: MaxPool2 | null = null;
  /** Winograd F(2, 3) forward (conv-winograd.ts; lowers into `col`), null: im2col + GEMM. */
  private readonly wino: WinogradF23 | null;
  /** How the last forward pass computed (tests, benches). */
  lastForward: 'winograd' | 'im2col' = 'im2col';
  /** dKernelᵀ [Cout, k·k·Cin] of the winners-only backward (WASM, Cin a multiple of 32). */
  private readonly dWT: Float32Array | null;
  /** Images per chunk of the winners-only backward (their x and dIn stay in L2) and its scratch. */
  private readonly poolChunk: number;
  private readonly poolScratch: Float32Array | null;

  constructor(
    arena: Arena,
    maxB: number,
    readonly H: number,
    readonly W: number,
    readonly Cin: number,
    readonly Cout: number,
    readonly k: number,
    readonly relu: boolean,
    needInputGrad: boolean,
    chunkBytes = CONV_CHUNK_BYTES,
  ) {
    this.P = H * W;
    this.KK = k * k * Cin;
    this.inSize = this.P * Cin;
    this.outSize = this.P * Cout;
    this.kernel = param(arena, 'kernel', [k, k, Cin, Cout]);
    this.bias = param(arena, 'bias', [Cout]);
    this.params = [this.kernel, this.bias];
    this.chunk = Math.max(1, Math.min(maxB, Math.floor(chunkBytes / (4 * this.P * this.KK))));
    this.col = arena.f32(this.chunk * this.P * this.KK);
    this.out = arena.f32(maxB * this.outSize);
    this.dIn = needInputGrad ? arena.f32(maxB * this.inSize) : null;
    this.dcol = needInputGrad ? arena.f32(this.chunk * this.P * this.KK) : null;
    this.wT = needInputGrad ? arena.f32(this.KK * Cout) : null;
    const winnersOnly = k === 3 && Cin % 32 === 0;
    this.dWT = winnersOnly ? arena.f32(this.KK * Cout) : null;
    this.poolChunk = Math.max(1, Math.min(maxB, Math.floor(POOL_BACK_CHUNK_BYTES / (8 * this.inSize))));
    this.poolScratch = winnersOnly ? arena.f32(poolConvScratchFloats(this.poolChunk, H, W)) : null;
    this.gemm = arena.gemm;
    this.ones = arena.ones(maxB * this.P);
    this.kernels = arena.conv;
    // allocated whenever the shape allows (the sizing arena has no kernels); used when the arena has them
    const winoShape = k === 3 && Cin % 4 === 0 && Cout % 4 === 0 && this.col.length >= WinogradF23.uFloats(this.chunk, H, W, Cin);
    this.wino = winoShape ? new WinogradF23(arena, this.chunk, H, W, Cin, Cout, this.gemm, arena.winograd) : null;
  }

  /**
   * Declares that this conv's output goes straight into `pool` (its ReLU gradient then comes
   * masked from the pool). With the WASM kernels and Cin a multiple of 32, backward multiplies
   * only the pool's winners — at most 1 in 4 outputs per channel has a gradient — instead of the
   * dense im2col GEMMs (wasm-conv.ts poolConvBack); the result is the same up to rounding.
   */
  feedsPool(pool: MaxPool2): void {
    if (pool.H !== this.H || pool.W !== this.W || pool.C !== this.Cout) throw new Error('pool does not match the conv output');
    this.pool = pool;
    this.gradMaskedByNext = this.relu && pool.reluInput;
    pool.deferInputGrad = this.dWT !== null && this.kernels !== null;
  }

  init(rng: Rng): void {
    glorotUniform(rng, this.kernel.w, this.KK, this.k * this.k * this.Cout);
    this.bias.w.fill(0);
  }

  private im2col(x: Float32Array, B: number): void {
    const { H, W, Cin, k, KK, col } = this;
    if (k === 3 && this.kernels?.im2col3(x, col, B, H, W, Cin)) return;
    const p = (k - 1) >> 1;
    const kC = k * Cin;
    let row = 0;
    for (let b = 0; b < B; b++) {
      const xb = b * H * W * Cin;
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++, row += KK) {
          // kernel columns kw with 0 <= w + kw − p < W form one contiguous run of x per kh
          const kw0 = Math.max(0, p - w);
          const kw1 = Math.min(k, W + p - w);
          const lead = kw0 * Cin;
          const run = (kw1 - kw0) * Cin;
          for (let kh = 0; kh < k; kh++) {
            const ih = h + kh - p;
            const dst = row + kh * kC;
            if (ih < 0 || ih >= H) {
              col.fill(0, dst, dst + kC);
              continue;
            }
            if (lead > 0) col.fill(0, dst, dst + lead);
            const src = xb + (ih * W + w + kw0 - p) * Cin;
            const d = dst + lead;
            for (let c = 0; c < run; c++) col[d + c] = x[src + c]!;
            if (lead + run < kC) col.fill(0, d + run, dst + kC);
          }
        }
      }
    }
  }

  private col2im(dIn: Float32Array, dcol: Float32Array, B: number): void {
    const { H, W, Cin, k, KK } = this;
    if (k === 3 && this.kernels?.col2im3(dIn, dcol, B, H, W, Cin)) return;
    const p = (k - 1) >> 1;
    const kC = k * Cin;
    dIn.fill(0, 0, B * this.inSize);
    let row = 0;
    for (let b = 0; b < B; b++) {
      const xb = b * H * W * Cin;
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++, row += KK) {
          const kw0 = Math.max(0, p - w);
          const kw1 = Math.min(k, W + p - w);
          const run = (kw1 - kw0) * Cin;
          for (let kh = 0; kh < k; kh++) {
            const ih = h + kh - p;
            if (ih < 0 || ih >= H) continue;
            const src = row + kh * kC + kw0 * Cin;
            const dst = xb + (ih * W + w + kw0 - p) * Cin;
            for (let c = 0; c < run; c++) dIn[dst + c]! += dcol[src + c]!;
          }
        }
      }
    }
  }

  /**
   * Border-column skipping ('same' padding on narrow images, e.g. W = 4 or 2): the im2col rows of
   * image column w hold zeros at kernel columns kw outside [kw0, kw1). When `splitCols`, every
   * GEMM runs per image column w over the rows (b, h, w) — a strided row set (stride W·KK) — and,
   * at a border column, per kernel row kh over only the valid K range kh·kC + [kw0·Cin, kw1·Cin):
   * the zero products are never computed (W = 4: 1/6 of the FLOPs, W = 2: 1/3).
   */
  get splitCols(): boolean {
    return this.k > 1 && this.W <= 8 && this.Cin >= 8 && this.W < this.H;
  }

  /** Valid kernel-column range [kw0, kw1) of image column w. */
  private kwRange(w: number): [number, number] {
    const p = (this.k - 1) >> 1;
    return [Math.max(0, p - w), Math.min(this.k, this.W + p - w)];
  }

  /** Image columns, full-K ones first (so the first weight-gradient GEMM may overwrite). */
  private colOrder(): number[] {
    const full: number[] = [];
    const border: number[] = [];
    for (let w = 0; w < this.W; w++) {
      const [a, b] = this.kwRange(w);
      (b - a === this.k ? full : border).push(w);
    }
    return [...full, ...border];
  }

  forward(x: Float32Array, B: number): void {
    const { inSize, outSize, chunk, wino } = this;
    wino?.transformKernel(this.kernel.w);
    let lowered = true; // col holds im2col(x) of the last chunk
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const nb = Math.min(chunk, B - b0);
      const xs = x.subarray(b0 * inSize);
      if (wino?.forward(xs, nb, this.col, this.bias.w, this.relu, this.out, b0 * outSize)) {
        lowered = false;
        continue;
      }
      this.im2col(xs, nb);
      this.gemmForward(nb, b0 * outSize);
    }
    this.lastForward = lowered ? 'im2col' : 'winograd';
    this.colX = B <= chunk && lowered ? x : null;
    this.colB = B;
  }

  /** out[rows of nb images from oOff] = relu?(col · kernel + bias). */
  private gemmForward(nb: number, oOff: number): void {
    const { P, KK, Cout, out } = this;
    if (!this.splitCols) {
      // out[nb·P, Cout] = relu?(col[nb·P, KK] · kernel[KK, Cout] + bias), bias / ReLU fused in the GEMM
      this.gemm(nb * P, Cout, KK, this.col, 0, KK, 1, this.kernel.w, 0, Cout, out, oOff, Cout, false, this.bias.w, this.relu);
      return;
    }
    const { W, Cin, k } = this;
    const M = nb * this.H;
    const kC = k * Cin;
    for (let w = 0; w < W; w++) {
      const [kw0, kw1] = this.kwRange(w);
      if (kw1 - kw0 === k) {
        this.gemm(M, Cout, KK, this.col, w * KK, W * KK, 1, this.kernel.w, 0, Cout, out, oOff + w * Cout, W * Cout, false, this.bias.w, this.relu);
        continue;
      }
      const nK = (kw1 - kw0) * Cin;
      for (let kh = 0; kh < k; kh++) {
        const k0 = kh * kC + kw0 * Cin;
        const last = kh === k - 1;
        this.gemm(M, Cout, nK, this.col, w * KK + k0, W * KK, 1, this.kernel.w, k0 * Cout, Cout, out, oOff + w * Cout, W * Cout, kh > 0, last ? this.bias.w : null, last && this.relu);
      }
    }
  }

  backward(x: Float32Array, dOut: Float32Array, B: number): void {
    if (this.backwardFromPool(x, dOut, B)) return;
    const { P, KK, Cout, inSize, outSize, chunk } = this;
    const rows = B * P;
    if (this.relu && !this.gradMaskedByNext) reluMask(this.out, dOut, rows * Cout, this.kernels);
    colSum(this.gemm, this.ones, dOut, rows, Cout, this.bias.g);
    const needIn = this.dIn && this.dcol && this.wT;
    if (needIn) transpose(this.kernel.w, KK, Cout, this.wT!);
    const cached = this.colX === x && this.colB === B && B <= chunk;
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const nb = Math.min(chunk, B - b0);
      if (!cached) this.im2col(x.subarray(b0 * inSize), nb);
      this.gemmKernelGrad(dOut, nb, b0 * outSize, b0 === 0);
      if (needIn) {
        this.gemmColGrad(dOut, nb, b0 * outSize);
        this.col2im(this.dIn!.subarray(b0 * inSize), this.dcol!, nb);
      }
    }
    this.colX = null;
  }

  /** The winners-only backward (feedsPool); false when it does not apply (JS kernels, Cin). */
  private backwardFromPool(x: Float32Array, dOut: Float32Array, B: number): boolean {
    const { pool, dWT, kernels, KK, Cout } = this;
    // only right after the pool's own backward of this pass (dOut is its input gradient)
    const dP = pool?.lastDOut;
    if (!pool || !dP || dOut !== pool.dIn) return false;
    if (!dWT || !kernels || !this.poolScratch) {
      pool.inputGrad(); // the dense path reads it
      return false;
    }
    pool.lastDOut = null;
    if (this.dIn && this.wT) transpose(this.kernel.w, KK, Cout, this.wT);
    dWT.fill(0);
    this.bias.g.fill(0);
    const relu = this.relu || pool.reluInput;
    if (!kernels.poolConvBack(x, dP, pool.out, pool.slot, this.wT ?? dWT, this.dIn, dWT, this.bias.g, B, this.H, this.W, this.Cin, Cout, relu, this.poolScratch, this.poolChunk)) {
      pool.inputGrad();
      return false;
    }
    transpose(dWT, Cout, KK, this.kernel.g);
    this.colX = null;
    return true;
  }

  /** dKernel[KK, Cout] (=, or += unless `first`) colᵀ[KK, nb·P] · dOut[nb·P from dOff, Cout]. */
  private gemmKernelGrad(dOut: Float32Array, nb: number, dOff: number, first: boolean): void {
    const { KK, Cout, P } = this;
    const g = this.kernel.g;
    if (!this.splitCols) {
      this.gemm(KK, Cout, nb * P, this.col, 0, 1, KK, dOut, dOff, Cout, g, 0, Cout, !first);
      return;
    }
    const { W, Cin, k } = this;
    const M = nb * this.H;
    const kC = k * Cin;
    const order = this.colOrder();
    if (first && this.kwRange(order[0]!)[1] - this.kwRange(order[0]!)[0] !== k) {
      g.fill(0);
      first = false;
    }
    // Σ_w col_wᵀ[KK, nb·H] · dOut_w[nb·H, Cout] over the valid K ranges
    for (const w of order) {
      const [kw0, kw1] = this.kwRange(w);
      if (kw1 - kw0 === k) {
        this.gemm(KK, Cout, M, this.col, w * KK, 1, W * KK, dOut, dOff + w * Cout, W * Cout, g, 0, Cout, !first);
        first = false;
        continue;
      }
      const nK = (kw1 - kw0) * Cin;
      for (let kh = 0; kh < k; kh++) {
        const k0 = kh * kC + kw0 * Cin;
        this.gemm(nK, Cout, M, this.col, w * KK + k0, 1, W * KK, dOut, dOff + w * Cout, W * Cout, g, k0 * Cout, Cout, true);
      }
    }
  }

  /** dcol[nb·P, KK] = dOut[nb·P from dOff, Cout] · kernelᵀ[Cout, KK]; with splitCols the pad entries stay unwritten (col2im never reads them). */
  private gemmColGrad(dOut: Float32Array, nb: number, dOff: number): void {
    const { KK, Cout, P } = this;
    const dcol = this.dcol!;
    const wT = this.wT!;
    if (!this.splitCols) {
      this.gemm(nb * P, KK, Cout, dOut, dOff, Cout, 1, wT, 0, KK, dcol, 0, KK, false);
      return;
    }
    const { W, Cin, k } = this;
    const M = nb * this.H;
    const kC = k * Cin;
    for (let w = 0; w < W; w++) {
      const [kw0, kw1] = this.kwRange(w);
      if (kw1 - kw0 === k) {
        this.gemm(M, KK, Cout, dOut, dOff + w * Cout, W * Cout, 1, wT, 0, KK, dcol, w * KK, W * KK, false);
        continue;
      }
      const nK = (kw1 - kw0) * Cin;
      for (let kh = 0; kh < k; kh++) {
        const k0 = kh * kC + kw0 * Cin;
        this.gemm(M, nK, Cout, dOut, dOff + w * Cout, W * Cout, 1, wT, k0, KK, dcol, w * KK + k0, W * KK, false);
      }
    }
  }
}

/**
 * max-pool 2×2, stride 2, padding 'same' (TF.js; = PyTorch ceil_mode=True: odd sizes pad at the
 * end and the pad is ignored). [B, H, W, C] → [B, ceil(H/2), ceil(W/2), C].
 */
export class MaxPool2 implements Layer {
  readonly inSize: number;
  readonly outSize: number;
  readonly out: Float32Array;
  readonly dIn: Float32Array | null;
  readonly params: Param[] = [];
  readonly Ho: number;
  readonly Wo: number;
  /** Winner of each output's 2×2 window: slot 0..3 = (row offset, column offset) bits (dh, dw). */
  readonly slot: Int32Array;
  /** The output gradient of the last backward pass (a Conv2D feeding this pool reads it). */
  lastDOut: Float32Array | null = null;
  /**
   * Set by a Conv2D that back-propagates from this pool's winners (Conv2D.feedsPool): then
   * backward leaves dIn to `inputGrad()` — training never reads it, explanations (Grad-CAM) do.
   */
  deferInputGrad = false;
  /** dOut and batch of a backward pass whose dIn is not computed yet. */
  private pending: { dOut: Float32Array; B: number } | null = null;
  private readonly kernels: ConvKernels | null;

  /**
   * `reluInput`: the input is the output of a ReLU layer, which then may skip its own gradient
   * mask (set that layer's `gradMaskedByNext`).
   */
  constructor(arena: Arena, maxB: number, readonly H: number, readonly W: number, readonly C: number, needInputGrad: boolean, readonly reluInput = false) {
    this.Ho = Math.ceil(H / 2);
    this.Wo = Math.ceil(W / 2);
    this.inSize = H * W * C;
    this.outSize = this.Ho * this.Wo * C;
    this.out = arena.f32(maxB * this.outSize);
    this.dIn = needInputGrad ? arena.f32(maxB * this.inSize) : null;
    this.slot = arena.i32(maxB * this.outSize);
    this.kernels = arena.conv;
  }

  init(): void {}

  /**
   * Visits every output (b, oh, ow, c) in order with the input index of its window's slot 0 and
   * the offsets dh / dw of slots 2 / 1 (0 on an odd last row / column: the pad repeats the valid one).
   */
  private windows(B: number, visit: (o: number, i0: number, dh: number, dw: number) => void): void {
    const { H, W, C, Ho, Wo } = this;
    let o = 0;
    for (let b = 0; b < B; b++) {
      const xb = b * H * W * C;
      for (let oh = 0; oh < Ho; oh++) {
        const dh = 2 * oh + 1 < H ? W * C : 0;
        for (let ow = 0; ow < Wo; ow++) {
          const dw = 2 * ow + 1 < W ? C : 0;
          const base = xb + (2 * oh * W + 2 * ow) * C;
          for (let c = 0; c < C; c++, o++) visit(o, base + c, dh, dw);
        }
      }
    }
  }

  forward(x: Float32Array, B: number): void {
    const { H, W, C, out, slot } = this;
    if (this.kernels?.pool2(x, out, slot, B, H, W, C)) return;
    this.windows(B, (o, i0, dh, dw) => {
      // strict >: the first maximum wins (NaN never wins)
      let k = 0;
      let best = x[i0]!;
      if (x[i0 + dw]! > best) (best = x[i0 + dw]!), (k = 1);
      if (x[i0 + dh]! > best) (best = x[i0 + dh]!), (k = 2);
      if (x[i0 + dh + dw]! > best) (best = x[i0 + dh + dw]!), (k = 3);
      out[o] = best;
      slot[o] = k;
    });
  }

  backward(_x: Float32Array, dOut: Float32Array, B: number): void {
    this.lastDOut = dOut;
    this.pending = { dOut, B };
    if (!this.deferInputGrad) this.inputGrad();
  }

  /** dIn of the last backward pass, computed now if it was deferred. */
  inputGrad(): Float32Array | null {
    const { dIn, H, W, C, out, slot, reluInput, pending } = this;
    if (!dIn || !pending) return dIn;
    this.pending = null;
    const { dOut, B } = pending;
    if (this.kernels?.pool2Back(dOut, out, slot, dIn, B, H, W, C, reluInput)) return dIn;
    dIn.fill(0, 0, B * this.inSize);
    // input is a ReLU output (reluInput): where the max is 0 the ReLU's derivative is 0 too
    this.windows(B, (o, i0, dh, dw) => {
      if (reluInput && !(out[o]! > 0)) return;
      const k = slot[o]!;
      dIn[i0 + (k & 1 ? dw : 0) + (k & 2 ? dh : 0)]! += dOut[o]!;
    });
    return dIn;
  }
}

/** dense: [B, in] · kernel[in, out] + bias, optional fused ReLU. */
export class Dense implements Layer {
  readonly out: Float32Array;
  readonly dIn: Float32Array | null;
  readonly params: Param[];
  readonly kernel: Param;
  readonly bias: Param;
  private readonly wT: Float32Array | null;
  private readonly dOutT: Float32Array; // [out, Bp]
  private readonly dInT: Float32Array; // [in, Bp]
  private readonly gemm: GemmFn;
  private readonly kernels: ConvKernels | null;
  private readonly ones: Float32Array;

  constructor(arena: Arena, maxB: number, readonly inSize: number, readonly outSize: number, readonly relu: boolean, needInputGrad: boolean) {
    this.kernel = param(arena, 'kernel', [inSize, outSize]);
    this.bias = param(arena, 'bias', [outSize]);
    this.params = [this.kernel, this.bias];
    this.out = arena.f32(maxB * outSize);
    this.dIn = needInputGrad ? arena.f32(maxB * inSize) : null;
    this.wT = needInputGrad ? arena.f32(inSize * outSize) : null;
    const Bp = (maxB + 3) & ~3;
    this.dOutT = arena.f32(needInputGrad ? outSize * Bp : 0);
    this.dInT = arena.f32(needInputGrad ? inSize * Bp : 0);
    this.gemm = arena.gemm;
    this.kernels = arena.conv;
    this.ones = arena.ones(maxB);
  }

  init(rng: Rng): void {
    glorotUniform(rng, this.kernel.w, this.inSize, this.outSize);
    this.bias.w.fill(0);
  }

  forward(x: Float32Array, B: number): void {
    const { inSize: I, outSize: O, out } = this;
    // out[B, O] = relu?(x[B, I] · kernel[I, O] + bias)
    this.gemm(B, O, I, x, 0, I, 1, this.kernel.w, 0, O, out, 0, O, false, this.bias.w, this.relu);
  }

  backward(x: Float32Array, dOut: Float32Array, B: number): void {
    const { inSize: I, outSize: O } = this;
    if (this.relu) reluMask(this.out, dOut, B * O, this.kernels);
    colSum(this.gemm, this.ones, dOut, B, O, this.bias.g);
    // dKernel[I, O] = xᵀ[I, B] · dOut[B, O]
    this.gemm(I, O, B, x, 0, 1, I, dOut, 0, O, this.kernel.g, 0, O, false);
    if (this.dIn && this.wT) {
      const Bp = (B + 3) & ~3;
      if (Bp * (I + O) < I * O) {
        // small batch: transposing dOut and the result is cheaper than transposing the kernel:
        // dInᵀ[I, Bp] = kernel[I, O] · dOutᵀ[O, Bp] (Bp = B rounded up to 4, zero columns)
        const dT = this.dOutT;
        dT.fill(0, 0, O * Bp);
        for (let b = 0; b < B; b++) for (let o = 0; o < O; o++) dT[o * Bp + b] = dOut[b * O + o]!;
        this.gemm(I, Bp, O, this.kernel.w, 0, O, 1, dT, 0, Bp, this.dInT, 0, Bp, false);
        const dIn = this.dIn;
        const t = this.dInT;
        for (let b = 0; b < B; b++) for (let i = 0; i < I; i++) dIn[b * I + i] = t[i * Bp + b]!;
      } else {
        transpose(this.kernel.w, I, O, this.wT);
        // dIn[B, I] = dOut[B, O] · kernelᵀ[O, I]
        this.gemm(B, I, O, dOut, 0, O, 1, this.wT, 0, I, this.dIn, 0, I, false);
      }
    }
  }
}

/** Inverted dropout (training only), seeded by the model's Rng. */
export class Dropout implements Layer {
  readonly out: Float32Array;
  readonly dIn: Float32Array;
  readonly params: Param[] = [];
  readonly outSize: number;
  private readonly mask: Float32Array;
  private lastTraining = false;

  constructor(arena: Arena, maxB: number, readonly inSize: number, readonly rate: number, private readonly rng: Rng) {
    this.outSize = inSize;
    this.out = arena.f32(maxB * inSize);
    this.dIn = arena.f32(maxB * inSize);
    this.mask = arena.f32(maxB * inSize);
  }

  init(): void {}

  forward(x: Float32Array, B: number, training: boolean): void {
    const n = B * this.inSize;
    const { out, mask, rate } = this;
    this.lastTraining = training && rate > 0;
    if (!this.lastTraining) {
      out.set(x.subarray(0, n));
      return;
    }
    const keep = 1 / (1 - rate);
    for (let i = 0; i < n; i++) {
      const m = this.rng.next() >= rate ? keep : 0;
      mask[i] = m;
      out[i] = x[i]! * m;
    }
  }

  backward(_x: Float32Array, dOut: Float32Array, B: number): void {
    const n = B * this.inSize;
    if (!this.lastTraining) {
      this.dIn.set(dOut.subarray(0, n));
      return;
    }
    for (let i = 0; i < n; i++) this.dIn[i] = dOut[i]! * this.mask[i]!;
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** tanh through exp (V8's Math.tanh is a much slower library call); exact to float64 rounding. */
function tanh(z: number): number {
  return 1 - 2 / (Math.exp(2 * z) + 1);
}

/**
 * LSTM (Keras / TF.js semantics: gates i, f, c, o; tanh; sigmoid recurrent activation; one bias;
 * unit forget bias at init), returning the last hidden state. Input windows are [B, F, W]
 * (feature-major, WindowSet layout) and read as W time steps of F features.
 * kernel [F, 4H], recurrent_kernel [H, 4H], bias [4H] (TF.js layout).
 */
export class LSTMLast implements Layer {
  readonly inSize: number;
  readonly outSize: number;
  readonly out: Float32Array; // [maxB, H]
  readonly dIn: null = null;
  readonly params: Param[];
  readonly kernel: Param;
  readonly recurrent: Param;
  readonly bias: Param;
  private readonly G: number;
  private readonly zx: Float32Array; // [W, maxB, 4H] pre-activations, then activated gates
  private readonly hAll: Float32Array; // [W+1, maxB, H]; slot 0 = h₋₁ = 0
  private readonly cAll: Float32Array; // [W+1, maxB, H]
  private readonly tcAll: Float32Array; // [W, maxB, H] tanh(c_t)
  private readonly dZ: Float32Array; // [W, maxB, 4H]
  private readonly dh: Float32Array; // [maxB, H]
  private readonly dc: Float32Array; // [maxB, H]
  private readonly rT: Float32Array; // [4H, H]
  private readonly gemm: GemmFn;
  private readonly cellBack: LstmCellBackFn | null;
  /**
   * False while scoring (EngineNet.setInference): forward then skips storing the activated gates
   * and tanh(c), which only backward reads.
   */
  keepForBackward = true;
  /** The fused step (wasm-lstm.ts) with the weights packed for it before every forward; null: GEMMs + the JS cell below. */
  private readonly fused: LstmKernels | null;
  private readonly wp: Float32Array; // [H/4, F + H, 16]
  private readonly bp: Float32Array; // [H/4, 16]
  /** The last forward pass stored what backward reads. */
  private forwardKept = false;
  private readonly ones: Float32Array;

  constructor(arena: Arena, maxB: number, readonly F: number, readonly W: number, readonly H: number) {
    const G = 4 * H;
    this.G = G;
    this.inSize = F * W;
    this.outSize = H;
    this.kernel = param(arena, 'kernel', [F, G]);
    this.recurrent = param(arena, 'recurrent_kernel', [H, G]);
    this.bias = param(arena, 'bias', [G]);
    this.params = [this.kernel, this.recurrent, this.bias];
    this.out = arena.f32(maxB * H);
    this.zx = arena.f32(W * maxB * G);
    this.hAll = arena.f32((W + 1) * maxB * H);
    this.cAll = arena.f32((W + 1) * maxB * H);
    this.tcAll = arena.f32(W * maxB * H);
    this.dZ = arena.f32(W * maxB * G);
    this.dh = arena.f32(maxB * H);
    this.dc = arena.f32(maxB * H);
    this.rT = arena.f32(G * H);
    this.gemm = arena.gemm;
    this.ones = arena.ones(W * maxB);
    this.cellBack = arena.lstmCellBack;
    // sized whether or not the kernel exists: the probing arena (plain JS) must count the bytes
    const fusable = (H & 3) === 0;
    this.wp = arena.f32(fusable ? (F + H) * G : 0);
    this.bp = arena.f32(fusable ? G : 0);
    this.fused = fusable && arena.lstm?.inMem(this.wp, this.zx, this.hAll, this.cAll, this.tcAll, this.kernel.w) ? arena.lstm : null;
  }

  init(rng: Rng): void {
    glorotUniform(rng, this.kernel.w, this.F, this.G);
    orthogonal(rng, this.recurrent.w, this.H, this.G);
    this.bias.w.fill(0);
    this.bias.w.fill(1, this.H, 2 * this.H); // unitForgetBias
  }

  forward(x: Float32Array, B: number): void {
    const { F, W, H, G, zx, hAll, cAll, tcAll } = this;
    const BH = B * H;
    const keep = this.keepForBackward;
    this.forwardKept = keep;
    if (this.fused?.inMem(x)) {
      this.forwardFused(this.fused, x, B, keep);
      return;
    }
    // zx_t[B, 4H] = x_t[B, F] · kernel[F, 4H] + bias with x_t[b, f] = x[b, f, t]: a strided A (rows
    // F·W apart, k steps W), which the GEMM packs in WASM — no transposed copy of x; the bias
    // rides in the GEMM's epilogue instead of the gate math
    for (let t = 0; t < W; t++) this.gemm(B, G, F, x, t, F * W, W, this.kernel.w, 0, G, zx, t * B * G, G, false, this.bias.w);
    hAll.fill(0, 0, BH);
    cAll.fill(0, 0, BH);
    for (let t = 0; t < W; t++) {
      const zt = t * B * G;
      // zx_t += h_{t−1}[B, H] · R[H, 4H]
      if (t > 0) this.gemm(B, G, H, hAll, t * BH, H, 1, this.recurrent.w, 0, G, zx, zt, G, true);
      const cp = t * BH;
      const cn = (t + 1) * BH;
      // the plain-JS path (no WASM SIMD, H not a multiple of 4, or windows outside the arena)
      for (let b = 0; b < B; b++) {
        const zb = zt + b * G;
        for (let j = 0; j < H; j++) {
          const ig = sigmoid(zx[zb + j]!);
          const fg = sigmoid(zx[zb + H + j]!);
          const gg = tanh(zx[zb + 2 * H + j]!);
          const og = sigmoid(zx[zb + 3 * H + j]!);
          zx[zb + j] = ig;
          zx[zb + H + j] = fg;
          zx[zb + 2 * H + j] = gg;
          zx[zb + 3 * H + j] = og;
          const u = b * H + j;
          const c = fg * cAll[cp + u]! + ig * gg;
          cAll[cn + u] = c;
          const tc = tanh(c);
          tcAll[cp + u] = tc;
          hAll[cn + u] = og * tc;
        }
      }
    }
    this.out.set(hAll.subarray(W * BH, (W + 1) * BH));
  }

  /** Each step as one kernel (wasm-lstm.ts): h, c (and with `keep` the gates and tanh c) in the slots above. */
  private forwardFused(L: LstmKernels, x: Float32Array, B: number, keep: boolean): void {
    const { F, W, H, G, hAll, cAll, wp, bp } = this;
    const BH = B * H;
    L.pack(this.kernel.w, this.recurrent.w, this.bias.w, F, H, wp, bp);
    for (let t = 0; t < W; t++) {
      // step t reads slot t (h₋₁, c₋₁) and writes slot t + 1; at t = 0 there is nothing to read
      L.step(x, t, F * W, W, F, t === 0 ? null : hAll, t * BH, wp, bp, cAll, t * BH, (t + 1) * BH, hAll, (t + 1) * BH, B, H, keep ? this.zx : null, t * B * G, keep ? this.tcAll : null, t * BH);
    }
    this.out.set(hAll.subarray(W * BH, (W + 1) * BH));
  }

  backward(x: Float32Array, dOut: Float32Array, B: number): void {
    if (!this.forwardKept) throw new Error('LSTM backward needs a forward pass with training = true');
    const { F, W, H, G, zx, cAll, tcAll, dZ, dh, dc } = this;
    const BH = B * H;
    dh.set(dOut.subarray(0, BH));
    dc.fill(0, 0, BH);
    transpose(this.recurrent.w, H, G, this.rT);
    for (let t = W - 1; t >= 0; t--) {
      const zt = t * B * G;
      const cp = t * BH;
      // gate gradients in WASM SIMD when available (same formulas as the loop)
      const simd = this.cellBack?.(zx, zt, tcAll, cp, cAll, cp, dh, dc, dZ, zt, B, H) ?? false;
      for (let b = 0; b < (simd ? 0 : B); b++) {
        const zb = zt + b * G;
        for (let j = 0; j < H; j++) {
          const u = b * H + j;
          const ig = zx[zb + j]!;
          const fg = zx[zb + H + j]!;
          const gg = zx[zb + 2 * H + j]!;
          const og = zx[zb + 3 * H + j]!;
          const tc = tcAll[cp + u]!;
          const dhv = dh[u]!;
          const dcv = dc[u]! + dhv * og * (1 - tc * tc);
          dZ[zb + j] = dcv * gg * ig * (1 - ig);
          dZ[zb + H + j] = dcv * cAll[cp + u]! * fg * (1 - fg);
          dZ[zb + 2 * H + j] = dcv * ig * (1 - gg * gg);
          dZ[zb + 3 * H + j] = dhv * tc * og * (1 - og);
          dc[u] = dcv * fg;
        }
      }
      // dh_{t−1}[B, H] = dZ_t[B, 4H] · Rᵀ[4H, H]
      if (t > 0) this.gemm(B, H, G, dZ, zt, G, 1, this.rT, 0, H, dh, 0, H, false);
    }
    const rows = W * B;
    // dR[H, 4H] = Σ_{t ≥ 1} h_{t−1}ᵀ dZ_t (h₋₁ = 0: step 0 adds nothing) ; dK[F, 4H] = Σ_t x_tᵀ dZ_t ; db = Σ dZ
    if (W > 1) this.gemm(H, G, rows - B, this.hAll, BH, 1, H, dZ, B * G, G, this.recurrent.g, 0, G, false);
    else this.recurrent.g.fill(0);
    for (let t = 0; t < W; t++) this.gemm(F, G, B, x, t, W, F * W, dZ, t * B * G, G, this.kernel.g, 0, G, t > 0);
    colSum(this.gemm, this.ones, dZ, rows, G, this.bias.g);
  }
}

/** A chain of layers; `backward` returns the gradient w.r.t. the chain's input (or null). */
export class Sequential {
  readonly params: Param[];
  constructor(readonly layers: Layer[]) {
    this.params = layers.flatMap((l) => l.params);
  }
  get out(): Float32Array {
    return this.layers[this.layers.length - 1]!.out;
  }
  get outSize(): number {
    return this.layers[this.layers.length - 1]!.outSize;
  }
  init(rng: Rng): void {
    for (const l of this.layers) l.init(rng);
  }
  forward(x: Float32Array, B: number, training: boolean): Float32Array {
    let cur = x;
    for (const l of this.layers) {
      l.forward(cur, B, training);
      cur = l.out;
    }
    return cur;
  }
  backward(x: Float32Array, dOut: Float32Array, B: number): Float32Array | null {
    let d: Float32Array | null = dOut;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      if (!d) throw new Error('gradient chain broken');
      const l = this.layers[i]!;
      const input = i > 0 ? this.layers[i - 1]!.out : x;
      l.backward(input, d, B);
      d = l.dIn;
    }
    return d;
  }
}
