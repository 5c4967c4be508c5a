import { describe, expect, it } from 'vitest';
import { Arena } from './arena';
import { Rng } from './rng';
import { randn, relErr } from './test-helpers';
import { packLstmWeights } from './wasm-lstm';

/**
 * The fused LSTM scoring step (wasm-lstm.ts) against a float64 LSTM step (Keras gate order i, f,
 * g, o; σ and tanh from Math), on windows [B, F, W] read at one time step.
 */
function refStep(x: Float32Array, t: number, F: number, W: number, hPrev: Float64Array | null, cPrev: Float64Array | null, K: Float32Array, R: Float32Array, bias: Float32Array, B: number, H: number): { c: Float64Array; h: Float64Array } {
  const G = 4 * H;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const c = new Float64Array(B * H);
  const h = new Float64Array(B * H);
  for (let b = 0; b < B; b++) {
    for (let u = 0; u < H; u++) {
      const z = [0, 1, 2, 3].map((g) => {
        let s = bias[g * H + u]!;
        for (let k = 0; k < F; k++) s += x[b * F * W + k * W + t]! * K[k * G + g * H + u]!;
        if (hPrev) for (let j = 0; j < H; j++) s += hPrev[b * H + j]! * R[j * G + g * H + u]!;
        return s;
      });
      const cv = sig(z[1]!) * (cPrev ? cPrev[b * H + u]! : 0) + sig(z[0]!) * Math.tanh(z[2]!);
      c[b * H + u] = cv;
      h[b * H + u] = sig(z[3]!) * Math.tanh(cv);
    }
  }
  return { c, h };
}

describe('fused LSTM scoring step (WASM SIMD)', () => {
  // B odd (a last single row) and even; H = 64 (the paper's LSTM) and 8; x scale 6 saturates gates
  it.each([[7, 5, 3, 8, 1], [37, 38, 4, 64, 1], [20, 11, 2, 16, 6]])('matches a float64 LSTM over W steps (B %i, F %i, W %i, H %i, x scale %i)', (B, F, W, H, scale) => {
    const rng = new Rng(11);
    const ar = Arena.sized(16 << 20, 'wasm-simd');
    const step = ar.lstmStep;
    expect(step, 'the fused step exists on the WASM kernel').not.toBeNull();
    const G = 4 * H;
    const K = randn(F * G, rng, 0.3);
    const R = randn(H * G, rng, 0.3);
    const bias = randn(G, rng, 0.5);
    const x = ar.f32(B * F * W);
    x.set(randn(x.length, rng, scale));
    const wp = ar.f32((F + H) * G);
    const bp = ar.f32(G);
    packLstmWeights(K, R, bias, F, H, wp, bp);
    const c = ar.f32((W + 1) * B * H);
    const h = ar.f32((W + 1) * B * H);
    let ref: { c: Float64Array; h: Float64Array } | null = null;
    for (let t = 0; t < W; t++) {
      // slot t holds h₋₁ / c₋₁, slot t + 1 receives this step's (as LSTMLast lays them out)
      expect(step!(x, t, F * W, W, F, t === 0 ? null : h, t * B * H, wp, bp, c, t * B * H, (t + 1) * B * H, h, (t + 1) * B * H, B, H)).toBe(true);
      // the reference continues from the kernel's own state, so each step is checked on its own
      const hPrev = t === 0 ? null : Float64Array.from(h.subarray(t * B * H, (t + 1) * B * H));
      const cPrev = t === 0 ? null : Float64Array.from(c.subarray(t * B * H, (t + 1) * B * H));
      ref = refStep(x, t, F, W, hPrev, cPrev, K, R, bias, B, H);
      expect(relErr(h.subarray((t + 1) * B * H, (t + 2) * B * H), ref.h), `h, step ${t}`).toBeLessThan(2e-6);
      expect(relErr(c.subarray((t + 1) * B * H, (t + 2) * B * H), ref.c), `c, step ${t}`).toBeLessThan(2e-6);
    }
    expect(ref).not.toBeNull();
  });

  it('declines what it cannot run: H not a multiple of 4, arrays outside the arena', () => {
    const ar = Arena.sized(1 << 20, 'wasm-simd');
    const a = ar.f32(64);
    expect(ar.lstmStep!(a, 0, 6, 2, 3, null, 0, a, a, a, 0, 6, a, 6, 1, 6)).toBe(false);
    expect(ar.lstmStep!(new Float32Array(64), 0, 8, 2, 4, null, 0, a, a, a, 0, 4, a, 4, 1, 4)).toBe(false);
    expect(Arena.sized(1 << 20, 'js').lstmStep).toBeNull();
  });
});
