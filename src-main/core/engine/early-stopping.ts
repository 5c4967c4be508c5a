/**
 * Early stopping on a held-out validation split (issue #4: at batch 256 × 10 epochs the models get
 * only ~40–100 optimiser steps; with a validation split `epochs` becomes a ceiling and training
 * stops when the validation loss stops improving). Off by default (`validationFraction: 0`): the
 * PyTorch anchor (PROTOCOL.md §6 "no early stopping, no validation") and the bench keep it off.
 *
 * The split is taken from the fold's training windows only (never the test fold), stratified by
 * label so that a rare anomaly class is represented in both parts, and seeded from the model's
 * seed through its own stream (the model's Rng draws stay those of a run without validation).
 */
import { VigilError } from '../../../shared/errors.js';
import type { Param } from './layers.js';
import { mulberry32, streamSeed } from './rng.js';

export interface EarlyStoppingSettings {
  /** Fraction of the training windows held out per class, in [0, 0.5]; 0 = off. */
  validationFraction: number;
  /** Epochs without a validation-loss improvement (> minDelta) before stopping; ≥ 1. */
  patience: number;
  /** Smallest decrease of the validation loss that counts as an improvement. */
  minDelta: number;
}

/** Reads and checks the settings from a resolved model config (fields absent → off). */
export function earlyStoppingSettings(cfg: object): EarlyStoppingSettings | null {
  const c = cfg as Partial<Record<keyof EarlyStoppingSettings, number>>;
  const fraction = c.validationFraction ?? 0;
  if (!(fraction >= 0 && fraction <= 0.5)) {
    throw new VigilError('INVALID_SETTINGS', `validationFraction must be between 0 and 0.5, got ${fraction}`, { where: { field: 'validationFraction' } });
  }
  if (fraction === 0) return null;
  const patience = c.patience ?? 5;
  if (!(Number.isInteger(patience) && patience >= 1)) {
    throw new VigilError('INVALID_SETTINGS', `patience must be a whole number ≥ 1, got ${patience}`, { where: { field: 'patience' } });
  }
  const minDelta = c.minDelta ?? 0;
  if (!(minDelta >= 0)) throw new VigilError('INVALID_SETTINGS', `minDelta must be ≥ 0, got ${minDelta}`, { where: { field: 'minDelta' } });
  return { validationFraction: fraction, patience, minDelta };
}

/**
 * Stratified hold-out of training windows 0..n−1: per class, round(fraction · count) windows go
 * to validation (at least 1 when the class has ≥ 2 windows, so each class keeps ≥ 1 for
 * training). Both index lists are sorted ascending (training order is set by the epoch shuffle).
 */
export function stratifiedHoldout(y: ArrayLike<number>, n: number, fraction: number, seed: number): { train: Int32Array; val: Int32Array } {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = y[i] ?? 0;
    let l = byClass.get(c);
    if (!l) byClass.set(c, (l = []));
    l.push(i);
  }
  const u = mulberry32(streamSeed(seed, VALIDATION_STREAM));
  const isVal = new Uint8Array(n);
  let nVal = 0;
  for (const idx of byClass.values()) {
    // Fisher–Yates, then the first k of the class are held out
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    const k = idx.length >= 2 ? Math.min(idx.length - 1, Math.max(1, Math.round(fraction * idx.length))) : 0;
    for (let q = 0; q < k; q++) isVal[idx[q]!] = 1;
    nVal += k;
  }
  if (nVal === 0 || nVal === n) {
    throw new VigilError('INVALID_SETTINGS', `validationFraction ${fraction} leaves no ${nVal === 0 ? 'validation' : 'training'} window out of ${n}`, { where: { field: 'validationFraction' } });
  }
  const train = new Int32Array(n - nVal);
  const val = new Int32Array(nVal);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) if (isVal[i]) val[b++] = i; else train[a++] = i;
  return { train, val };
}

/** streamSeed tag of the validation split (prng.ts uses 1 and 100 + k). */
const VALIDATION_STREAM = 7001;

/** Tracks the best validation loss and keeps a copy of the weights that achieved it. */
export class EarlyStopper {
  readonly history: number[] = [];
  bestLoss = Infinity;
  /** 1-based epoch of the best validation loss (0 before the first). */
  bestEpoch = 0;
  private sinceBest = 0;
  private readonly snapshot: Float32Array[];

  constructor(private readonly params: Param[], private readonly s: EarlyStoppingSettings) {
    this.snapshot = params.map((p) => new Float32Array(p.w.length));
  }

  /** Records epoch `epoch` (1-based); true when training should stop now. */
  observe(valLoss: number, epoch: number): boolean {
    this.history.push(valLoss);
    if (valLoss < this.bestLoss - this.s.minDelta || (this.bestEpoch === 0 && Number.isFinite(valLoss))) {
      this.bestLoss = valLoss;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
      this.params.forEach((p, i) => this.snapshot[i]!.set(p.w));
      return false;
    }
    this.sinceBest++;
    return this.sinceBest >= this.s.patience;
  }

  /** Puts the best epoch's weights back (no-op before any epoch was observed). */
  restoreBest(): void {
    if (this.bestEpoch === 0) return;
    this.params.forEach((p, i) => p.w.set(this.snapshot[i]!));
  }
}
