import { BASELINE_MODELS, modelLabel } from '../../shared/domain/models';
import { LOWER_IS_BETTER, RUN_METRICS, type MetricStat, type RunMetric, type RunModelRow } from '../../shared/domain/runs';

/**
 * The Compare area's model table as pure functions: cell text, the best value per column,
 * sorting, and the CSV / Markdown copies. No React here (the e2e spec formats `runs:get` with
 * these to check what the table shows).
 */

/** Columns shown, in order (every summarised metric). */
export const TABLE_METRICS: readonly RunMetric[] = RUN_METRICS;

/** Metric names that are abbreviations kept as is in every language. */
export const METRIC_ABBREVIATION: Partial<Record<RunMetric, string>> = { fpr: 'FPR', f1: 'F1', rocAuc: 'ROC-AUC', prAuc: 'PR-AUC' };

export function isBaseline(model: string): boolean {
  return (BASELINE_MODELS as readonly string[]).includes(model);
}

/** Decimal places per metric: rates and areas 3, counts per day and minutes 1. */
export function digitsOf(metric: RunMetric): number {
  return metric === 'alertsPerDay' || metric === 'meanLeadTimeMin' ? 1 : 3;
}

/** `0.912 ± 0.034`, or `undef` when no fold defines the metric. */
export function formatStat(stat: MetricStat, metric: RunMetric, undef = 'undef'): string {
  if (stat.mean === null) return undef;
  const d = digitsOf(metric);
  return `${stat.mean.toFixed(d)} ± ${(stat.std ?? 0).toFixed(d)}`;
}

/** `3/5` when only some of the folds define the metric; '' when all do. */
export function foldsNote(stat: MetricStat, folds: number): string {
  return stat.folds < folds ? `${stat.folds}/${folds}` : '';
}

/** The model(s) with the best mean per metric (ties all count, unless all tie; undefined means never win). */
export function bestByMetric(rows: readonly RunModelRow[]): Record<RunMetric, Set<string>> {
  const out = {} as Record<RunMetric, Set<string>>;
  for (const m of TABLE_METRICS) {
    const lower = LOWER_IS_BETTER.includes(m);
    // Compared as shown (rounded to the digits of the column), so equal-looking cells win together.
    const shown = (v: number) => Number(v.toFixed(digitsOf(m)));
    let best: number | null = null;
    for (const r of rows) {
      const raw = r.metrics[m].mean;
      const v = raw === null ? null : shown(raw);
      if (v === null || !Number.isFinite(v)) continue;
      if (best === null || (lower ? v < best : v > best)) best = v;
    }
    const winners = best === null ? [] : rows.filter((r) => r.metrics[m].mean !== null && shown(r.metrics[m].mean as number) === best).map((r) => r.model);
    // When every model ties, nothing stands out: mark none.
    const defined = rows.filter((r) => r.metrics[m].mean !== null).length;
    out[m] = new Set(winners.length === defined && defined > 1 ? [] : winners);
  }
  return out;
}

export type SortKey = 'model' | RunMetric;
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Sorted copy; undefined metrics always sort last, whatever the direction. Stable. */
export function sortRows(rows: readonly RunModelRow[], sort: SortState | null): RunModelRow[] {
  const out = rows.slice();
  if (!sort) return out;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return out
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      if (sort.key === 'model') return sign * a.r.model.localeCompare(b.r.model) || a.i - b.i;
      const va = a.r.metrics[sort.key].mean;
      const vb = b.r.metrics[sort.key].mean;
      if (va === null && vb === null) return a.i - b.i;
      if (va === null) return 1;
      if (vb === null) return -1;
      return sign * (va - vb) || a.i - b.i;
    })
    .map((x) => x.r);
}

/** Next sort after a click on a column header: metrics start at "best first", then flip. */
export function nextSort(current: SortState | null, key: SortKey): SortState {
  if (current && current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  if (key === 'model') return { key, dir: 'asc' };
  return { key, dir: LOWER_IS_BETTER.includes(key) ? 'asc' : 'desc' };
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * CSV for a spreadsheet: one row per model, for each metric its mean, sd and the number of folds
 * defining it (empty mean/sd when undefined), plus the setting it belongs to.
 */
export function tableToCsv(rows: readonly RunModelRow[], setting: string): string {
  const header = ['setting', 'model', 'folds', ...TABLE_METRICS.flatMap((m) => [`${m}_mean`, `${m}_std`, `${m}_folds`])];
  const lines = [header.join(',')];
  for (const r of rows) {
    const cells = [setting, r.model, String(r.folds)];
    for (const m of TABLE_METRICS) {
      const s = r.metrics[m];
      cells.push(s.mean === null ? '' : String(s.mean), s.std === null ? '' : String(s.std), String(s.folds));
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A Markdown table as shown (mean ± sd, `undef`, folds defined, best in bold). */
export function tableToMarkdown(rows: readonly RunModelRow[], headers: { model: string; metric: (m: RunMetric) => string }, undef = 'undef'): string {
  const best = bestByMetric(rows);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| ${[headers.model, ...TABLE_METRICS.map((m) => headers.metric(m))].map(esc).join(' | ')} |`;
  const rule = `|${[':--', ...TABLE_METRICS.map(() => '--:')].map((x) => ` ${x} `).join('|')}|`;
  const body = rows.map((r) => {
    const cells = TABLE_METRICS.map((m) => {
      const text = formatStat(r.metrics[m], m, undef);
      const note = foldsNote(r.metrics[m], r.folds);
      const cell = note ? `${text} (${note})` : text;
      return best[m].has(r.model) ? `**${cell}**` : cell;
    });
    return `| ${[modelLabel(r.model), ...cells].map(esc).join(' | ')} |`;
  });
  return `${[head, rule, ...body].join('\n')}\n`;
}
