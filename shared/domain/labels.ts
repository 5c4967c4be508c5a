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
