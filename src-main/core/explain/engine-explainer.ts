/**
 * Explanations of the engine's conv models (cnn, contrastive; METHODS.md §7) through the net's
 * read-only `probe`:
 * (a) activation map per conv layer: channel-mean of its ReLU activations, up-sampled to [F, W];
 * (b) Grad-CAM for the anomaly class: α_c = spatial mean of ∂s/∂A_c, map = ReLU(Σ_c α_c·A_c), up-sampled,
 *     with s = logit₁ − logit₀, the anomaly log-odds: a 2-class softmax is invariant to shifting both
 *     logits, so logit₁ alone is not a well-defined class score, while p = σ(s);
 * (c) saliency |∂p/∂x| = p(1 − p)·|∂s/∂x|: the gradient reaching the first conv, carried to the
 *     input through its kernel (the first layer keeps no input gradient).
 * One forward and ONE backward pass (dLogits = (−1, +1)) per batch serve all three; parameter
 * gradients the backward also writes are unused.
 */
import type { SupervisedModelKind } from '../../../shared/domain/models.js';
import { VigilError } from '../../../shared/errors.js';
import { buildNet } from '../engine/train.js';
import { Rng } from '../engine/rng.js';
import type { EngineNet, NetProbe } from '../engine/net.js';
import { resolveConfig } from '../models/index.js';
import type { MapKey, MapSink, WindowExplainer } from './explainer.js';
import { loadIntoParams, type SavedWeights } from '../engine/saved-weights.js';
import { upsampleToInput } from './upsample.js';

export class EngineConvExplainer implements WindowExplainer {
  readonly mapKeys: readonly MapKey[];
  private readonly net: EngineNet;
  private readonly probe: NetProbe;
  private readonly cap: number;
  private readonly xb: Float32Array; // [cap, F, W]
  private readonly dLogits: Float32Array; // [cap, 2]
  private readonly score: Float32Array; // [cap]
  private readonly maps: Float32Array[]; // each [cap, F, W]
  private readonly grid: Float32Array; // scratch [H·Wd] of the largest conv grid

  constructor(
    readonly model: SupervisedModelKind,
    params: Record<string, unknown>,
    readonly F: number,
    readonly W: number,
    weights: SavedWeights,
    where: string,
    capacity = 256,
  ) {
    const cfg = resolveConfig(model, params);
    this.cap = capacity;
    // the net's own input buffer: it lies in the arena, so the conv kernels run in WASM on it
    const { net, xin } = buildNet(model, cfg, F, W, capacity, new Rng(0));
    if (!net.probe) throw new VigilError('INVALID_SETTINGS', `the ${model} model has no conv layers to explain with activation maps`);
    this.net = net;
    this.probe = net.probe;
    loadIntoParams(net.params, weights, where);
    const keys: MapKey[] = [];
    for (const c of this.probe.convs) keys.push({ key: `activation:${c.name}`, method: 'activation', layer: c.name });
    for (const c of this.probe.convs) keys.push({ key: `gradcam:${c.name}`, method: 'gradcam', layer: c.name });
    keys.push({ key: 'saliency', method: 'saliency', layer: null });
    this.mapKeys = keys;
    const fw = F * W;
    this.xb = xin.subarray(0, capacity * fw);
    this.dLogits = new Float32Array(capacity * 2);
    this.score = new Float32Array(capacity);
    this.maps = keys.map(() => new Float32Array(capacity * fw));
    this.grid = new Float32Array(Math.max(...this.probe.convs.map((c) => c.H * c.Wd)));
  }

  run(x: Float32Array, n: number, sink: MapSink): void {
    const { F, W, cap, xb, dLogits, score, maps, grid, probe, net } = this;
    const fw = F * W;
    const convs = probe.convs;
    const L = convs.length;
    for (let start = 0; start < n; start += cap) {
      const B = Math.min(cap, n - start);
      xb.set(x.subarray(start * fw, (start + B) * fw));
      const logits = net.forward(xb, B, false);
      for (let b = 0; b < B; b++) score[b] = 1 / (1 + Math.exp(-(logits[2 * b + 1]! - logits[2 * b]!)));
      // (a) activation maps
      convs.forEach((c, li) => {
        const hw = c.H * c.Wd;
        for (let b = 0; b < B; b++) {
          const base = b * hw * c.C;
          for (let p = 0; p < hw; p++) {
            let s = 0;
            const o = base + p * c.C;
            for (let ch = 0; ch < c.C; ch++) s += c.out[o + ch]!;
            grid[p] = s / c.C;
          }
          upsampleToInput(grid, 0, c.H, c.Wd, c.pooled, maps[li]!, b * fw, F, W);
        }
      });
      // (b) Grad-CAM and (c) saliency from one backward of s = logit₁ − logit₀
      for (let b = 0; b < B; b++) {
        dLogits[2 * b] = -1;
        dLogits[2 * b + 1] = 1;
      }
      net.backward(xb, dLogits, B);
      const alpha = new Float64Array(Math.max(...convs.map((c) => c.C)));
      convs.forEach((c, li) => {
        const hw = c.H * c.Wd;
        const g = c.grad();
        for (let b = 0; b < B; b++) {
          const base = b * hw * c.C;
          alpha.fill(0);
          for (let p = 0; p < hw; p++) for (let ch = 0; ch < c.C; ch++) alpha[ch]! += g[base + p * c.C + ch]!;
          for (let ch = 0; ch < c.C; ch++) alpha[ch]! /= hw;
          for (let p = 0; p < hw; p++) {
            let s = 0;
            const o = base + p * c.C;
            for (let ch = 0; ch < c.C; ch++) s += alpha[ch]! * c.out[o + ch]!;
            grid[p] = s > 0 ? s : 0;
          }
          upsampleToInput(grid, 0, c.H, c.Wd, c.pooled, maps[L + li]!, b * fw, F, W);
        }
      });
      this.inputGradient(B, maps[2 * L]!);
      // ∂p/∂x = p(1 − p)·∂s/∂x
      const sal = maps[2 * L]!;
      for (let b = 0; b < B; b++) {
        const k = score[b]! * (1 - score[b]!);
        for (let j = b * fw; j < (b + 1) * fw; j++) sal[j]! *= k;
      }
      sink(start, B, score.subarray(0, B), maps.map((m) => m.subarray(0, B * fw)));
    }
  }

  /** |dx| [B, F, W] from dz₁ = convs[0].grad() [B, F, W, C] through the first kernel [k, k, 1, C] ('same': pad ⌊(k−1)/2⌋). */
  private inputGradient(B: number, dst: Float32Array): void {
    const { F, W } = this;
    const { k, Cout: C, kernel } = this.probe.inputConv;
    const dz = this.probe.convs[0]!.grad();
    const pad = (k - 1) >> 1;
    for (let b = 0; b < B; b++) {
      const zb = b * F * W * C;
      for (let f = 0; f < F; f++) {
        for (let t = 0; t < W; t++) {
          let s = 0;
          for (let i = 0; i < k; i++) {
            const h = f - i + pad;
            if (h < 0 || h >= F) continue;
            for (let j = 0; j < k; j++) {
              const w = t - j + pad;
              if (w < 0 || w >= W) continue;
              const zo = zb + (h * W + w) * C;
              const ko = (i * k + j) * C;
              for (let c = 0; c < C; c++) s += dz[zo + c]! * kernel[ko + c]!;
            }
          }
          dst[b * F * W + f * W + t] = Math.abs(s);
        }
      }
    }
  }

  embed(x: Float32Array, n: number): { data: Float32Array; size: number; source: 'penultimate' } {
    const { F, W, cap, xb, net } = this;
    const fw = F * W;
    const size = this.probe.penultimate.size;
    const out = new Float32Array(n * size);
    for (let start = 0; start < n; start += cap) {
      const B = Math.min(cap, n - start);
      xb.set(x.subarray(start * fw, (start + B) * fw));
      net.forward(xb, B, false);
      out.set(this.probe.penultimate.out.subarray(0, B * size), start * size);
    }
    return { data: out, size, source: 'penultimate' };
  }
}
