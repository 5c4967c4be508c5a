/**
 * The bookkeeping every fitted detector reports (types.ts FittedDetector: shape, size, training
 * summary, threshold), set once from the network and the fit — the detectors add score / embed.
 */

/** What a fit (or a saved model's metadata) says about the training run. */
export interface FitSummary {
  lossHistory: number[];
  trainSeconds: number;
  stopped: boolean;
  threshold: number;
}

export abstract class FittedBase {
  readonly lossHistory: number[];
  readonly trainSeconds: number;
  readonly stopped: boolean;
  readonly threshold: number;

  constructor(
    readonly F: number,
    readonly W: number,
    readonly paramCount: number,
    readonly embeddingSize: number,
    fit: FitSummary,
  ) {
    this.lossHistory = fit.lossHistory;
    this.trainSeconds = fit.trainSeconds;
    this.stopped = fit.stopped;
    this.threshold = fit.threshold;
  }
}
