import { describe, expect, it } from 'vitest';
import { Arena } from './arena';
import { Rng } from './rng';
import { randn, relErr } from './test-helpers';
import { LSTMLast } from './layers';

/**
 * The fused LSTM step (wasm-lstm.ts) against a float64 LSTM step (Keras gate order i, f, g, o; σ
 * and tanh from Math), on windows [B, F, W] read at one time step; weights packed by lstmPack.
 */
function refStep(x: Float32Array, t: number, F: number, W: number, hPrev: Float64Array | null, cPrev: Float64Array | null, K: Float32Array, R: Float32Array, bias: Float32Array, B: number, H: number): { c: Float64Array; h: Float64Array; gates: Float64Array } {
  const G = 4 * H;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const c = new Float64Array(B * H);
  const h = new Float64Array(B * H);
  const gates = new Float64Array(B * G);
  for (let b = 0; b < B; b++) {
    for (let u = 0; u < H; u++) {
      const z = [0, 1, 2, 3].map((g) => {
        let s = bias[g * H + u]!;
        for (let k = 0; k < F; k++) s += x[b * F * W + k * W + t]! * K[k * G + g * H + u]!;
        if (hPrev) for (let j = 0; j < H; j++) s += hPrev[b * H + j]! * R[j * G + g * H + u]!;
        return s;
      });
      [sig(z[0]!), sig(z[1]!), Math.tanh(z[2]!), sig(z[3]!)].forEach((v, g) => (gates[b * G + g * H + u] = v));
      const cv = sig(z[1]!) * (cPrev ? cPrev[b * H + u]! : 0) + sig(z[0]!) * Math.tanh(z[2]!);
      c[b * H + u] = cv;
      h[b * H + u] = sig(z[3]!) * Math.tanh(cv);
    }
  }
  return { c, h, gates };
}

describe('fused LSTM scoring step (WASM SIMD)', () => {
  // B odd (a last single row) and even; H = 64 (the paper's LSTM) and 8; x scale 6 saturates gates,
  // scale 40 drives pre-activations to ±100 (both clamps of the exp); scoring (no stores for
  // backward) and training (activated gates and tanh c stored)
  it.each([[7, 5, 3, 8, 1, false], [37, 38, 4, 64, 1, false], [20, 11, 2, 16, 6, false], [9, 6, 3, 8, 6, true], [36, 38, 4, 64, 1, true], [5, 6, 3, 8, 40, true]])(
    'matches a float64 LSTM over W steps (B %i, F %i, W %i, H %i, x scale %i, training %s)',
    (B, F, W, H, scale, training) => {
      const rng = new Rng(11);
      const ar = Arena.sized(16 << 20, 'wasm-simd');
      const L = ar.lstm;
      expect(L, 'the fused step exists on the WASM kernel').not.toBeNull();
      const G = 4 * H;
      const K = ar.f32(F * G);
      K.set(randn(F * G, rng, 0.3));
      const R = ar.f32(H * G);
      R.set(randn(H * G, rng, 0.3));
      const bias = ar.f32(G);
      bias.set(randn(G, rng, 0.5));
      const x = ar.f32(B * F * W);
      x.set(randn(x.length, rng, scale));
      const wp = ar.f32((F + H) * G);
      const bp = ar.f32(G);
      L!.pack(K, R, bias, F, H, wp, bp);
      const c = ar.f32((W + 1) * B * H);
      const h = ar.f32((W + 1) * B * H);
      const z = ar.f32(B * G);
      const tc = ar.f32(B * H);
      for (let t = 0; t < W; t++) {
        // slot t holds h₋₁ / c₋₁, slot t + 1 receives this step's (as LSTMLast lays them out)
        L!.step(x, t, F * W, W, F, t === 0 ? null : h, t * B * H, wp, bp, c, t * B * H, (t + 1) * B * H, h, (t + 1) * B * H, B, H, training ? z : null, 0, training ? tc : null, 0);
        // the reference continues from the kernel's own state, so each step is checked on its own
        const hPrev = t === 0 ? null : Float64Array.from(h.subarray(t * B * H, (t + 1) * B * H));
        const cPrev = t === 0 ? null : Float64Array.from(c.subarray(t * B * H, (t + 1) * B * H));
        const ref = refStep(x, t, F, W, hPrev, cPrev, K, R, bias, B, H);
        const cNext = c.subarray((t + 1) * B * H, (t + 2) * B * H);
        expect(relErr(h.subarray((t + 1) * B * H, (t + 2) * B * H), ref.h), `h, step ${t}`).toBeLessThan(2e-6);
        expect(relErr(cNext, ref.c), `c, step ${t}`).toBeLessThan(2e-6);
        if (training) {
          // what backward reads: σ(z_i), σ(z_f), tanh(z_g), σ(z_o) at z[b, g·H + u], and tanh c
          expect(relErr(tc, Float64Array.from(cNext, Math.tanh)), `tanh c, step ${t}`).toBeLessThan(2e-6);
          expect(relErr(z, ref.gates), `gates, step ${t}`).toBeLessThan(2e-6);
        }
      }
    },
  );

  it('LSTMLast takes the GEMMs + JS cell path for windows outside the arena, with the same output', () => {
    const [B, F, W, H] = [6, 5, 3, 8];
    const rng = new Rng(3);
    const ar = Arena.sized(8 << 20, 'wasm-simd');
    const l = new LSTMLast(ar, B, F, W, H);
    l.init(rng);
    const inArena = ar.f32(B * F * W);
    inArena.set(randn(inArena.length, rng, 2));
    l.forward(inArena, B);
    const fused = l.out.slice(0, B * H);
    l.forward(Float32Array.from(inArena), B);
    expect(relErr(l.out.subarray(0, B * H), fused)).toBeLessThan(1e-6);
    expect(Arena.sized(1 << 20, 'js').lstm).toBeNull();
  });
});
