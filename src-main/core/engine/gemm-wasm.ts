/**
 * The engine's WebAssembly SIMD kernels, assembled at load time by the small byte builder below
 * (no toolchain, no opaque binary blob), one module instance per model arena (arena.ts):
 *  - gemm: C (+)= A·B with A through two strides (A or Aᵀ), 4×8 / 4×4 / 1×8 / 1×4 register
 *    blocks of f32x4 accumulators, A broadcast with v128.load32_splat, fused bias + ReLU epilogue;
 *    f32x4.relaxed_madd (FMA) when the runtime has relaxed SIMD, else mul + add.
 *      C[i·ldc + j] (+)= Σ_k A[i·sai + k·sak] · B[k·ldb + j]
 *    Columns j ≥ N − N mod 4 run in JS, except N < 4 with a unit-stride A (gemmNarrow).
 *  - gemmT: the same for a strided A (sak ≠ 1, i.e. Aᵀ: weight gradients), 4-row A panels packed
 *    to [K, 4] scratch first (arena.ts reserves GEMM_PACK_BYTES at address 0).
 *  - lstmCellBack: one LSTM step's gate gradients (layers.ts LSTMLast.backward).
 *  - adam: the PyTorch-form Adam update of one tensor (adam.ts).
 *  - gemmNarrow: the same product for N = 1..3 columns (the 2-unit output layers).
 * Every operand must be a view of the arena's memory; wrappers fall back to JS otherwise.
 */
import { setFlagsFromString } from 'node:v8';
import { Code, F32, I32, section, str, uleb, V128 } from './wasm-builder.js';

export type GemmFn = (
  M: number, N: number, K: number,
  A: Float32Array, aOff: number, sai: number, sak: number,
  B: Float32Array, bOff: number, ldb: number,
  C: Float32Array, cOff: number, ldc: number,
  acc: boolean,
  /** Epilogue: C[i, j] += bias[j] (after the sum), then max(·, 0) when `relu`. */
  bias?: Float32Array | null,
  relu?: boolean,
) => void;

/** Adam step over one parameter tensor (adam.ts); all arrays in the arena. */
export type AdamFn = (w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, b1: number, b2: number, stepSize: number, invSqrtBc2: number, eps: number) => void;

/** The slice of the WebAssembly JS API used here (lib ES2022 + @types/node 20 lack its types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
export const WA: WasmApi | undefined = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;


// locals: params 0..13, then i32 scratch, then v128
const P = { M: 0, N: 1, K: 2, pA: 3, sai: 4, sak: 5, pB: 6, ldb: 7, pC: 8, ldc: 9, acc: 10, pBias: 11, relu: 12, pPack: 13 } as const;
const N_PARAMS = 14;
const L = { i: 14, j: 15, k: 16, pa0: 17, pb: 21, pc: 22, sai4: 23, sak4: 24, ldb4: 25, ldc4: 26, rowA: 27, rowC: 28, pk: 29, pend: 30 } as const; // pa0..pa3 = 17..20
const N_I32 = 17;
const MAX_R = 4;
const VB = 14 + N_I32; // v128 locals: c0..c11, b0, b1, a
const vb0 = VB + 2 * MAX_R;
const vb1 = vb0 + 1;
const va = vb0 + 2;
const N_V128 = 2 * MAX_R + 3;

let useFma = false;
/**
 * Rows of the packed register block (gemm below): A's MR rows are first copied into the pack
 * scratch as [K, MR] (one pointer, immediate offsets), then every 8-column block of B sweeps
 * them with MR×2 f32x4 accumulators. Measured here (Node 20, V8 11.3, EPYC, interleaved A/B):
 * CPU time): 4 rows; 6 rows (12 accumulators) ran at half speed (register spills), and packing
 * a unit-stride A lost ~5–10 %, so only a strided A (sak ≠ 1) goes to the packed kernel gemmT
 * (+15–20 % on the conv weight gradient); the plain kernel `gemm` is unchanged.
 */
const DEFAULT_PACK_ROWS = 4;
let packRows = DEFAULT_PACK_ROWS;

/**
 * One R×(4V) register block at rows rowA / rowC, column j; loops over k. `packed`: A comes from
 * the pack scratch ([K, R] floats at pPack), else through R strided row pointers.
 */
function emitBlock(c: Code, R: number, V: number, packed = false): void {
  const pa = Array.from({ length: MAX_R }, (_, r) => L.pa0 + r);
  if (packed) {
    c.get(P.pPack).set(L.pk);
  } else {
    for (let r = 0; r < R; r++) {
      c.get(L.rowA);
      for (let q = 0; q < r; q++) c.get(L.sai4).add();
      c.set(pa[r]!);
    }
  }
  c.get(P.pB).get(L.j).i32(2).shl().add().set(L.pb);
  for (let q = 0; q < R * V; q++) c.vzero().set(VB + q);
  c.get(P.K).set(L.k);
  c.block().loop();
  c.get(L.k).eqz().brIf(1);
  c.get(L.pb).vload(0).set(vb0);
  if (V === 2) c.get(L.pb).vload(16).set(vb1);
  for (let r = 0; r < R; r++) {
    if (packed) c.get(L.pk).vsplat32(4 * r).set(va);
    else c.get(pa[r]!).vsplat32(0).set(va);
    for (let v = 0; v < V; v++) {
      const acc = VB + r * V + v;
      if (useFma) c.get(va).get(v === 0 ? vb0 : vb1).get(acc).fma().set(acc);
      else c.get(acc).get(va).get(v === 0 ? vb0 : vb1).fmul().fadd().set(acc);
    }
    if (!packed) c.inc(pa[r]!, L.sak4);
  }
  if (packed) c.get(L.pk).i32(4 * R).add().set(L.pk);
  c.inc(L.pb, L.ldb4);
  c.get(L.k).i32(1).sub().set(L.k);
  c.br(0).end().end();
  // write back
  for (let r = 0; r < R; r++) {
    c.get(L.rowC);
    for (let q = 0; q < r; q++) c.get(L.ldc4).add();
    c.get(L.j).i32(2).shl().add().set(L.pc);
    for (let v = 0; v < V; v++) {
      const acc = VB + r * V + v;
      c.get(P.acc).if_();
      c.get(acc).get(L.pc).vload(16 * v).fadd().set(acc);
      c.end();
      c.get(P.pBias).if_(); // + bias[j..]
      c.get(acc).get(P.pBias).get(L.j).i32(2).shl().add().vload(16 * v).fadd().set(acc);
      c.end();
      c.get(P.relu).if_();
      c.get(acc).vzero().fpmax().set(acc);
      c.end();
      c.get(L.pc).get(acc).vstore(16 * v);
    }
  }
}

/** Column sweep for R rows: 8-wide blocks, then one 4-wide block. */
function emitRowPanel(c: Code, R: number, packed = false): void {
  c.i32(0).set(L.j);
  c.block().loop();
  c.get(L.j).i32(8).add().get(P.N).gtS().brIf(1); // j + 8 > N → exit
  emitBlock(c, R, 2, packed);
  c.get(L.j).i32(8).add().set(L.j);
  c.br(0).end().end();
  c.get(L.j).i32(4).add().get(P.N).gtS().eqz().if_(); // j + 4 <= N
  emitBlock(c, R, 1, packed);
  c.end();
}

/** pack[k·R + r] = A[rowA + r·sai + k·sak] for k < K, r < R (scalar 32-bit moves). */
function emitPack(c: Code, R: number): void {
  const pa = Array.from({ length: R }, (_, r) => L.pa0 + r);
  for (let r = 0; r < R; r++) {
    c.get(L.rowA);
    for (let q = 0; q < r; q++) c.get(L.sai4).add();
    c.set(pa[r]!);
  }
  c.get(P.pPack).set(L.pk);
  c.get(P.pPack).get(P.K).i32(4 * R).mul().add().set(L.pend);
  c.block().loop();
  c.get(L.pk).get(L.pend).geU().brIf(1);
  for (let r = 0; r < R; r++) {
    c.get(L.pk).get(pa[r]!);
    c.b.push(0x28, 0x02, 0x00); // i32.load align 4
    c.b.push(0x36, 0x02, ...uleb(4 * r)); // i32.store offset 4r
    c.inc(pa[r]!, L.sak4);
  }
  c.get(L.pk).i32(4 * R).add().set(L.pk);
  c.br(0).end().end();
}

function gemmBody(packed: boolean): number[] {
  const c = new Code();
  c.get(P.sai).i32(2).shl().set(L.sai4);
  c.get(P.sak).i32(2).shl().set(L.sak4);
  c.get(P.ldb).i32(2).shl().set(L.ldb4);
  c.get(P.ldc).i32(2).shl().set(L.ldc4);
  c.i32(0).set(L.i);
  if (packed) {
    // gemmT: packed MR-row panels, for a strided A (sak ≠ 1: Aᵀ in the weight-gradient GEMMs,
    // where each k step of the unpacked kernel touches MR distant cache lines)
    const R = packRows;
    c.get(P.N).i32(8).geS().if_();
    c.block().loop();
    c.get(L.i).i32(R).add().get(P.M).gtS().brIf(1);
    c.get(P.pA).get(L.i).get(L.sai4).mul().add().set(L.rowA);
    c.get(P.pC).get(L.i).get(L.ldc4).mul().add().set(L.rowC);
    emitPack(c, R);
    emitRowPanel(c, R, true);
    c.get(L.i).i32(R).add().set(L.i);
    c.br(0).end().end();
    c.end();
  }
  // 4-row panels
  c.block().loop();
  c.get(L.i).i32(4).add().get(P.M).gtS().brIf(1);
  c.get(P.pA).get(L.i).get(L.sai4).mul().add().set(L.rowA);
  c.get(P.pC).get(L.i).get(L.ldc4).mul().add().set(L.rowC);
  emitRowPanel(c, 4);
  c.get(L.i).i32(4).add().set(L.i);
  c.br(0).end().end();
  // two remaining rows as one 2-row panel (M = 10, the paper's batch, leaves 2; a 1-row block
  // does a quarter of a 4-row block's work per B load)
  c.get(L.i).i32(2).add().get(P.M).gtS().eqz().if_();
  c.get(P.pA).get(L.i).get(L.sai4).mul().add().set(L.rowA);
  c.get(P.pC).get(L.i).get(L.ldc4).mul().add().set(L.rowC);
  emitRowPanel(c, 2);
  c.get(L.i).i32(2).add().set(L.i);
  c.end();
  // a last single row
  c.block().loop();
  c.get(L.i).i32(1).add().get(P.M).gtS().brIf(1);
  c.get(P.pA).get(L.i).get(L.sai4).mul().add().set(L.rowA);
  c.get(P.pC).get(L.i).get(L.ldc4).mul().add().set(L.rowC);
  emitRowPanel(c, 1);
  c.get(L.i).i32(1).add().set(L.i);
  c.br(0).end().end();
  c.end();
  return [...uleb(2), ...uleb(N_I32), I32, ...uleb(N_V128), V128, ...c.b];
}

/**
 * gemmNarrow: C (+)= A·B for N = 1..3 columns (the 2-unit output layers) and a unit-stride A:
 * B's columns are first copied to the pack scratch as rows (Bᵀ [N, K]), then each row of A runs
 * against them with one f32x4 accumulator per column over k (4 at a time), lanes summed at the
 * end, k mod 4 in scalar; then + C (acc), + bias, ReLU as in gemm. K ≤ 2·KC (scratch size).
 */
function gemmNarrowBody(): number[] {
  const [i, j, k, K4, rowA, pc, v0, v1, v2, vt] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const s = 24; // f32
  const vs = [v0, v1, v2];
  const c = new Code();
  // Bᵀ[j·K + k] = B[k·ldb + j]
  c.loopTo(j, () => c.get(P.N), 1, () => {
    c.loopTo(k, () => c.get(P.K), 1, () => {
      c.get(P.pPack).get(j).get(P.K).mul().get(k).add().i32(2).shl().add();
      c.get(P.pB).get(k).get(P.ldb).mul().get(j).add().i32(2).shl().add().f32load();
      c.f32store();
    });
  });
  c.get(P.K).i32(~3).and().set(K4);
  c.loopTo(i, () => c.get(P.M), 1, () => {
    c.get(P.pA).get(i).get(P.sai).mul().i32(2).shl().add().set(rowA);
    // Σ over k in 4-lane steps, every column at once (independent FMA chains)
    for (const v of vs) c.vzero().set(v);
    c.loopTo(k, () => c.get(K4), 4, () => {
      for (let q = 0; q < 3; q++) {
        c.get(P.N).i32(q).gtS().if_();
        const a = (): void => void c.get(rowA).get(k).i32(2).shl().add().vload(0);
        const b = (): void => void c.get(P.pPack).get(P.K).i32(q).mul().get(k).add().i32(2).shl().add().vload(0);
        if (useFma) { a(); b(); c.get(vs[q]!).fma(); } else { c.get(vs[q]!); a(); b(); c.fmul().fadd(); }
        c.set(vs[q]!);
        c.end();
      }
    });
    c.loopTo(j, () => c.get(P.N), 1, () => {
      // s = lanes of the column's accumulator, + the k mod 4 tail
      c.get(v2).set(vt);
      c.get(j).eqz().if_().get(v0).set(vt).else_().get(j).i32(1).eq().if_().get(v1).set(vt).end().end();
      c.get(vt).lane(0).get(vt).lane(1).f32add().get(vt).lane(2).f32add().get(vt).lane(3).f32add().set(s);
      c.get(K4).set(k);
      c.block().loop();
      c.get(k).get(P.K).geS().brIf(1);
      c.get(rowA).get(k).i32(2).shl().add().f32load();
      c.get(P.pPack).get(j).get(P.K).mul().get(k).add().i32(2).shl().add().f32load();
      c.f32mul().get(s).f32add().set(s);
      c.get(k).i32(1).add().set(k);
      c.br(0).end().end();
      c.get(P.pC).get(i).get(P.ldc).mul().get(j).add().i32(2).shl().add().set(pc);
      c.get(P.acc).if_().get(s).get(pc).f32load().f32add().set(s).end();
      c.get(P.pBias).if_().get(s).get(P.pBias).get(j).i32(2).shl().add().f32load().f32add().set(s).end();
      c.get(P.relu).if_().get(s).f32zero().f32max().set(s).end();
      c.get(pc).get(s).f32store();
    });
  });
  c.end();
  return [...uleb(3), ...uleb(6), I32, ...uleb(4), V128, ...uleb(1), F32, ...c.b];
}

/**
 * adam(pW, pG, pM, pV, bytes, b1, b2, stepSize, invSqrtBc2, eps), PyTorch form (adam.ts):
 *   m = b1·m + (1−b1)·g;  v = b2·v + (1−b2)·g²;  w −= stepSize·m / (√v · invSqrtBc2 + eps)
 */
function adamBody(): number[] {
  // params: 0 pW, 1 pG, 2 pM, 3 pV, 4 bytes (i32); 5 b1, 6 b2, 7 step, 8 isb, 9 eps (f32)
  // locals: 10 off (i32); v128: 11 b1, 12 b2, 13 1−b1, 14 1−b2, 15 step, 16 isb, 17 eps, 18 g, 19 m, 20 v
  const c = new Code();
  const one = (): Code => { c.b.push(0x43, 0x00, 0x00, 0x80, 0x3f); return c; }; // f32.const 1
  c.get(5).fsplat().set(11);
  c.get(6).fsplat().set(12);
  one(); c.get(5); c.b.push(0x93); c.fsplat().set(13); // f32.sub
  one(); c.get(6); c.b.push(0x93); c.fsplat().set(14);
  c.get(7).fsplat().set(15);
  c.get(8).fsplat().set(16);
  c.get(9).fsplat().set(17);
  c.i32(0).set(10);
  c.block().loop();
  c.get(10).get(4).ltU().eqz().brIf(1);
  c.get(1).get(10).add().vload(0).set(18);
  c.get(11).get(2).get(10).add().vload(0).fmul().get(13).get(18).fmul().fadd().set(19);
  c.get(12).get(3).get(10).add().vload(0).fmul().get(14).get(18).get(18).fmul().fmul().fadd().set(20);
  c.get(2).get(10).add().get(19).vstore(0);
  c.get(3).get(10).add().get(20).vstore(0);
  c.get(0).get(10).add();
  c.get(0).get(10).add().vload(0);
  c.get(15).get(19).fmul();
  c.get(20).fsqrt().get(16).fmul().get(17).fadd();
  c.fdiv().fsub().vstore(0);
  c.get(10).i32(16).add().set(10);
  c.br(0).end().end();
  c.end();
  return [...uleb(2), ...uleb(1), I32, ...uleb(10), V128, ...c.b];
}

/**
 * lstmCellBack(pZ, pTc, pCp, pDh, pDc, pDZ, B, H): one LSTM step's gate gradients for B rows
 * (layers.ts LSTMLast.backward) from the activated gates z = [i, f, g, o], tanh(c_t), c_{t−1},
 * dh and dc (in: from step t+1; out: dc_{t−1} = dc_t·f), H a multiple of 4:
 *   dc_t = dc + dh·o·(1 − tanh²c);  dZ = [dc_t·g·i(1−i), dc_t·c₋₁·f(1−f), dc_t·i(1−g²), dh·tanh c·o(1−o)]
 */
function lstmBackBody(): number[] {
  const [pZ, pTc, pCp, pDh, pDc, pDZ, Bn, H] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [H4, b, j, zb, hb, dzb] = [8, 9, 10, 11, 12, 13];
  const [ig, fg, gg, og, tc, dh, dcv, one] = [14, 15, 16, 17, 18, 19, 20, 21];
  const c = new Code();
  c.get(H).i32(2).shl().set(H4);
  c.fconst(1).set(one);
  const at = (base: number, k: number): void => {
    c.get(base);
    if (k > 0) c.get(H4).i32(k).mul().add();
    c.get(j).add();
  };
  c.loopTo(b, () => c.get(Bn), 1, () => {
    c.get(b).get(H4).i32(4).mul().mul().set(zb);
    c.get(pDZ).get(zb).add().set(dzb);
    c.get(pZ).get(zb).add().set(zb);
    c.get(b).get(H4).mul().set(hb);
    c.loopTo(j, () => c.get(H4), 16, () => {
      at(zb, 0); c.vload(0).set(ig);
      at(zb, 1); c.vload(0).set(fg);
      at(zb, 2); c.vload(0).set(gg);
      at(zb, 3); c.vload(0).set(og);
      c.get(pTc).get(hb).add().get(j).add().vload(0).set(tc);
      c.get(pDh).get(hb).add().get(j).add().vload(0).set(dh);
      // dcv = dc + dh·o·(1 − tc²)
      c.get(pDc).get(hb).add().get(j).add().vload(0);
      c.get(dh).get(og).fmul().get(one).get(tc).get(tc).fmul().fsub().fmul().fadd().set(dcv);
      at(dzb, 0); c.get(dcv).get(gg).fmul().get(ig).fmul().get(one).get(ig).fsub().fmul().vstore(0);
      at(dzb, 1); c.get(dcv).get(pCp).get(hb).add().get(j).add().vload(0).fmul().get(fg).fmul().get(one).get(fg).fsub().fmul().vstore(0);
      at(dzb, 2); c.get(dcv).get(ig).fmul().get(one).get(gg).get(gg).fmul().fsub().fmul().vstore(0);
      at(dzb, 3); c.get(dh).get(tc).fmul().get(og).fmul().get(one).get(og).fsub().fmul().vstore(0);
      c.get(pDc).get(hb).add().get(j).add().get(dcv).get(fg).fmul().vstore(0);
    });
  });
  c.end();
  return [...uleb(2), ...uleb(6), I32, ...uleb(8), V128, ...c.b];
}

function buildModule(fma: boolean, mr = packRows): Uint8Array {
  useFma = fma;
  packRows = mr;
  const g = gemmBody(false);
  const gt = gemmBody(true);
  const lb = lstmBackBody();
  const a = adamBody();
  const gn = gemmNarrowBody();
  const type = [3, 0x60, N_PARAMS, ...new Array<number>(N_PARAMS).fill(I32), 0, 0x60, 10, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, 0, 0x60, 8, I32, I32, I32, I32, I32, I32, I32, I32, 0];
  const imp = [1, ...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(1)];
  const fn = [5, 0, 1, 0, 2, 0];
  const exp = [5, ...str('gemm'), 0x00, 0, ...str('adam'), 0x00, 1, ...str('gemmT'), 0x00, 2, ...str('lstmCellBack'), 0x00, 3, ...str('gemmNarrow'), 0x00, 4];
  const code = [5, ...uleb(g.length), ...g, ...uleb(a.length), ...a, ...uleb(gt.length), ...gt, ...uleb(lb.length), ...lb, ...uleb(gn.length), ...gn];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type),
    ...section(2, imp),
    ...section(3, fn),
    ...section(7, exp),
    ...section(10, code),
  ]);
}

let cachedModule: object | null | undefined;
let cachedFma = false;

/**
 * Relaxed SIMD (f32x4.relaxed_madd → FMA) is shipped in V8 ≥ 11.4 (Electron); Node 20's V8 11.3
 * has it behind --experimental-wasm-relaxed-simd, which this turns on for the process (a
 * feature flag only) unless VIGIL_NO_FMA is set. Without it the kernel uses mul + add.
 */
function tryEnableRelaxedSimd(): void {
  if (process.env['VIGIL_NO_FMA']) return;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    /* not available: plain SIMD */
  }
}

/**
 * Compiles the engine's small modules with the optimizing compiler straight away: V8 otherwise
 * runs a function's first calls as Liftoff (baseline) code and swaps in the optimized code only
 * for later calls — and these kernels are few, long calls (one per layer and step), so a short
 * training run spent ~40 % longer in its first steps, and a scoring call that is the first use
 * of its kernel (the fused LSTM step) ~25 %. Both flags matter: with lazy compilation (Node 20's
 * default) nothing is compiled when the module is created, and the first call compiled with
 * Liftoff after all (seen with --print-wasm-code). The flags are restored for other modules
 * (TF.js's large WASM binary keeps lazy, tiered compilation).
 */
export function compileOptimized(bytes: Uint8Array): object | null {
  if (!WA || !WA.validate(bytes)) return null;
  const set: string[] = [];
  for (const [off, on] of [['--no-liftoff', '--liftoff'], ['--no-wasm-lazy-compilation', '--wasm-lazy-compilation']] as const) {
    try {
      setFlagsFromString(off);
      set.push(on);
    } catch {
      /* flag unavailable: tiered compilation */
    }
  }
  try {
    return new WA.Module(bytes);
  } finally {
    for (const on of set) setFlagsFromString(on);
  }
}

/**
 * A module built and compiled (compileOptimized) on first use, then shared by every arena; null
 * when WebAssembly is missing or rejects it (a build that throws is not retried).
 */
export function lazyModule(build: () => Uint8Array): () => object | null {
  let mod: object | null | undefined;
  return () => {
    if (mod !== undefined) return mod;
    mod = null;
    if (WA) mod = compileOptimized(build());
    return mod;
  };
}

/** A kernel export: byte addresses and sizes in, nothing out. */
export type RawKernel = (...a: number[]) => void;

/**
 * An instance of `mod` over `memory`: its exports, and a test that views live in that memory
 * (the kernels address it directly; views elsewhere make the wrappers fall back to JS).
 */
export function instantiateOver(mod: object, memory: WasmMemory): { ex: Record<string, RawKernel>; inMem: (...a: ArrayBufferView[]) => boolean } | null {
  if (!WA) return null;
  const ex = new WA.Instance(mod, { env: { mem: memory } }).exports as Record<string, RawKernel>;
  const buf = memory.buffer;
  return { ex, inMem: (...a) => a.every((v) => v.buffer === buf) };
}

function wasmModule(): object | null {
  if (cachedModule !== undefined) return cachedModule;
  cachedModule = null;
  if (!WA) return null;
  tryEnableRelaxedSimd();
  for (const fma of process.env['VIGIL_NO_FMA'] ? [false] : [true, false]) {
    try {
      const mod = compileOptimized(buildModule(fma));
      if (mod) {
        cachedModule = mod;
        cachedFma = fma;
        break;
      }
    } catch {
      /* try the next variant */
    }
  }
  return cachedModule;
}

/** 'wasm-simd-fma' | 'wasm-simd' | null (unavailable). */
export function wasmKernelVariant(): 'wasm-simd-fma' | 'wasm-simd' | null {
  const m = wasmModule();
  return m ? (cachedFma ? 'wasm-simd-fma' : 'wasm-simd') : null;
}

/** True when this runtime validates and compiles the SIMD module. */
export function wasmSimdAvailable(): boolean {
  return wasmModule() !== null;
}

/** K-slice length of long reductions (see createWasmGemm). */
const KC = 256;
/** Bytes of the A-panel pack scratch the gemm kernel needs (K ≤ 2·KC per raw call, ≤ MAX_R rows). */
export const GEMM_PACK_BYTES = 2 * KC * MAX_R * 4;

/** Modules with a non-default packed row count (A/B measurements, Arena.packRows). */
const variantModules = new Map<number, object | null>();
function wasmModuleRows(mr: number): object | null {
  const base = wasmModule();
  if (!base || !WA || mr === DEFAULT_PACK_ROWS) return base;
  if (!variantModules.has(mr)) {
    const def = packRows;
    const bytes = buildModule(cachedFma, mr);
    packRows = def;
    variantModules.set(mr, compileOptimized(bytes));
  }
  return variantModules.get(mr) ?? null;
}

type RawGemm = (M: number, N: number, K: number, pA: number, sai: number, sak: number, pB: number, ldb: number, pC: number, ldc: number, acc: number, pBias: number, relu: number, pPack: number) => void;
type RawAdam = (pW: number, pG: number, pM: number, pV: number, bytes: number, b1: number, b2: number, step: number, isb: number, eps: number) => void;

/**
 * The N mod 4 remainder columns (the 2-unit output layers: N = 2), one row at a time with the
 * column sums in locals, a loop per N (no branch per product): the general loop below paid a
 * fill, a zero test and a store per product.
 */
function gemmNarrowJs(M: number, N: number, K: number, A: Float32Array, aOff: number, sai: number, sak: number, B: Float32Array, bOff: number, ldb: number, C: Float32Array, cOff: number, ldc: number, acc: boolean, bias: Float32Array | null | undefined, relu: boolean | undefined, biasOff: number): void {
  const sums = [0, 0, 0];
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * sai;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    if (N === 1) {
      for (let k = 0; k < K; k++) s0 += A[ai + k * sak]! * B[bOff + k * ldb]!;
    } else if (N === 2) {
      for (let k = 0; k < K; k++) {
        const v = A[ai + k * sak]!;
        const b = bOff + k * ldb;
        s0 += v * B[b]!;
        s1 += v * B[b + 1]!;
      }
    } else {
      for (let k = 0; k < K; k++) {
        const v = A[ai + k * sak]!;
        const b = bOff + k * ldb;
        s0 += v * B[b]!;
        s1 += v * B[b + 1]!;
        s2 += v * B[b + 2]!;
      }
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    const ci = cOff + i * ldc;
    for (let j = 0; j < N; j++) {
      let c = sums[j]! + (acc ? C[ci + j]! : 0) + (bias ? bias[biasOff + j]! : 0);
      if (relu && !(c > 0)) c = 0;
      C[ci + j] = c;
    }
  }
}

/** Plain-JS GEMM (fallback and N mod 4 remainder columns): same contract as GemmFn. */
export function gemmJs(M: number, N: number, K: number, A: Float32Array, aOff: number, sai: number, sak: number, B: Float32Array, bOff: number, ldb: number, C: Float32Array, cOff: number, ldc: number, acc: boolean, bias?: Float32Array | null, relu?: boolean, biasOff = 0): void {
  if (N < 4) {
    gemmNarrowJs(M, N, K, A, aOff, sai, sak, B, bOff, ldb, C, cOff, ldc, acc, bias, relu, biasOff);
    return;
  }
  for (let i = 0; i < M; i++) {
    const ci = cOff + i * ldc;
    if (!acc) C.fill(0, ci, ci + N);
    const ai = aOff + i * sai;
    for (let k = 0; k < K; k++) {
      const a = A[ai + k * sak]!;
      if (a === 0) continue;
      const bk = bOff + k * ldb;
      for (let j = 0; j < N; j++) C[ci + j]! += a * B[bk + j]!;
    }
    if (bias) for (let j = 0; j < N; j++) C[ci + j]! += bias[biasOff + j]!;
    if (relu) for (let j = 0; j < N; j++) if (!(C[ci + j]! > 0)) C[ci + j] = 0;
  }
}

/** Plain-JS Adam (PyTorch form); same contract as AdamFn, from element `from`. */
export function adamJs(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, b1: number, b2: number, stepSize: number, invSqrtBc2: number, eps: number, from = 0): void {
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  for (let i = from; i < w.length; i++) {
    const gi = g[i]!;
    const mi = b1 * m[i]! + c1 * gi;
    const vi = b2 * v[i]! + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i]! -= (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
  }
}


/** One LSTM step's gate gradients (see lstmBackBody); false when not applicable (layers.ts loops then). */
export type LstmCellBackFn = (z: Float32Array, zOff: number, tc: Float32Array, tcOff: number, c: Float32Array, cPrevOff: number, dh: Float32Array, dc: Float32Array, dZ: Float32Array, dzOff: number, B: number, H: number) => boolean;

export interface WasmKernels {
  gemm: GemmFn;
  adam: AdamFn;
  lstmCellBack: LstmCellBackFn;
}

/**
 * Kernels over `memory`, or null when WebAssembly SIMD is unavailable. `packOffset`: byte offset
 * of GEMM_PACK_BYTES of scratch in `memory` that nothing else uses (arena.ts reserves it).
 * `packRows` (tests / benches): rows of the packed register block, 1..6.
 */
export function createWasmKernels(memory: WasmMemory, packOffset: number, packRowsVariant = DEFAULT_PACK_ROWS): WasmKernels | null {
  const mod = wasmModuleRows(packRowsVariant);
  if (!mod || !WA) return null;
  const inst = new WA.Instance(mod, { env: { mem: memory } });
  const rawPlain = inst.exports['gemm'] as RawGemm;
  const rawT = inst.exports['gemmT'] as RawGemm;
  const rawNarrow = inst.exports['gemmNarrow'] as RawGemm;
  const rawAdam = inst.exports['adam'] as RawAdam;
  const buf = memory.buffer;
  const gemm: GemmFn = (M, N, K, A, aOff, sai, sak, B, bOff, ldb, C, cOff, ldc, acc, bias, relu) => {
    if (M <= 0 || N <= 0) return;
    if (A.buffer !== buf || B.buffer !== buf || C.buffer !== buf || (bias && bias.buffer !== buf)) {
      gemmJs(M, N, K, A, aOff, sai, sak, B, bOff, ldb, C, cOff, ldc, acc, bias, relu);
      return;
    }
    const N4 = N & ~3;
    const pBias = bias ? bias.byteOffset : 0;
    const r = relu ? 1 : 0;
    if (N4 === 0 && sak === 1 && K <= 2 * KC) {
      // the 2-unit output layers' forward: SIMD over k (the JS loop below cost ~3 % of LSTM scoring)
      rawNarrow(M, N, K, A.byteOffset + aOff * 4, sai, 1, B.byteOffset + bOff * 4, ldb, C.byteOffset + cOff * 4, ldc, acc ? 1 : 0, pBias, r, packOffset);
      return;
    }
    if (N4 > 0) {
      const raw = sak !== 1 && K > 1 ? rawT : rawPlain;
      const pA = A.byteOffset + aOff * 4;
      const pB = B.byteOffset + bOff * 4;
      const pC = C.byteOffset + cOff * 4;
      if (K > 2 * KC) {
        // Long reductions (weight gradients: K = batch rows) in L2-sized slices of K, so that
        // A's and B's slices stay cached while every row block of C sweeps them; the epilogue
        // (bias, ReLU) runs with the last slice.
        for (let k0 = 0; k0 < K; k0 += KC) {
          const last = k0 + KC >= K;
          raw(M, N4, Math.min(KC, K - k0), pA + k0 * sak * 4, sai, sak, pB + k0 * ldb * 4, ldb, pC, ldc, acc || k0 > 0 ? 1 : 0, last ? pBias : 0, last ? r : 0, packOffset);
        }
      } else {
        raw(M, N4, K, pA, sai, sak, pB, ldb, pC, ldc, acc ? 1 : 0, pBias, r, packOffset);
      }
    }
    if (N4 < N) gemmJs(M, N - N4, K, A, aOff, sai, sak, B, bOff + N4, ldb, C, cOff + N4, ldc, acc, bias, relu, N4);
  };
  const adam: AdamFn = (w, g, m, v, b1, b2, stepSize, isb, eps) => {
    const n4 = w.length & ~3;
    if (w.buffer !== buf || g.buffer !== buf || m.buffer !== buf || v.buffer !== buf) {
      adamJs(w, g, m, v, b1, b2, stepSize, isb, eps);
      return;
    }
    if (n4 > 0) rawAdam(w.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n4 * 4, b1, b2, stepSize, isb, eps);
    if (n4 < w.length) adamJs(w, g, m, v, b1, b2, stepSize, isb, eps, n4);
  };
  const rawLstmBack = inst.exports['lstmCellBack'] as (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number) => void;
  const lstmCellBack: LstmCellBackFn = (z, zOff, tc, tcOff, cc, cPrevOff, dh, dc, dZ, dzOff, B, H) => {
    if ((H & 3) !== 0 || z.buffer !== buf || tc.buffer !== buf || cc.buffer !== buf || dh.buffer !== buf || dc.buffer !== buf || dZ.buffer !== buf) return false;
    rawLstmBack(z.byteOffset + 4 * zOff, tc.byteOffset + 4 * tcOff, cc.byteOffset + 4 * cPrevOff, dh.byteOffset, dc.byteOffset, dZ.byteOffset + 4 * dzOff, B, H);
    return true;
  };
  return { gemm, adam, lstmCellBack };
}
