/**
 * One LSTM time step as a single WebAssembly SIMD kernel (layers.ts LSTMLast forward): the input
 * projection, the recurrent product and the gate math fused, so the 4H pre-activations of a row
 * never leave the registers. The unfused path (gemm-wasm.ts) writes zₜ = xₜ·K + b to memory,
 * adds hₜ₋₁·R into it, then reads it back for the gates.
 *
 * lstmStep(pX, sxi, sxk, Kx, pH, first, pW, pBias, pCp, pCn, pHn, B, H, pZ, pTc), byte addresses:
 *   for rows b < B and 4-unit quads q < H/4, with the weights packed per quad (lstmPack):
 *     z[g] = bias + Σ_k x[b, k]·W[q][k][g] + Σ_j h₋₁[b, j]·W[q][Kx + j][g]   (g = i, f, g, o)
 *     c = σ(z_f)·c₋₁ + σ(z_i)·tanh(z_g);  h = σ(z_o)·tanh(c)
 *   x[b, k] at pX + b·sxi + k·sxk (a step's column of the [B, F, W] windows); h₋₁, c₋₁, c, h
 *   are [B, H]; `first` = 1 at t = 0 (h₋₁ = c₋₁ = 0: the recurrent loop and c₋₁ are skipped).
 *   Training (pZ ≠ 0): the activated gates go to pZ [B, 4H] (Keras order, as the unfused
 *   forward leaves them for backward) and tanh c to pTc [B, H].
 * Register block: 2 rows × one quad's 4 gate vectors = 8 f32x4 accumulators, A broadcast with
 * v128.load32_splat, the quad's 16 weight columns contiguous per k (one 64-byte line).
 * The gate math: one shared division for σᵢ, σ_f, σ_o and tanh g (they are 1/dᵢ, 1/d_f, 1/d_o and
 * 1 − 2/d_g; with r = 1/(dᵢ·d_f·d_o·d_g) each is r times the other three d), divisions being the
 * slowest SIMD op here), exponents clamped to ≤ 21 so that product stays finite (σ(−21) ≈ 8e−10,
 * tanh(10.5) = 1 in float32), the degree-5 exp below; it runs right after each row pair's sums, and the
 * out-of-order core overlaps it with the next pair's multiply-adds (they do not depend on it).
 * Measured here (LSTM of the paper, F = 38, H = 64, W = 4, 1 thread): ~5.6–6.0 µs per window
 * against ~6.1–6.9 µs for the GEMMs + a separate cell kernel it replaced while scoring.
 *
 * lstmPack(pK, pR, pBias, F, H, pW, pBp): kernel [F, 4H], recurrent [H, 4H], bias [4H] (TF.js
 * layout) → per quad q the rows k < F of the kernel then j < H of the recurrent kernel, each the
 * quad's 16 columns in gate order × 4 units: W[q][k][g·4 + u] = K[k, g·H + 4q + u]; bias likewise
 * Bp[q][g·4 + u]. Runs before every forward (16-byte moves, a few µs): the weights change with
 * every training step.
 */
import { instantiateOver, lazyModule, wasmKernelVariant, type WasmMemory } from './gemm-wasm.js';
import { Code, i32Module, I32, uleb, V128 } from './wasm-builder.js';

const P = { pX: 0, sxi: 1, sxk: 2, Kx: 3, pH: 4, first: 5, pW: 6, pBias: 7, pCp: 8, pCn: 9, pHn: 10, B: 11, H: 12, pZ: 13, pTc: 14 } as const;
const N_PARAMS = 15;
// i32 locals
const [b, k, pa0, pa1, pb, qs4, H4, rowOff, uo, b0, bEnd] = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const N_I32 = 11;
/** Rows per block (see lstmStepBody). */
const ROW_BLOCK = 16;
// v128 locals: 8 accumulators, 4 weight vectors, the broadcast, gate-math scratch
const ACC = N_PARAMS + N_I32;
const BV = ACC + 8;
const AV = BV + 4;
const [x, n, r, di, df, dg, dq, ab, cd, rr, cv] = Array.from({ length: 11 }, (_, i) => AV + 1 + i) as [number, number, number, number, number, number, number, number, number, number, number];
const N_V128 = 8 + 4 + 1 + 11;
const FIRST_CONST = ACC + N_V128;

/**
 * Pushes exp(x) (f32x4) for the v128 local x (clobbered; n, r scratch), Cephes-style — clamp,
 * n = round(x·log2 e), r = x − n·ln 2 (two-part), a degree-5 polynomial, times 2ⁿ via the
 * exponent bits; ≤ 1.7e−7 relative error. With relaxed SIMD the Horner steps are FMAs.
 */
function emitExp(c: Code, x: number, n: number, r: number, fma: boolean): void {
  /** pushes a·b + k for the values pushed by a() and b() */
  const madd = (a: () => void, b: () => void, k: () => void): void => {
    a(); b();
    if (fma) { k(); c.fma(); } else { c.fmul(); k(); c.fadd(); }
  };
  // pmin/pmax: single instructions; a NaN x stays NaN (it is the first operand)
  c.get(x).fconst(88.3762626647949).fpmin().fconst(-87.3).fpmax().set(x);
  // t = x·log2 e + 1.5·2²³ rounds x·log2 e to the nearest integer n (ties to even, as
  // f32x4.nearest) and holds n in its low mantissa bits: n = t − 1.5·2²³, and 2ⁿ's bits are
  // (bits(t) − bits(1.5·2²³) + 127) << 23 — no float→int conversion (whose saturation fix-ups
  // cost more instructions than the rest of this step)
  const magic = 12582912;
  madd(() => c.get(x), () => c.fconst(1.44269504088896341), () => c.fconst(magic));
  c.set(n);
  c.get(n).fconst(magic).fsub().set(r); // r ← n as a float
  // x ← x − n·C₁ − n·C₂ (ln 2 = C₁ + C₂, C₁ exact in few bits)
  for (const k of [0.693359375, -2.12194440e-4]) {
    if (fma) c.get(r).fconst(k).get(x).fnma().set(x);
    else c.get(x).get(r).fconst(k).fmul().fsub().set(x);
  }
  c.get(x).set(r);
  // eʳ ≈ 1 + r + r²·q(r), q of degree 3 (relative-error minimax on |r| ≤ ln 2 / 2, fitted here:
  // max 1.7e−7 in float32, i.e. ~1.4 ulp — Cephes' degree-5 q bought 1 ulp for two more FMAs)
  c.fconst(8.312524296343327e-3);
  for (const k of [4.1890114545822144e-2, 1.6667114198207855e-1, 4.99992311000824e-1]) {
    madd(() => undefined, () => c.get(r), () => c.fconst(k));
  }
  // p·r² + r + 1
  madd(() => undefined, () => c.get(r).get(r).fmul(), () => c.get(r));
  c.fconst(1).fadd();
  c.get(n).iconst4(127 - 0x4b400000).i32x4Add().i32(23).i32x4Shl();
  c.fmul();
}

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
  // training: the activated gates where backward reads them, z[b, g·H + unit]
  c.get(P.pZ).if_();
  for (const [g, v] of [[0, di], [1, df], [2, dg], [3, dq]] as const) {
    c.get(P.pZ).get(b).i32(row).add().get(H4).i32(4).mul().mul().add().get(H4).i32(g).mul().add().get(uo).add();
    c.get(v).vstore(0);
  }
  c.end();
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
  c.fconst(1).fconst(2);
  emitExp(c, x, n, r, fma);
  c.fconst(1).fadd().fdiv().fsub().set(cv);
  c.get(P.pTc).if_();
  at(P.pTc);
  c.get(cv).vstore(0);
  c.end();
  at(P.pHn);
  c.get(dq).get(cv).fmul().vstore(0);
}

/** lstmPack (see the module comment): 16-byte moves, the units of a quad are adjacent in K, R, bias. */
function lstmPackBody(): number[] {
  const [pK, pR, pB, F, H, pW, pBp] = [0, 1, 2, 3, 4, 5, 6];
  const [q, kk, g, o, row, src, H4b] = [7, 8, 9, 10, 11, 12, 13];
  const c = new Code();
  c.get(H).i32(2).shl().set(H4b);
  c.get(pW).set(o);
  c.loopTo(q, () => c.get(H4b), 16, () => {
    // the rows of one source matrix: W[q][k][g] ← M[k, g·H + 4q .. +4]
    const rows = (m: number, count: number): void => {
      c.loopTo(kk, () => c.get(count), 1, () => {
        c.get(m).get(kk).get(H4b).i32(4).mul().mul().add().get(q).add().set(row);
        c.loopTo(g, () => c.i32(4), 1, () => {
          c.get(row).get(g).get(H4b).mul().add().set(src);
          c.get(o).get(src).vload(0).vstore(0);
          c.get(o).i32(16).add().set(o);
        });
      });
    };
    rows(pK, F);
    rows(pR, H);
    c.loopTo(g, () => c.i32(4), 1, () => {
      c.get(pBp).get(q).i32(2).shl().add().get(g).i32(4).shl().add();
      c.get(pB).get(g).get(H4b).mul().add().get(q).add().vload(0);
      c.vstore(0);
    });
  });
  c.end();
  return [...uleb(1), ...uleb(7), I32, ...c.b];
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
const lstmModule = lazyModule(() =>
  i32Module([
    { name: 'lstmStep', params: N_PARAMS, body: lstmStepBody(wasmKernelVariant() === 'wasm-simd-fma') },
    { name: 'lstmPack', params: 7, body: lstmPackBody() },
  ]),
);

/**
 * One step (see the module comment), float offsets; hPrev null at t = 0; z / tc null while
 * scoring. x's rows are `sxi` floats apart, a row's features `sxk` apart.
 */
export type LstmStepFn = (
  x: Float32Array, xOff: number, sxi: number, sxk: number, F: number,
  hPrev: Float32Array | null, hPrevOff: number,
  wp: Float32Array, bp: Float32Array,
  c: Float32Array, cPrevOff: number, cNextOff: number, h: Float32Array, hNextOff: number,
  B: number, H: number,
  z: Float32Array | null, zOff: number, tc: Float32Array | null, tcOff: number,
) => void;

/** kernel [F, 4H], recurrent [H, 4H], bias [4H] → wp [H/4, F + H, 16], bp [H/4, 16] (see lstmPack). */
export type LstmPackFn = (kernel: Float32Array, recurrent: Float32Array, bias: Float32Array, F: number, H: number, wp: Float32Array, bp: Float32Array) => void;

export interface LstmKernels {
  step: LstmStepFn;
  pack: LstmPackFn;
  /** Every array is a view of this memory (the caller checks once, not per step). */
  inMem(...a: ArrayBufferView[]): boolean;
}

/** The fused step over `memory` (H a multiple of 4), or null when WebAssembly SIMD is unavailable. */
export function createLstmKernels(memory: WasmMemory): LstmKernels | null {
  const mod = lstmModule();
  const inst = mod ? instantiateOver(mod, memory) : null;
  if (!inst) return null;
  const [step, pack] = [inst.ex['lstmStep']!, inst.ex['lstmPack']!];
  const at = (a: Float32Array | null, off: number): number => (a ? a.byteOffset + 4 * off : 0);
  return {
    inMem: inst.inMem,
    step: (xa, xOff, sxi, sxk, F, hPrev, hPrevOff, wp, bp, cc, cPrevOff, cNextOff, h, hNextOff, B, H, z, zOff, tc, tcOff) =>
      step(at(xa, xOff), 4 * sxi, 4 * sxk, F, at(hPrev, hPrevOff), hPrev === null ? 1 : 0, wp.byteOffset, bp.byteOffset, at(cc, cPrevOff), at(cc, cNextOff), at(h, hNextOff), B, H, at(z, zOff), at(tc, tcOff)),
    pack: (kernel, recurrent, bias, F, H, wp, bp) => pack(kernel.byteOffset, recurrent.byteOffset, bias.byteOffset, F, H, wp.byteOffset, bp.byteOffset),
  };
}
