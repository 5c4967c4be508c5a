/**
 * Explanations of why a window looked anomalous (METHODS.md §7): heatmaps over a window's
 * counters × time grid [F, W], attention maps (counter × counter adjacency A [F, F], temporal
 * weights α [W]), maps averaged over normal vs anomalous windows, and a 2-D embedding scatter.
 * Plain JSON-safe data: the engine computes it in a worker, the Explain area and the report draw it.
 */

/**
 * What a map shows:
 * - `activation`: channel-mean of a conv layer's ReLU activations, up-sampled to [F, W] (cnn, contrastive);
 * - `gradcam`: Grad-CAM for the anomaly class, ReLU(Σ_c mean(∂s/∂A_c)·A_c) with s = logit₁ − logit₀ (the
 *   anomaly log-odds, p = σ(s)), up-sampled (cnn, contrastive);
 * - `saliency`: input-gradient |∂p/∂x| of the anomaly probability (every supervised model);
 * - `occlusion`: score increase/decrease when a cell is replaced by the training mean (unsupervised);
 * - `adjacency`: counter-to-counter attention A [F, F] (metric-graph);
 * - `temporal`: temporal attention α_t [1, W] (temporal-prototype).
 */
export const EXPLAIN_METHODS = ['activation', 'gradcam', 'saliency', 'occlusion', 'adjacency', 'temporal'] as const;
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

/** The grid a map lives on. */
export type MapGrid = 'counter-time' | 'counter-counter' | 'time';

export interface HeatMap {
  method: ExplainMethod;
  /** Layer the map comes from (`conv1`, `conv2`) for per-layer maps; null otherwise. */
  layer: string | null;
  grid: MapGrid;
  /** counter-time: rows = F, cols = W; counter-counter: F × F; time: 1 × W. */
  rows: number;
  cols: number;
  /** [rows·cols] row-major, finite, ≥ 0 (signed maps are shown as magnitudes). */
  values: number[];
  /** counter-time maps: [F] per-counter importance = Σ over time (HitRate ranks by it); else []. */
  counterImportance: number[];
  /** Averaged maps: how many windows this map averages (occlusion: a sample; attention: all). */
  windows?: number;
}

/** A window chosen for explanation, identified inside a stored run's rebuilt windows. */
export interface ExplainWindowRef {
  /** Index into the run's window set (the order `load-windows` rebuilds). */
  windowIndex: number;
  object: string;
  /** Epoch ms of the window's last row. */
  endMs: number;
}

/** One window explained by one model of one fold (`explain:window`). */
export interface WindowExplanation {
  runId: string;
  model: string;
  /** `split/sampling`, as stored (e.g. `blocked/full`). */
  setting: string;
  /** The fold whose model is used (the fold that had this window in its test set when it had one). */
  fold: number;
  window: ExplainWindowRef;
  /** 0 normal, 1 anomalous (the run's label). */
  label: number;
  /** The model's score of the window (supervised: anomaly probability) and its threshold. */
  score: number;
  threshold: number | null;
  /** Named score parts of unsupervised detectors (METHODS.md §6.3), {} otherwise. */
  scoreParts: Record<string, number>;
  counters: string[];
  /** [W] epoch ms of each column. */
  times: number[];
  /** [F·W] raw counter values, row-major (counter-major, like the window tensor). */
  raw: number[];
  /** [F·W] the min–max scaled values the model saw. */
  scaled: number[];
  maps: HeatMap[];
  /** Wall time of the computation, ms (model load included). */
  elapsedMs: number;
}

/**
 * Maps averaged over the normal and the anomalous windows of a run (job kind `explain`). `count` is
 * the number of windows the counter-time maps average; for unsupervised detectors occlusion uses
 * a stratified subsample (≤ 100 windows per class and fold) while attention maps cover every window
 * — each map's `windows` says which.
 */
export interface AveragedMaps {
  runId: string;
  model: string;
  setting: string;
  /** Folds whose models were used (each on its own test windows). */
  folds: number[];
  counters: string[];
  W: number;
  normal: { count: number; maps: HeatMap[] };
  anomalous: { count: number; maps: HeatMap[] };
  elapsedMs: number;
  createdAtMs: number;
}

/** The most windows any map of each class averages: above the counts when attention maps cover all and occlusion a sample. */
export function averagedWindows(a: Pick<AveragedMaps, 'normal' | 'anomalous'>): { normal: number; anomalous: number; sampled: boolean } {
  const most = (c: AveragedMaps['normal']) => Math.max(c.count, ...c.maps.map((m) => m.windows ?? 0));
  const [normal, anomalous] = [most(a.normal), most(a.anomalous)];
  return { normal, anomalous, sampled: normal > a.normal.count || anomalous > a.anomalous.count };
}

/**
 * "300 normal / 17 anomalous windows" — and, when attention maps average more windows than the
 * occlusion sample (unsupervised detectors), "(occlusion sample); attention maps 9800 / 17".
 */
export function describeAveraged(a: Pick<AveragedMaps, 'normal' | 'anomalous'>): string {
  const w = averagedWindows(a);
  const base = `${a.normal.count} normal / ${a.anomalous.count} anomalous windows`;
  return w.sampled ? `${base} (occlusion sample); attention maps ${w.normal} / ${w.anomalous}` : base;
}

/** PCA 2-D projection of window representations (`explain:embedding`). */
export interface EmbeddingScatter {
  runId: string;
  model: string;
  setting: string;
  fold: number;
  /** `penultimate`: the supervised network's last hidden layer; `embed`: an unsupervised detector's `embed()`. */
  source: 'penultimate' | 'embed';
  /** [m] coordinates of each point on the two principal components. */
  x: number[];
  y: number[];
  /** [m] 0/1 label and the window index of each point. */
  label: number[];
  windowIndex: number[];
  /** Share of the variance on each of the two components. */
  explainedVariance: [number, number];
}

/** Why a window is worth explaining (`explain:windows`). */
export type CandidateKind = 'outage' | 'fp' | 'fn' | 'tp';

export interface ExplainCandidate {
  kind: CandidateKind;
  windowIndex: number;
  object: string;
  endMs: number;
  label: number;
  score: number;
  fold: number;
  /** Index of the outage an anomalous window precedes, -1 otherwise. */
  outageIndex: number;
}

/** HitRate@P% of one explanation method (OmniAnomaly's definition; `vigil explain --hitrate`, bench). */
export interface HitRateRow {
  method: string;
  /** Anomalous windows with ground-truth counters that were scored. */
  windows: number;
  hitRate100: number;
  hitRate150: number;
}
