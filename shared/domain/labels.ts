import type { EpochMs } from './time';

/** Where a span came from (DESIGN.md §3). */
export type Provenance = 'health-check' | 'human' | 'model';

export interface LabelSpan {
  id: string;
  /** null = every object. */
  object: string | null;
  startMs: EpochMs;
  endMs: EpochMs;
  provenance: Provenance;
  /** For health-check spans: the outage that produced it. */
  outageId?: string;
  note?: string;
}

/** Business-hours filter (METHODS.md §2); minutes after local midnight in `utcOffsetMinutes`. */
export interface BusinessHours {
  startMinute: number;
  endMinute: number;
  weekdaysOnly: boolean;
  utcOffsetMinutes: number;
}

export interface LabelRules {
  /** k of "no 2xx for longer than k × interval". */
  gapFactor: number;
  businessHours: BusinessHours | null;
}

export type LabelEdit =
  | { kind: 'create'; source: Provenance; note?: string }
  | { kind: 'add-span'; span: LabelSpan }
  | { kind: 'remove-span'; spanId: string }
  | { kind: 'undo'; undoneVersion: number }
  | { kind: 'import-csv'; file: string; spans: number }
  /** All spans replaced at once, e.g. re-derived from the outages with another gap factor k. */
  | { kind: 'replace-spans'; note: string; spans: number }
  | { kind: 'set-rules'; rules: LabelRules };

export interface LabelSetVersion {
  labelSetId: string;
  version: number;
  parentVersion: number | null;
  createdAtMs: EpochMs;
  edit: LabelEdit;
  rules: LabelRules;
  spans: LabelSpan[];
}

export interface LabelSetSummary {
  labelSetId: string;
  name: string;
  latestVersion: number;
  spans: number;
  createdAtMs: EpochMs;
  /** Who made the set (its first version's `create` edit): 'model' = a scored model's flags. */
  source: Provenance;
}

/**
 * The label set that training, evaluation, reports and the Labels view use when none is named:
 * the newest one made from health checks or by people. A scored model's flags (`vigil score`)
 * are predictions, never ground truth — defaulting to them would train and grade the next
 * models against an earlier model's output. `sets` oldest first (as `labels:list` returns them).
 */
export function defaultLabelSet<S extends Pick<LabelSetSummary, 'source'>>(sets: readonly S[]): S | undefined {
  for (let i = sets.length - 1; i >= 0; i--) if (sets[i]!.source !== 'model') return sets[i];
  return undefined;
}

/** One row of a label set's history (`labels:versions`), without the spans themselves. */
export interface LabelVersionSummary {
  version: number;
  parentVersion: number | null;
  createdAtMs: EpochMs;
  edit: LabelEdit;
  spans: number;
}

/** Spans in version b that are not in a (added) and in a that are not in b (removed). */
export interface LabelDiff {
  added: LabelSpan[];
  removed: LabelSpan[];
}
