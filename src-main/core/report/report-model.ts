import type { RobustnessCurve } from '../../../shared/domain/models';
import type { Outage } from '../../../shared/domain/outage';
import type { LabelRules } from '../../../shared/domain/labels';
import type { SeriesSummary } from '../../../shared/domain/series';
import type { BackendInfo } from '../../../shared/domain/models';
import type { MetricSummary, SummarizedMetric } from '../eval/metrics';
import type { XYSeries } from './svg-charts';
import type { AveragedMaps } from '../../../shared/domain/explain';

/** Everything a report shows, gathered from the workspace (services/reports) — plain data. */
export interface ReportModel {
  title: string;
  generatedAtMs: number;
  locale: 'en' | 'ko';
  workspace: { path: string };
  series: SeriesSummary[];
  imports: { file: string; kind: string; rows: number; detail: Record<string, unknown> }[];
  labelling: {
    labelSetId: string;
    name: string;
    version: number;
    rules: LabelRules;
    spans: number;
    humanSpans: number;
  } | null;
  outages: Outage[];
  comparison: ReportComparison | null;
  environment: { vigil: string; node: string; platform: string; cpu: string; versions: Record<string, string> };
  /** Stored averaged maps of the reported run (best model first); absent = none computed. */
  explanations?: AveragedMaps[];
  /** Robustness curves of the reported run (METHODS.md §6.1); absent or empty = none planned. */
  robustness?: RobustnessCurve[];
}

export interface ReportComparison {
  runId: string;
  createdAtMs: number;
  seed: number | null;
  dataHash: string | null;
  labelVersion: number | null;
  backend: BackendInfo | null;
  settings: Record<string, unknown>;
  groups: ReportGroup[];
}

export interface ReportGroup {
  split: string;
  sampling: string;
  folds: number;
  foldsWithAnomalies: number;
  rows: { model: string; folds: number; metrics: Record<SummarizedMetric, MetricSummary>; trainWindowsPerSec: number | null }[];
  /** Pooled out-of-fold curves per model. */
  roc: XYSeries[];
  pr: XYSeries[];
}
