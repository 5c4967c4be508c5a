import type { ExplainCandidate } from '../../shared/domain/explain';
import type { RunDetail } from '../../shared/domain/runs';
import type { RunSummary } from '../../shared/ipc/contract';

/**
 * Pure choices of the Explain area's pickers: which runs can be explained, the default setting
 * and model, and stepping through the candidate windows with the keyboard.
 */

/** Finished runs, newest first (only a finished comparison has saved models to explain). */
export function explainableRuns(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((r) => r.state === 'succeeded').sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/** Models with maps come first: a baseline (random, PCA, Isolation Forest) explains nothing. */
const PREFERRED = ['cnn', 'lstm', 'contrastive'];

export function defaultModel(models: readonly string[]): string | null {
  for (const p of PREFERRED) if (models.includes(p)) return p;
  return models[0] ?? null;
}

/** The settings of a run (`blocked/full`…) and the models of one setting. */
export function settingsOf(run: RunDetail | undefined): string[] {
  return (run?.groups ?? []).map((g) => g.setting);
}

export function modelsOf(run: RunDetail | undefined, setting: string | null): string[] {
  return (run?.groups.find((g) => g.setting === setting)?.rows ?? []).map((r) => r.model);
}

/** `j`/`k` (and ↓/↑ handled by the caller): the next or previous candidate, wrapping; the first when none is chosen. */
export function stepCandidate(list: readonly ExplainCandidate[], current: number | null, step: 1 | -1): number | null {
  if (list.length === 0) return null;
  const i = current === null ? -1 : list.findIndex((c) => c.windowIndex === current);
  if (i < 0) return (list[step === 1 ? 0 : list.length - 1] as ExplainCandidate).windowIndex;
  return (list[(i + step + list.length) % list.length] as ExplainCandidate).windowIndex;
}
