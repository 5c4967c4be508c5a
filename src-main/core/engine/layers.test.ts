/** Per-layer gradients of the engine against TensorFlow.js autodiff (cpu backend). */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { Arena } from './arena.js';
import { Conv2D, Dense, LSTMLast, MaxPool2 } from './layers.js';
import { NtXent, softmaxCrossEntropy } from './losses.js';
import { Rng } from './rng.js';
import { cpuBackend, randn, relErr, tf } from './test-helpers.js';

const TOL = 1e-4;

function arena(kernel: 'wasm-simd' | 'js'): Arena {
  return Arena.sized(32 << 20, kernel);
}

beforeAll(cpuBackend);

describe.each(['wasm-simd', 'js'] as const)('layers vs tf.grad (%s kernel)', (kernel) => {
  it('conv2d 3×3 same + ReLU: output, dKernel, dBias, dInput', () => {
    const rng = new Rng(3);
    const shapes = [[3, 5, 4, 3, 8], [2, 7, 3, 2, 6], [2, 6, 1, 4, 8], [2, 3, 4, 32, 4], [2, 6, 4, 8, 8], [3, 7, 4, 12, 6], [2, 6, 4, 10, 8], [2, 5, 2, 16, 12], [2, 9, 1, 8, 4], [2, 10, 3, 8, 8]] as const;
    // chunkBytes 1: one image per im2col chunk (backward lowers x again, chunk by chunk)
    for (const [[B, H, W, Cin, Cout], chunkBytes] of shapes.flatMap((sh) => [[sh, undefined], [sh, 1]] as const)) {
      const ar = arena(kernel);
      const conv = new Conv2D(ar, B, H, W, Cin, Cout, 3, true, true, chunkBytes);
      expect(conv.chunk).toBe(chunkBytes === 1 ? 1 : B);
      // Cin ≥ 8 on a narrow image (W ≤ 8 < H): the border-column-skipping GEMMs
      expect(conv.splitCols).toBe(Cin >= 8 && W < H);
      conv.init(rng);
      conv.bias.w.set(randn(Cout, rng, 0.1));
      const x = ar.f32(B * H * W * Cin);
      x.set(randn(x.length, rng));
      const R = ar.f32(B * H * W * Cout);
      R.set(randn(R.length, rng));
      conv.forward(x, B);
      const dOut = ar.f32(R.length);
      dOut.set(R);
      conv.backward(x, dOut, B);
      const xt = tf.tensor4d(x, [B, H, W, Cin]);
      const kt = tf.tensor4d(conv.kernel.w, [3, 3, Cin, Cout]);
      const bt = tf.tensor1d(conv.bias.w);
      const Rt = tf.tensor4d(R, [B, H, W, Cout]);
      const f = (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.relu(tf.add(tf.conv2d(a as tf.Tensor4D, k as tf.Tensor4D, 1, 'same'), b)), Rt));
      const y = tf.relu(tf.add(tf.conv2d(xt, kt, 1, 'same'), bt));
      expect(relErr(conv.out.subarray(0, B * H * W * Cout), y.dataSync())).toBeLessThan(TOL);
      const [gx, gk, gb] = tf.grads(f)([xt, kt, bt]);
      expect(relErr(conv.kernel.g, gk!.dataSync())).toBeLessThan(TOL);
      expect(relErr(conv.bias.g, gb!.dataSync())).toBeLessThan(TOL);
      expect(relErr(conv.dIn!.subarray(0, x.length), gx!.dataSync())).toBeLessThan(TOL);
    }
  });

  it('max-pool 2×2 stride 2 same (odd sizes pad at the end), plain and after a ReLU', () => {
    const rng = new Rng(4);
    // [B, H, W, C, reluInput]: odd H and/or W (the window repeats the last row / column), C = 4k and not
    for (const [B, H, W, C, reluInput] of [[2, 5, 3, 4, false], [2, 6, 4, 8, true], [3, 19, 2, 12, true], [2, 7, 5, 3, false], [1, 3, 1, 4, true]] as const) {
      const ar = arena(kernel);
      const pool = new MaxPool2(ar, B, H, W, C, true, reluInput);
      const z = randn(B * H * W * C, rng);
      const x = ar.f32(z.length);
      // after a ReLU many inputs are 0: windows of zeros get no gradient
      x.set(reluInput ? z.map((v) => Math.max(v, 0)) : z);
      pool.forward(x, B);
      const [Ho, Wo] = [Math.ceil(H / 2), Math.ceil(W / 2)];
      expect([pool.Ho, pool.Wo]).toEqual([Ho, Wo]);
      const zt = tf.tensor4d(z, [B, H, W, C]);
      const inp = (a: tf.Tensor) => (reluInput ? tf.relu(a) : a) as tf.Tensor4D;
      const y = tf.maxPool(inp(zt), 2, 2, 'same');
      expect(y.shape).toEqual([B, Ho, Wo, C]);
      expect(relErr(pool.out.subarray(0, y.size), y.dataSync())).toBeLessThan(1e-7);
      const R = randn(y.size, rng);
      const dOut = ar.f32(R.length);
      dOut.set(R);
      pool.dIn!.fill(Number.NaN); // every input gradient is written (no stale values)
      pool.backward(x, dOut, B);
      const Rt = tf.tensor4d(R, [B, Ho, Wo, C]);
      // d/dz of Σ maxPool(relu?(z))·R: the pool's dIn, masked by the ReLU where the input is 0
      const gz = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(inp(a), 2, 2, 'same'), Rt)))(zt);
      expect(relErr(pool.dIn!.subarray(0, x.length), gz.dataSync())).toBeLessThan(TOL);
    }
  });

  it('conv 3×3 + ReLU feeding a max pool: backward from the pool winners matches tf.grad', () => {
    const rng = new Rng(5);
    // [B, H, W, Cin, Cout, needInputGrad]: Cin a multiple of 32 takes the winners-only WASM path (9 images of
    // 38×4×32: two chunks); odd H / W pad the pool; other Cin the dense GEMMs
    for (const [B, H, W, Cin, Cout, needIn] of [[2, 19, 2, 32, 64, true], [9, 38, 4, 32, 8, true], [2, 6, 1, 32, 8, true], [2, 1, 5, 32, 4, true], [2, 7, 5, 64, 8, true], [2, 5, 3, 32, 4, false], [3, 7, 4, 16, 12, true], [2, 6, 4, 4, 8, true]] as const) {
      const ar = arena(kernel);
      const conv = new Conv2D(ar, B, H, W, Cin, Cout, 3, true, needIn);
      const pool = new MaxPool2(ar, B, H, W, Cout, true, true);
      conv.feedsPool(pool);
      conv.init(rng);
      conv.bias.w.set(randn(Cout, rng, 0.1));
      const x = ar.f32(B * H * W * Cin);
      x.set(randn(x.length, rng));
      conv.forward(x, B);
      pool.forward(conv.out, B);
      const R = randn(B * pool.outSize, rng);
      const dOut = ar.f32(R.length);
      dOut.set(R);
      conv.kernel.g.fill(Number.NaN); // every gradient is written, none accumulates stale values
      conv.bias.g.fill(Number.NaN);
      pool.backward(conv.out, dOut, B);
      conv.backward(x, pool.dIn!, B);
      const xt = tf.tensor4d(x, [B, H, W, Cin]);
      const kt = tf.tensor4d(conv.kernel.w, [3, 3, Cin, Cout]);
      const bt = tf.tensor1d(conv.bias.w);
      const Rt = tf.tensor4d(R, [B, pool.Ho, pool.Wo, Cout]);
      const f = (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(tf.add(tf.conv2d(a as tf.Tensor4D, k as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D, 2, 2, 'same'), Rt));
      const [gx, gk, gb] = tf.grads(f)([xt, kt, bt]);
      expect(relErr(conv.kernel.g, gk!.dataSync())).toBeLessThan(TOL);
      expect(relErr(conv.bias.g, gb!.dataSync())).toBeLessThan(TOL);
      if (needIn) expect(relErr(conv.dIn!.subarray(0, x.length), gx!.dataSync())).toBeLessThan(TOL);
      // the pool's input gradient (deferred on the winners path; Grad-CAM reads it) equals a plain pool's
      const plain = new MaxPool2(ar, B, H, W, Cout, true, true);
      plain.forward(conv.out, B);
      plain.backward(conv.out, dOut, B);
      expect(Array.from(pool.inputGrad()!.subarray(0, B * conv.outSize))).toEqual(Array.from(plain.dIn!.subarray(0, B * conv.outSize)));
    }
  });

  it('Winograd F(2,3) forward equals the im2col forward (odd H, narrow W, several chunks)', () => {
    if (kernel === 'js') return; // the transforms are WASM kernels
    for (const [B, H, W, Cin, Cout, chunkBytes] of [[3, 38, 4, 32, 64, undefined], [2, 19, 2, 32, 64, undefined], [5, 7, 3, 8, 12, 1], [2, 4, 1, 4, 8, undefined]] as const) {
      const outs = [true, false].map((wino) => {
        Arena.winograd = wino;
        try {
          const ar = arena(kernel);
          const conv = new Conv2D(ar, B, H, W, Cin, Cout, 3, true, false, chunkBytes);
          conv.init(new Rng(1));
          conv.bias.w.set(randn(Cout, new Rng(2), 0.1));
          const x = ar.f32(B * H * W * Cin);
          x.set(randn(x.length, new Rng(3)));
          conv.forward(x, B);
          expect(conv.lastForward).toBe(wino ? 'winograd' : 'im2col');
          return conv.out.slice(0, B * H * W * Cout);
        } finally {
          Arena.winograd = true;
        }
      });
      expect(relErr(outs[0]!, outs[1]!)).toBeLessThan(1e-5);
      expect(outs[0]!.some((v) => v > 0)).toBe(true);
    }
  });

  it('dense (ReLU and linear, N not a multiple of 4)', () => {
    const rng = new Rng(5);
    for (const [B, I, O, relu] of [[7, 33, 16, true], [5, 12, 2, false], [9, 64, 10, true]] as const) {
      const ar = arena(kernel);
      const d = new Dense(ar, B, I, O, relu, true);
      d.init(rng);
      d.bias.w.set(randn(O, rng, 0.1));
      const x = ar.f32(B * I);
      x.set(randn(x.length, rng));
      const R = randn(B * O, rng);
      d.forward(x, B);
      const dOut = ar.f32(R.length);
      dOut.set(R);
      d.backward(x, dOut, B);
      const xt = tf.tensor2d(x, [B, I]);
      const wt = tf.tensor2d(d.kernel.w, [I, O]);
      const bt = tf.tensor1d(d.bias.w);
      const Rt = tf.tensor2d(R, [B, O]);
      const act = (t: tf.Tensor) => (relu ? tf.relu(t) : t);
      const [gx, gw, gb] = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(act(tf.add(tf.matMul(a as tf.Tensor2D, w as tf.Tensor2D), b)), Rt)))([xt, wt, bt]);
      expect(relErr(d.out.subarray(0, B * O), act(tf.add(tf.matMul(xt, wt), bt)).dataSync())).toBeLessThan(TOL);
      expect(relErr(d.kernel.g, gw!.dataSync())).toBeLessThan(TOL);
      expect(relErr(d.bias.g, gb!.dataSync())).toBeLessThan(TOL);
      expect(relErr(d.dIn!.subarray(0, B * I), gx!.dataSync())).toBeLessThan(TOL);
    }
  });

  // input scale 6 drives gates into saturation (the exp clamps of the WASM cell); 37 rows: 9 full
  // 4-row GEMM blocks and a remainder row
  it.each([[5, 7, 4, 8, 1], [37, 5, 3, 8, 6]])('LSTM (last hidden state) vs tfjs-layers LSTM: output and all weight gradients (B %i, F %i, W %i, H %i, x scale %i)', (B, F, W, H, scale) => {
    const rng = new Rng(6);
    const ar = arena(kernel);
    const l = new LSTMLast(ar, B, F, W, H);
    l.init(rng);
    l.bias.w.set(randn(4 * H, rng, 0.2));
    const x = ar.f32(B * F * W);
    x.set(randn(x.length, rng, scale));
    l.forward(x, B);
    const R = randn(B * H, rng);
    const dOut = ar.f32(R.length);
    dOut.set(R);
    l.backward(x, dOut, B);
    const m = tfl.sequential();
    m.add(tfl.layers.permute({ dims: [2, 1], inputShape: [F, W] }));
    m.add(tfl.layers.lstm({ units: H, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform', unitForgetBias: true }));
    m.setWeights([tf.tensor2d(l.kernel.w, [F, 4 * H]), tf.tensor2d(l.recurrent.w, [H, 4 * H]), tf.tensor1d(l.bias.w)]);
    const xt = tf.tensor3d(x, [B, F, W]);
    const Rt = tf.tensor2d(R, [B, H]);
    const y = m.predict(xt) as tf.Tensor;
    expect(relErr(l.out.subarray(0, B * H), y.dataSync())).toBeLessThan(TOL);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(m.apply(xt) as tf.Tensor, Rt)) as tf.Scalar);
    const names = m.trainableWeights.map((w) => w.originalName);
    const byName = (suffix: string) => grads[(m.trainableWeights[names.findIndex((n) => n.endsWith(suffix))]!.read() as tf.Variable).name]!;
    expect(relErr(l.kernel.g, byName('/kernel').dataSync())).toBeLessThan(TOL);
    expect(relErr(l.recurrent.g, byName('/recurrent_kernel').dataSync())).toBeLessThan(TOL);
    expect(relErr(l.bias.g, byName('/bias').dataSync())).toBeLessThan(TOL);
    // inference mode (scoring): the same output without the stores backward needs; backward refuses
    const trained = l.out.slice(0, B * H);
    l.keepForBackward = false;
    l.forward(x, B);
    expect(relErr(l.out.subarray(0, B * H), trained)).toBeLessThan(1e-6);
    expect(relErr(l.out.subarray(0, B * H), y.dataSync())).toBeLessThan(TOL);
    expect(() => l.backward(x, dOut, B)).toThrow(/training/);
    l.keepForBackward = true;
  });

  it('softmax cross-entropy: loss and dLogits', () => {
    const rng = new Rng(7);
    const B = 6;
    const logits = randn(B * 2, rng, 2);
    const labels = new Int32Array([0, 1, 1, 0, 1, 0]);
    const probs = new Float32Array(B * 2);
    const d = new Float32Array(B * 2);
    const loss = softmaxCrossEntropy(logits, labels, B, 2, probs, d);
    const lt = tf.tensor2d(logits, [B, 2]);
    const oh = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
    const f = (z: tf.Tensor) => tf.losses.softmaxCrossEntropy(oh, z as tf.Tensor2D);
    expect(Math.abs(loss - f(lt).dataSync()[0]!)).toBeLessThan(1e-5);
    expect(relErr(d, tf.grad(f)(lt).dataSync())).toBeLessThan(TOL);
  });

  it('NT-Xent (τ = 0.5): loss and dz', () => {
    const rng = new Rng(8);
    for (const [B, D] of [[4, 8], [10, 64]] as const) {
      const ar = arena(kernel);
      const nt = new NtXent(ar, B, D, 0.5);
      const z = ar.f32(2 * B * D);
      z.set(randn(z.length, rng));
      const loss = nt.compute(z, B, true);
      const n2 = 2 * B;
      const target = tf.oneHot(tf.tensor1d(Array.from({ length: n2 }, (_, i) => (i < B ? i + B : i - B)), 'int32'), n2);
      const mask = tf.mul(tf.eye(n2), -1e9);
      const f = (zz: tf.Tensor) => {
        const zn = tf.div(zz, tf.maximum(tf.norm(zz, 'euclidean', 1, true), 1e-12));
        const s = tf.add(tf.div(tf.matMul(zn as tf.Tensor2D, zn as tf.Tensor2D, false, true), 0.5), mask);
        return tf.losses.softmaxCrossEntropy(target, s as tf.Tensor2D);
      };
      const zt = tf.tensor2d(z, [n2, D]);
      expect(Math.abs(loss - f(zt).dataSync()[0]!)).toBeLessThan(1e-4);
      expect(relErr(nt.dz.subarray(0, n2 * D), tf.grad(f)(zt).dataSync())).toBeLessThan(TOL);
    }
  });
});

describe('Adam kernels', () => {
  it('WASM SIMD and JS Adam agree with the PyTorch update over several steps', async () => {
    const { Adam } = await import('./adam.js');
    const rng = new Rng(13);
    const n = 103;
    const mk = (ar: Arena) => {
      const p = { name: 'kernel', shape: [n], w: ar.f32(n), g: ar.f32(n), m: ar.f32(n), v: ar.f32(n) };
      p.w.set(randn(n, new Rng(1)));
      return p;
    };
    const a1 = arena('wasm-simd');
    const a2 = arena('js');
    const p1 = mk(a1);
    const p2 = mk(a2);
    const ref = Float64Array.from(p1.w);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    const o1 = new Adam([p1], { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, flavour: 'pytorch' }, a1.adam);
    const o2 = new Adam([p2], { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, flavour: 'pytorch' }, a2.adam);
    for (let t = 1; t <= 5; t++) {
      const g = randn(n, rng);
      p1.g.set(g);
      p2.g.set(g);
      o1.step();
      o2.step();
      for (let i = 0; i < n; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
        ref[i]! -= (1e-3 * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-7);
      }
    }
    expect(relErr(p1.w, ref)).toBeLessThan(1e-6);
    expect(relErr(p2.w, ref)).toBeLessThan(1e-6);
  });
});
