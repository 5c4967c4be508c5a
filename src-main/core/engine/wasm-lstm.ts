/**
 * One LSTM time step for scoring as a single WebAssembly SIMD kernel (layers.ts LSTMLast, inference
 * mode): the input projection, the recurrent product and the gate math fused, so the 4H
 * pre-activations of a row never leave the registers. The unfused path (gemm-wasm.ts) writes
 * zₜ = xₜ·K + b to memory, adds hₜ₋₁·R into it, then reads it back for the gates.
 *
 * lstmStep(pX, sxi, sxk, Kx, pH, first, pW, pBias, pCp, pCn, pHn, B, H), byte addresses:
 *   for rows b < B and 4-unit quads q < H/4, with the weights packed per quad (packLstmWeights):
 *     z[g] = bias + Σ_k x[b, k]·W[q][k][g] + Σ_j h₋₁[b, j]·W[q][Kx + j][g]   (g = i, f, g, o)
 *     c = σ(z_f)·c₋₁ + σ(z_i)·tanh(z_g);  h = σ(z_o)·tanh(c)
 *   x[b, k] at pX + b·sxi + k·sxk (a step's column of the [B, F, W] windows); h₋₁, c₋₁, c, h
 *   are [B, H]; `first` = 1 at t = 0 (h₋₁ = c₋₁ = 0: the recurrent loop and c₋₁ are skipped).
 * Register block: 2 rows × one quad's 4 gate vectors = 8 f32x4 accumulators, A broadcast with
 * v128.load32_splat, the quad's 16 weight columns contiguous per k (one 64-byte line).
 * The gate math is lstmBody's (gemm-wasm.ts): one shared division for σᵢ, σ_f, σ_o and tanh g,
 * exponents clamped to ≤ 21, the degree-5 exp; it runs right after each row pair's sums, and the
 * out-of-order core overlaps it with the next pair's multiply-adds (they do not depend on it).
 * Measured here (LSTM of the paper, F = 38, H = 64, W = 4, 1 thread): ~5.6–6.0 µs per window
 * against ~6.1–6.9 µs for the GEMMs + cell path it replaces while scoring.
 */
import { emitExp, instantiateOver, lazyModule, wasmKernelVariant, type WasmMemory } from './gemm-wasm.js';
import { Code, i32Module, I32, uleb, V128 } from './wasm-builder.js';

const P = { pX: 0, sxi: 1, sxk: 2, Kx: 3, pH: 4, first: 5, pW: 6, pBias: 7, pCp: 8, pCn: 9, pHn: 10, B: 11, H: 12 } as const;
const N_PARAMS = 13;
// i32 locals
const [b, k, pa0, pa1, pb, qs4, H4, rowOff, uo, b0, bEnd] = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
const N_I32 = 11;
/** Rows per block (see lstmStepBody). */
const ROW_BLOCK = 16;
// v128 locals: 8 accumulators, 4 weight vectors, the broadcast, gate-math scratch
const ACC = 13 + N_I32;
const BV = ACC + 8;
const AV = BV + 4;
const [x, n, r, di, df, dg, dq, ab, cd, rr, cv] = Array.from({ length: 11 }, (_, i) => AV + 1 + i) as [number, number, number, number, number, number, number, number, number, number, number];
const N_V128 = 8 + 4 + 1 + 11;
const FIRST_CONST = ACC + N_V128;

/** Rows b, b+1 (R = 2) or b (R = 1) of the quad at byte offset uo: sums, then the gate math. */
function emitBlock(c: Code, R: 1 | 2, fma: boolean): void {
  const pa = [pa0, pa1];
  const acc = (row: number, g: number): number => ACC + row * 4 + g;
  c.get(b).get(H4).mul().set(rowOff);
  // z = bias (the quad's 16 bias values, packed like the weights: 64 bytes a quad)
  for (let g = 0; g < 4; g++) {
    c.get(P.pBias).get(uo).i32(2).shl().add().vload(16 * g).set(acc(0, g));
    if (R === 2) c.get(acc(0, g)).set(acc(1, g));
  }
  c.get(P.pW).get(uo).get(qs4).mul().add().set(pb);
  /** Σ over `count` k of A (row pointers stepping `step` bytes) × the quad's weight rows */
  const sum = (count: () => void, step: () => void): void => {
    count(); // k counts down; pb walks on through the quad's rows (input rows, then recurrent)
    c.set(k);
    c.block().loop();
    c.get(k).eqz().brIf(1);
    for (let g = 0; g < 4; g++) c.get(pb).vload(16 * g).set(BV + g);
    for (let row = 0; row < R; row++) {
      c.get(pa[row]!).vsplat32(0).set(AV);
      for (let g = 0; g < 4; g++) {
        if (fma) c.get(AV).get(BV + g).get(acc(row, g)).fma().set(acc(row, g));
        else c.get(acc(row, g)).get(AV).get(BV + g).fmul().fadd().set(acc(row, g));
      }
      c.get(pa[row]!);
      step();
      c.add().set(pa[row]!);
    }
    c.get(pb).i32(64).add().set(pb);
    c.get(k).i32(1).sub().set(k);
    c.br(0).end().end();
  };
  for (let row = 0; row < R; row++) c.get(P.pX).get(b).i32(row).add().get(P.sxi).mul().add().set(pa[row]!);
  sum(() => c.get(P.Kx), () => c.get(P.sxk));
  c.get(P.first).eqz().if_();
  for (let row = 0; row < R; row++) c.get(P.pH).get(rowOff).add().get(H4).i32(row).mul().add().set(pa[row]!);
  sum(() => c.get(P.H), () => c.i32(4));
  c.end();
  for (let row = 0; row < R; row++) emitCell(c, row, fma);
}

/** Gate math of one row's quad (accumulators of `row`), storing c and h (see lstmBody). */
function emitCell(c: Code, row: number, fma: boolean): void {
  const z = (g: number): number => ACC + row * 4 + g;
  const at = (base: number): void => void c.get(base).get(rowOff).add().get(H4).i32(row).mul().add().get(uo).add();
  // d = 1 + exp(min(s·z, 21)): s = −1 for i, f, o (σ = 1/d), 2 for g (tanh g = 1 − 2/d)
  for (const [g, s, d] of [[0, -1, di], [1, -1, df], [2, 2, dg], [3, -1, dq]] as const) {
    c.get(z(g)).fconst(s).fmul().fconst(21).fpmin().set(x);
    emitExp(c, x, n, r, fma);
    c.fconst(1).fadd().set(d);
  }
  c.get(di).get(df).fmul().set(ab);
  c.get(dq).get(dg).fmul().set(cd);
  c.fconst(1).get(ab).get(cd).fmul().fdiv().set(rr);
  c.get(rr).get(cd).fmul().set(cd); // r·d_o·d_g
  c.get(rr).get(ab).fmul().set(ab); // r·dᵢ·d_f
  c.get(cd).get(df).fmul().set(x); // σᵢ
  c.get(cd).get(di).fmul().set(df); // σ_f
  c.get(x).set(di);
  c.get(ab).get(dq).fmul().set(x); // 1/d_g
  c.get(ab).get(dg).fmul().set(dq); // σ_o
  c.fconst(1).fconst(2).get(x).fmul().fsub().set(dg); // tanh g
  // c = σ_f·c₋₁ + σᵢ·tanh g (c₋₁ = 0 at the first step)
  c.get(di).get(dg).fmul().set(cv);
  c.get(P.first).eqz().if_();
  c.get(df);
  at(P.pCp);
  c.vload(0).fmul().get(cv).fadd().set(cv);
  c.end();
  at(P.pCn);
  c.get(cv).vstore(0);
  // h = σ_o·tanh c, tanh c = 1 − 2/(exp(2c) + 1)
  c.get(cv).fconst(2).fmul().set(x);
  at(P.pHn);
  c.get(dq);
  c.fconst(1).fconst(2);
  emitExp(c, x, n, r, fma);
  c.fconst(1).fadd().fdiv().fsub();
  c.fmul().vstore(0);
}

function lstmStepBody(fma: boolean): number[] {
  const c = new Code().hoistConsts(FIRST_CONST);
  c.get(P.Kx).get(P.H).add().i32(2).shl().set(qs4); // bytes of a quad's weights / 16
  c.get(P.H).i32(2).shl().set(H4);
  // blocks of ROW_BLOCK rows: one quad's weights ((F + H)·64 bytes) stay in L1 while the block's
  // rows pass them; the block's x and h rows stay in L1 across the quads
  c.i32(0).set(b0);
  c.block().loop();
  c.get(b0).get(P.B).geU().brIf(1);
  c.get(b0).i32(ROW_BLOCK).add().set(bEnd);
  c.get(bEnd).get(P.B).gtS().if_().get(P.B).set(bEnd).end();
  c.loopTo(uo, () => c.get(H4), 16, () => {
    c.get(b0).set(b);
    c.block().loop();
    c.get(b).i32(2).add().get(bEnd).gtS().brIf(1);
    emitBlock(c, 2, fma);
    c.get(b).i32(2).add().set(b);
    c.br(0).end().end();
    c.get(b).get(bEnd).ltU().if_();
    emitBlock(c, 1, fma);
    c.end();
  });
  c.get(b0).i32(ROW_BLOCK).add().set(b0);
  c.br(0).end().end();
  c.end();
  return [...uleb(2), ...uleb(N_I32), I32, ...uleb(N_V128 + c.constCount), V128, ...c.withConstPrologue()];
}

// relaxed SIMD FMA exactly when the GEMM module uses it (gemm-wasm.ts enables the feature)
const lstmModule = lazyModule(() => i32Module([{ name: 'lstmStep', params: N_PARAMS, body: lstmStepBody(wasmKernelVariant() === 'wasm-simd-fma') }]));

/**
 * Weights of LSTMLast in the kernel's layout: per quad q of 4 units, rows k < F of the input
 * kernel then rows j < H of the recurrent kernel, each the quad's 16 columns in gate order
 * (i, f, g, o) × 4 units: wp[((q·(F + H) + k)·16 + g·4 + u] = W[k, g·H + 4q + u]; bias likewise
 * bp[q·16 + g·4 + u] = bias[g·H + 4q + u]. kernel [F, 4H], recurrent [H, 4H] (TF.js layout).
 */
export function packLstmWeights(kernel: Float32Array, recurrent: Float32Array, bias: Float32Array, F: number, H: number, wp: Float32Array, bp: Float32Array): void {
  const G = 4 * H;
  let o = 0;
  for (let q = 0; q < H / 4; q++) {
    for (let k = 0; k < F + H; k++) {
      const src = k < F ? kernel : recurrent;
      const row = (k < F ? k : k - F) * G;
      for (let g = 0; g < 4; g++) for (let u = 0; u < 4; u++) wp[o++] = src[row + g * H + 4 * q + u]!;
    }
    for (let g = 0; g < 4; g++) for (let u = 0; u < 4; u++) bp[q * 16 + g * 4 + u] = bias[g * H + 4 * q + u]!;
  }
}

/**
 * One inference step (see the module comment), float offsets; hPrev null at t = 0. x's rows are
 * `sxi` floats apart, a row's features `sxk` apart. False when not applicable (H not a multiple
 * of 4, arrays outside the arena's memory): the caller takes the unfused path.
 */
export type LstmStepFn = (
  x: Float32Array, xOff: number, sxi: number, sxk: number, F: number,
  hPrev: Float32Array | null, hPrevOff: number,
  wp: Float32Array, bp: Float32Array,
  c: Float32Array, cPrevOff: number, cNextOff: number, h: Float32Array, hNextOff: number,
  B: number, H: number,
) => boolean;

/** The fused step over `memory`, or null when WebAssembly SIMD is unavailable. */
export function createLstmStep(memory: WasmMemory): LstmStepFn | null {
  const mod = lstmModule();
  const inst = mod ? instantiateOver(mod, memory) : null;
  if (!inst) return null;
  const step = inst.ex['lstmStep']!;
  return (xa, xOff, sxi, sxk, F, hPrev, hPrevOff, wp, bp, cc, cPrevOff, cNextOff, h, hNextOff, B, H) => {
    if ((H & 3) !== 0 || !inst.inMem(xa, wp, bp, cc, h) || (hPrev && !inst.inMem(hPrev))) return false;
    const first = hPrev === null ? 1 : 0;
    step(xa.byteOffset + 4 * xOff, 4 * sxi, 4 * sxk, F, hPrev ? hPrev.byteOffset + 4 * hPrevOff : 0, first, wp.byteOffset, bp.byteOffset, cc.byteOffset + 4 * cPrevOff, cc.byteOffset + 4 * cNextOff, h.byteOffset + 4 * hNextOff, B, H);
    return true;
  };
}
