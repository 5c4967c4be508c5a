import type { FoldMetrics, RobustnessCurve, RobustnessKind, RobustnessMetric, RobustnessOption, RobustnessPoint } from '../../../shared/domain/models';
import { ROBUSTNESS_KINDS, ROBUSTNESS_METRICS } from '../../../shared/domain/models';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { mulberry32, shuffleInPlace, streamSeed, type Rng } from '../windows/prng';
import { meanStd } from './metrics';

/**
 * Robustness perturbations (METHODS.md §6.1: "distribution shift, reduced resources, injected
 * noise"; issue #5 item 5), as pure functions of the windows and index sets. Each robustness level
 * is an extra comparison task on the same index sets as the plain comparison; only what the level
 * names changes. Windows are [n, F, W] float32, feature-major inside a window.
 */

/** What a worker applies to its copy of the windows before running the fold. */
export interface Perturbation {
  kind: 'noise' | 'label-noise';
  level: number;
}

/** Seed of fold k's perturbation stream. Independent of the level, so levels nest (common random numbers). */
function perturbSeed(seed: number, kind: Perturbation['kind'], fold: number): number {
  return streamSeed(seed, (kind === 'noise' ? 300 : 400) + fold);
}

/** Per feature, max − min over the windows `idx` of raw `x` ([n, F, W]); [F]. */
export function featureRanges(x: Float32Array, F: number, W: number, idx: ArrayLike<number>): Float64Array {
  const lo = new Float64Array(F).fill(Infinity);
  const hi = new Float64Array(F).fill(-Infinity);
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] as number) * F * W;
    for (let f = 0; f < F; f++) {
      for (let t = 0; t < W; t++) {
        const v = x[base + f * W + t] as number;
        if (v < (lo[f] as number)) lo[f] = v;
        if (v > (hi[f] as number)) hi[f] = v;
      }
    }
  }
  return Float64Array.from(lo, (l, f) => (Number.isFinite(l) ? (hi[f] as number) - l : 0));
}

/** Standard normal draws (Box–Muller on the protocol's PRNG). */
export function gaussian(rng: Rng): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rng(); // (0, 1]: log(u) finite
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * A copy of `x` where every value of the windows `idx` gets Gaussian noise of sd = level × range[f]
 * (the feature's training range, so 40 % noise means the same thing for every counter).
 * Constant features (range 0) stay unchanged. Windows are drawn in `idx` order.
 */
export function addFeatureNoise(x: Float32Array, F: number, W: number, idx: ArrayLike<number>, ranges: ArrayLike<number>, level: number, seed: number): Float32Array {
  const out = Float32Array.from(x);
  if (level === 0) return out;
  const g = gaussian(mulberry32(seed));
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] as number) * F * W;
    for (let f = 0; f < F; f++) {
      const sd = level * (ranges[f] as number);
      for (let t = 0; t < W; t++) {
        const z = g();
        out[base + f * W + t] = (out[base + f * W + t] as number) + sd * z;
      }
    }
  }
  return out;
}

/**
 * A copy of `y` with round(share × |idx|) of the labels at `idx` flipped (0 ↔ 1): evaluation
 * label noise. The flipped windows are a seeded permutation's prefix, so a higher share flips a
 * superset of a lower one.
 */
export function flipLabels(y: Uint8Array, idx: ArrayLike<number>, share: number, seed: number): Uint8Array {
  const out = Uint8Array.from(y);
  const order = Array.from(idx as ArrayLike<number>);
  shuffleInPlace(order, mulberry32(seed));
  const k = Math.round(share * order.length);
  for (let j = 0; j < k; j++) {
    const w = order[j] as number;
    out[w] = out[w] ? 0 : 1;
  }
  return out;
}

/**
 * Distribution shift: windows ordered by end time; test = the last ceil(testShare·M); train = the
 * first floor(trainShare·M), minus the W windows before the test block (the purge gap of the
 * blocked folds, PROTOCOL.md §4), so no training window shares a row with a test window.
 */
export function shiftSplit(endMs: ArrayLike<number>, trainShare: number, testShare: number, W: number): { train: Int32Array; test: Int32Array } {
  const M = endMs.length;
  if (!(trainShare > 0 && testShare > 0 && trainShare + testShare <= 1 + 1e-9)) {
    throw new VigilError('INVALID_SETTINGS', `shift: train share ${trainShare} + test share ${testShare} must be in (0, 1]`, { where: { field: 'robustness' } });
  }
  const order = Array.from({ length: M }, (_, i) => i).sort((a, b) => (endMs[a] as number) - (endMs[b] as number) || a - b);
  const testStart = M - Math.ceil(testShare * M);
  const trainEnd = Math.min(Math.floor(trainShare * M), testStart - W);
  if (trainEnd <= 0) throw new VigilError('INVALID_SETTINGS', `shift ${trainShare}: no training window is left before the purge gap (${M} windows)`, { where: { field: 'robustness' }, hint: 'Use a larger training share or more data.' });
  const train = Int32Array.from(order.slice(0, trainEnd)).sort();
  const test = Int32Array.from(order.slice(testStart)).sort();
  return { train, test };
}

/** Reduced training data: the last (or first) ceil(fraction · |train|) of the ascending indices, at least one. */
export function reduceTraining(train: Int32Array, fraction: number, keep: 'last' | 'first'): Int32Array {
  const k = Math.max(1, Math.min(train.length, Math.ceil(fraction * train.length - 1e-9)));
  return keep === 'last' ? train.slice(train.length - k) : train.slice(0, k);
}

/**
 * The windows a worker trains and scores for a perturbed task: a copy with the test windows'
 * features noised (ranges from the fold's training windows before sampling, as scaling uses) or
 * the test labels flipped. The shared original is never written. Flipped labels change the
 * window-level metrics only: event recall counts the outages themselves (`outageIndex`, the
 * health-check facts), which label noise does not move.
 */
export function perturbWindows(ws: WindowSet, run: { fold: number; seed: number; trainBeforeSampling: Int32Array; test: Int32Array }, p: Perturbation): WindowSet {
  const seed = perturbSeed(run.seed, p.kind, run.fold);
  if (p.kind === 'noise') {
    const ranges = featureRanges(ws.x, ws.F, ws.W, run.trainBeforeSampling);
    return { ...ws, x: addFeatureNoise(ws.x, ws.F, ws.W, run.test, ranges, p.level, seed) };
  }
  return { ...ws, y: flipLabels(ws.y, run.test, p.level, seed) };
}

/** True when the level leaves the task identical to the plain comparison's (its result is reused). */
export function isIdentityLevel(kind: RobustnessKind, level: number): boolean {
  return ((kind === 'noise' || kind === 'label-noise') && level === 0) || ((kind === 'reduced' || kind === 'reduced-first') && level === 1);
}

/** `noise:0,0.1,0.2` → { kind: 'noise', levels: [0, 0.1, 0.2] }; bad input → VigilError naming the part. */
export function parseRobustness(spec: string): RobustnessOption {
  const [kindRaw = '', levelsRaw, ...rest] = spec.trim().split(':');
  const kind = kindRaw.trim();
  if (!(ROBUSTNESS_KINDS as readonly string[]).includes(kind)) {
    throw new VigilError('INVALID_SETTINGS', `robustness "${spec}": unknown kind "${kind}"; valid: ${ROBUSTNESS_KINDS.join(', ')}`, { where: { field: 'robustness' }, hint: 'Write kind:level,level,… e.g. noise:0,0.1,0.2,0.3,0.4' });
  }
  if (levelsRaw === undefined || rest.length > 0 || levelsRaw.trim() === '') {
    throw new VigilError('INVALID_SETTINGS', `robustness "${spec}": write ${kind}:level,level,… (levels are shares in [0, 1])`, { where: { field: 'robustness' } });
  }
  const levels = levelsRaw.split(',').map((s) => {
    const t = s.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v) || v < 0 || v > 1) throw new VigilError('INVALID_SETTINGS', `robustness "${spec}": level "${t}" is not a share in [0, 1]`, { where: { field: 'robustness' } });
    return v;
  });
  return validateRobustness({ kind: kind as RobustnessKind, levels });
}

/** Levels sorted and distinct; per kind, the levels that make sense. */
export function validateRobustness(o: RobustnessOption): RobustnessOption {
  const levels = [...new Set(o.levels)].sort((a, b) => a - b);
  if (levels.length === 0) throw new VigilError('INVALID_SETTINGS', `robustness ${o.kind}: no level given`, { where: { field: 'robustness' } });
  const bad = (why: string) => new VigilError('INVALID_SETTINGS', `robustness ${o.kind}: ${why}`, { where: { field: 'robustness' } });
  if (levels.some((l) => !Number.isFinite(l) || l < 0 || l > 1)) throw bad('every level must be a share in [0, 1]');
  if ((o.kind === 'reduced' || o.kind === 'reduced-first') && levels[0] === 0) throw bad('a training share of 0 leaves nothing to train on');
  if (o.kind === 'shift' && levels.some((l) => l === 0 || l > 0.8)) throw bad('training shares must be in (0, 0.8]: the last 20 % of time is the test block');
  if (o.kind === 'label-noise' && levels.some((l) => l > 0.5)) throw bad('flipping more than half of the labels inverts them; use levels ≤ 0.5');
  return { kind: o.kind, levels };
}

/** One finished robustness task, as stored. */
export interface RobustnessFold {
  model: string;
  kind: RobustnessKind;
  setting: string;
  level: number;
  metrics: FoldMetrics;
}

/** Curves (per kind: per model, per level, mean ± std over folds) from the finished tasks. */
export function summarizeRobustness(options: readonly RobustnessOption[], models: readonly string[], setting: string, folds: readonly RobustnessFold[]): RobustnessCurve[] {
  return options.map((o) => ({
    kind: o.kind,
    setting,
    levels: [...o.levels],
    models: models.map((model) => ({
      model,
      points: o.levels.map((level): RobustnessPoint => {
        const mine = folds.filter((f) => f.kind === o.kind && f.model === model && f.level === level && f.setting === setting);
        const metrics = Object.fromEntries(
          ROBUSTNESS_METRICS.map((m) => {
            const vals = mine.map((f) => f.metrics[m]).filter((v): v is number => v !== null && Number.isFinite(v));
            const s = meanStd(vals);
            return [m, { mean: s.mean, std: s.std, folds: vals.length }];
          }),
        ) as Record<RobustnessMetric, RobustnessPoint['metrics'][RobustnessMetric]>;
        return { level, folds: mine.length, metrics };
      }),
    })),
  }));
}
