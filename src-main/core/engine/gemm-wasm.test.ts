/**
 * The WASM SIMD GEMM (plain kernel for a unit-stride A, packed kernel gemmT for a strided A)
 * against the plain-JS reference, over shapes that hit every path: row panels and remainder
 * rows, 8- / 4-column blocks and the JS remainder columns, K slicing above 2·256, accumulate,
 * fused bias + ReLU, and the arena's pack scratch not being clobbered into user buffers.
 */
import { describe, expect, it } from 'vitest';
import { Arena } from './arena.js';
import { gemmJs, wasmKernelVariant, wasmSimdAvailable } from './gemm-wasm.js';
import { Rng } from './rng.js';

const cases: { M: number; N: number; K: number; transA: boolean; acc: boolean; bias: boolean; relu: boolean }[] = [];
for (const transA of [false, true]) {
  // N < 4: the narrow kernel (unit-stride A, K ≤ 512; k mod 4 tails) or JS (strided A, K > 512)
  for (const [M, N, K] of [[1, 8, 5], [3, 4, 7], [4, 8, 1], [7, 13, 9], [9, 16, 33], [17, 66, 40], [64, 64, 300], [37, 24, 700], [288, 64, 1100], [10, 2, 64], [5, 1, 3], [6, 3, 66], [3, 2, 600]] as const) {
    cases.push({ M, N, K, transA, acc: false, bias: false, relu: false });
    cases.push({ M, N, K, transA, acc: true, bias: true, relu: true });
  }
}

describe('WASM kernels', () => {
  // Node 20 and Electron both run WebAssembly SIMD: a module that fails to validate would make every
  // arena fall back to plain JS silently (correct but ~50× slower), so this must hold here.
  it('the kernel module validates and arenas use it', () => {
    expect(wasmSimdAvailable()).toBe(true);
    expect(wasmKernelVariant()).toMatch(/^wasm-simd/);
    expect(Arena.sized(1 << 20).kernel).toMatch(/^wasm-simd/);
  });
});

describe('WASM GEMM vs plain JS', () => {
  const arena = Arena.sized(48 << 20);
  const rng = new Rng(5);
  it.each(cases)('M=$M N=$N K=$K transA=$transA acc=$acc bias/relu=$bias', ({ M, N, K, transA, acc, bias, relu }) => {
    // A stored [M, K] (sai = K, sak = 1) or as Aᵀ [K, M] (sai = 1, sak = M: the packed kernel)
    const A = arena.f32(M * K + 3);
    const B = arena.f32(K * N + 3);
    const C = arena.f32(M * N + 4); // written: [3, 3 + M·N); guards at 0..2 and M·N + 3
    const bv = arena.f32(N);
    for (const t of [A, B, C, bv]) for (let i = 0; i < t.length; i++) t[i] = rng.next() - 0.5;
    const [sai, sak] = transA ? [1, M] : [K, 1];
    const ref = Float32Array.from(C);
    gemmJs(M, N, K, A, 1, sai, sak, B, 2, N, ref, 3, N, acc, bias ? bv : null, relu);
    arena.gemm(M, N, K, A, 1, sai, sak, B, 2, N, C, 3, N, acc, bias ? bv : null, relu);
    let worst = 0;
    for (let i = 0; i < C.length; i++) worst = Math.max(worst, Math.abs(C[i]! - ref[i]!) / (1 + Math.abs(ref[i]!)));
    expect(worst).toBeLessThan(2e-5);
    // the guard elements around C are untouched
    const before = C[M * N + 3];
    expect([C[0], C[1], C[2], C[M * N + 3]]).toEqual([ref[0], ref[1], ref[2], before]);
    expect(ref[M * N + 3]).toBe(before);
  });
});
