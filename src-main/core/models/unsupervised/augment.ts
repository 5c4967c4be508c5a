/**
 * MVAS augmentations (METHODS.md §6.1) on raw windows in the WindowSet layout [n, F, W]
 * (feature-major, already min–max scaled), and CSCD's multi-scale views. Every function draws
 * from the caller's seeded `Rng` (engine/rng.ts), so views are reproducible from the run seed.
 *
 * - jitter / sliding perturbation: Gaussian noise σ plus a shift of the whole window by up to
 *   `maxShift` steps (edge value repeated) — the same pattern seen slightly earlier or later;
 * - frequency-domain transform: DFT over the time axis of each counter, amplitudes scaled by
 *   (1 + σ_a·N(0,1)) and phases shifted by σ_p·N(0,1) on the non-DC bins (Hermitian symmetry kept
 *   so the inverse is real), inverse DFT — W is small (4 … a few dozen), so the O(W²) DFT is cheap;
 * - local masking: a contiguous span of ⌈fraction·W⌉ steps set to 0 (the scaled minimum) on each
 *   counter with probability ½ (at least one counter);
 * - index (position) replacement: ⌈fraction·W⌉ time positions take the values (all counters) of
 *   another random position of the same window.
 *
 * Multi-scale views (CSCD): `downsample` averages non-overlapping groups of `factor` steps,
 * [n, F, W] → [n, F, ⌈W/factor⌉] (the last group may be shorter). The shared encoder
 * (encoder.ts) uses "same"-padded stride-1 convolutions and pools over time, so its weights do not
 * depend on the view length: the 4-step demo window becomes 2 steps at 2× and 1 step at 4×.
 */
import type { Rng } from '../../engine/rng.js';

export interface MvasAugmentConfig {
  jitter: boolean;
  jitterSigma: number;
  maxShift: number;
  frequency: boolean;
  freqAmpSigma: number;
  freqPhaseSigma: number;
  mask: boolean;
  maskFraction: number;
  indexReplace: boolean;
  replaceFraction: number;
}

export type AugmentationName = 'jitter' | 'frequency' | 'mask' | 'indexReplace';

export function enabledAugmentations(cfg: MvasAugmentConfig): AugmentationName[] {
  const out: AugmentationName[] = [];
  if (cfg.jitter) out.push('jitter');
  if (cfg.frequency) out.push('frequency');
  if (cfg.mask) out.push('mask');
  if (cfg.indexReplace) out.push('indexReplace');
  return out;
}

/** Jitter + sliding shift of one window `w` ([F, W], in place). */
export function jitterWindow(w: Float32Array, F: number, W: number, sigma: number, maxShift: number, rng: Rng): void {
  const shift = maxShift > 0 ? rng.int(2 * maxShift + 1) - maxShift : 0;
  if (shift !== 0) {
    const row = new Float32Array(W);
    for (let f = 0; f < F; f++) {
      const o = f * W;
      for (let t = 0; t < W; t++) row[t] = w[o + Math.min(W - 1, Math.max(0, t - shift))]!;
      w.set(row, o);
    }
  }
  if (sigma > 0) for (let i = 0; i < F * W; i++) w[i]! += sigma * rng.normal();
}

/** Frequency-domain transform of one window ([F, W], in place). */
export function frequencyWindow(w: Float32Array, F: number, W: number, ampSigma: number, phaseSigma: number, rng: Rng): void {
  const re = new Float64Array(W);
  const im = new Float64Array(W);
  const half = Math.floor(W / 2);
  for (let f = 0; f < F; f++) {
    const o = f * W;
    for (let k = 0; k < W; k++) {
      let r = 0;
      let i = 0;
      for (let t = 0; t < W; t++) {
        const a = (-2 * Math.PI * k * t) / W;
        r += w[o + t]! * Math.cos(a);
        i += w[o + t]! * Math.sin(a);
      }
      re[k] = r;
      im[k] = i;
    }
    // perturb bins 1..⌊W/2⌋ and mirror onto W−k; the Nyquist bin (W even) stays real
    for (let k = 1; k <= half; k++) {
      const amp = Math.hypot(re[k]!, im[k]!) * Math.max(0, 1 + ampSigma * rng.normal());
      const nyquist = W % 2 === 0 && k === half;
      const ph = Math.atan2(im[k]!, re[k]!) + (nyquist ? 0 : phaseSigma * rng.normal());
      re[k] = amp * Math.cos(ph);
      im[k] = nyquist ? 0 : amp * Math.sin(ph);
      if (k !== W - k) {
        re[W - k] = re[k]!;
        im[W - k] = -im[k]!;
      }
    }
    for (let t = 0; t < W; t++) {
      let s = 0;
      for (let k = 0; k < W; k++) {
        const a = (2 * Math.PI * k * t) / W;
        s += re[k]! * Math.cos(a) - im[k]! * Math.sin(a);
      }
      w[o + t] = s / W;
    }
  }
}

/** Local masking of one window ([F, W], in place). */
export function maskWindow(w: Float32Array, F: number, W: number, fraction: number, rng: Rng): void {
  const span = Math.min(W, Math.max(1, Math.ceil(fraction * W)));
  const start = rng.int(W - span + 1);
  const forced = rng.int(F);
  for (let f = 0; f < F; f++) {
    if (f !== forced && rng.next() >= 0.5) continue;
    for (let t = start; t < start + span; t++) w[f * W + t] = 0;
  }
}

/** Index (position) replacement of one window ([F, W], in place). */
export function indexReplaceWindow(w: Float32Array, F: number, W: number, fraction: number, rng: Rng): void {
  if (W < 2) return;
  const count = Math.min(W, Math.max(1, Math.ceil(fraction * W)));
  const src = Float32Array.from(w.subarray(0, F * W));
  for (let c = 0; c < count; c++) {
    const t = rng.int(W);
    let s = rng.int(W - 1);
    if (s >= t) s++;
    for (let f = 0; f < F; f++) w[f * W + t] = src[f * W + s]!;
  }
}

/**
 * One MVAS view of the windows `idx` of `x` into `out` ([idx.length, F, W]): each window gets one
 * augmentation drawn uniformly from the enabled set (identity copy when none is enabled).
 */
export function mvasView(x: Float32Array, idx: ArrayLike<number>, F: number, W: number, cfg: MvasAugmentConfig, rng: Rng, out: Float32Array): void {
  const fw = F * W;
  const set = enabledAugmentations(cfg);
  for (let b = 0; b < idx.length; b++) {
    const w = out.subarray(b * fw, (b + 1) * fw);
    w.set(x.subarray(idx[b]! * fw, (idx[b]! + 1) * fw));
    if (set.length === 0) continue;
    switch (set[rng.int(set.length)]!) {
      case 'jitter':
        jitterWindow(w, F, W, cfg.jitterSigma, cfg.maxShift, rng);
        break;
      case 'frequency':
        frequencyWindow(w, F, W, cfg.freqAmpSigma, cfg.freqPhaseSigma, rng);
        break;
      case 'mask':
        maskWindow(w, F, W, cfg.maskFraction, rng);
        break;
      case 'indexReplace':
        indexReplaceWindow(w, F, W, cfg.replaceFraction, rng);
        break;
    }
  }
}

/** Length of a window down-sampled by `factor`. */
export function downsampledLength(W: number, factor: number): number {
  return Math.ceil(W / Math.max(1, factor));
}

/** CSCD scale view: mean of non-overlapping groups of `factor` steps, [n, F, W] → [n, F, ⌈W/factor⌉]. */
export function downsample(x: Float32Array, n: number, F: number, W: number, factor: number): Float32Array {
  const Wd = downsampledLength(W, factor);
  const out = new Float32Array(n * F * Wd);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      const src = (i * F + f) * W;
      const dst = (i * F + f) * Wd;
      for (let g = 0; g < Wd; g++) {
        const a = g * factor;
        const e = Math.min(W, a + factor);
        let s = 0;
        for (let t = a; t < e; t++) s += x[src + t]!;
        out[dst + g] = s / (e - a);
      }
    }
  }
  return out;
}

/** Copies windows `idx` of x ([n, F, W]) into a contiguous [idx.length, F, W] array. */
export function gatherBatch(x: Float32Array, idx: ArrayLike<number>, fw: number, out?: Float32Array): Float32Array {
  const o = out ?? new Float32Array(idx.length * fw);
  for (let b = 0; b < idx.length; b++) o.set(x.subarray(idx[b]! * fw, (idx[b]! + 1) * fw), b * fw);
  return o;
}

/**
 * A light perturbation of windows `idx` (metric-graph views, temporal-prototype's second view,
 * METHODS.md §6.2–6.3): Gaussian jitter σ on every value, then the whole window scaled by one
 * factor drawn from [1 − s, 1 + s]. Returns [idx.length, F, W].
 */
export function jitterScaleView(x: Float32Array, idx: ArrayLike<number>, F: number, W: number, sigma: number, scaling: number, rng: Rng): Float32Array {
  const fw = F * W;
  const out = gatherBatch(x, idx, fw);
  for (let b = 0; b < idx.length; b++) {
    const w = out.subarray(b * fw, (b + 1) * fw);
    jitterWindow(w, F, W, sigma, 0, rng);
    const k = 1 + scaling * (2 * rng.next() - 1);
    for (let i = 0; i < fw; i++) w[i]! *= k;
  }
  return out;
}
