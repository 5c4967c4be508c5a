import { SUPERVISED_MODELS, UNSUPERVISED_MODELS, type DeployedModelResult } from '../../shared/domain/models';
import type { RunSummary } from '../../shared/ipc/contract';
import type { JobState } from '../../shared/domain/jobs';

/**
 * The Training area's "deploy a detector" settings → the `train` job's params, and the train /
 * score runs read back from `runs:list` (the job-handlers.ts TrainParams / ScoreParams contract).
 */

/** Models that can be trained for scoring: the supervised ones and the unsupervised detectors (baselines only compare). */
export const DEPLOY_MODELS = [...SUPERVISED_MODELS, ...UNSUPERVISED_MODELS] as const;
export type DeployModel = (typeof DEPLOY_MODELS)[number];

export interface DeployFormState {
  model: DeployModel;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Supervised models only: train on a balanced sample (the paper's setting). */
  negativeSampling: boolean;
  /** Window length W in rows. */
  window: number;
  /** Alerts per day the threshold may raise on the training windows, as typed; '' = the model's own rule (p ≥ 0.5). */
  alertBudget: string;
}

export const DEFAULT_DEPLOY: DeployFormState = { model: 'cnn', epochs: 20, batchSize: 32, seed: 0, negativeSampling: true, window: 4, alertBudget: '' };

export function isSupervised(m: DeployModel): boolean {
  return (SUPERVISED_MODELS as readonly string[]).includes(m);
}

const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** The alert budget as typed → a number ≥ 0, null for '' (default rule), undefined when invalid. */
export function parseAlertBudget(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 && v <= 1e6 ? v : undefined;
}

/** `train` job params, or null while a field is out of range (the ranges of job-handlers.ts TrainParams). */
export function trainParams(f: DeployFormState): Record<string, unknown> | null {
  const budget = parseAlertBudget(f.alertBudget);
  if (budget === undefined || !intIn(f.epochs, 1, 1000) || !intIn(f.batchSize, 1, 4096) || !intIn(f.seed, 0, 2 ** 31) || !intIn(f.window, 1, 1000)) return null;
  return {
    model: f.model,
    epochs: f.epochs,
    batchSize: f.batchSize,
    seed: f.seed,
    // unsupervised detectors never read labels, so sampling does not apply to them
    negativeSampling: isSupervised(f.model) && f.negativeSampling,
    window: f.window,
    ...(budget !== null ? { alertsPerDay: budget } : {}),
  };
}

/** A model trained for scoring, with its most recent scoring of the workspace. */
export interface DeployedModel {
  runId: string;
  model: string;
  createdAtMs: number;
  state: JobState;
  epochs: number | null;
  labelSetId: string | null;
  labelVersion: number | null;
  /** Present once training succeeded. */
  result: DeployedModelResult | null;
  lastScore: ScoreOutcome | null;
}

export interface ScoreOutcome {
  runId: string;
  createdAtMs: number;
  state: JobState;
  windows: number;
  flagged: number;
  spans: number;
  /** The label set of the model's flags. */
  labelSetId: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null);

function resultOf(v: unknown): DeployedModelResult | null {
  const r = obj(v);
  const rule = obj(r?.['thresholdRule']);
  if (!r || num(r['threshold']) === null || !rule) return null;
  return r as unknown as DeployedModelResult;
}

function scoreOutcome(r: RunSummary): ScoreOutcome | null {
  const res = obj(r.settings['result']);
  if (!res || typeof res['labelSetId'] !== 'string') return null;
  return { runId: r.id, createdAtMs: r.createdAtMs, state: r.state, windows: num(res['windows']) ?? 0, flagged: num(res['flagged']) ?? 0, spans: num(res['spans']) ?? 0, labelSetId: res['labelSetId'] };
}

/** Train runs, newest first, each with the newest succeeded score run that used it. */
export function deployedModels(runs: readonly RunSummary[]): DeployedModel[] {
  const newest = [...runs].sort((a, b) => b.createdAtMs - a.createdAtMs);
  return newest
    .filter((r) => r.kind === 'train')
    .map((r) => {
      const score = newest.find((s) => s.kind === 'score' && s.state === 'succeeded' && s.settings['modelRunId'] === r.id);
      return {
        runId: r.id,
        model: typeof r.settings['model'] === 'string' ? r.settings['model'] : '?',
        createdAtMs: r.createdAtMs,
        state: r.state,
        epochs: num(r.settings['epochs']),
        labelSetId: r.labelSetId,
        labelVersion: r.labelVersion,
        result: r.state === 'succeeded' ? resultOf(r.settings['result']) : null,
        lastScore: score ? scoreOutcome(score) : null,
      };
    });
}
