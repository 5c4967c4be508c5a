import type { ComparisonResult, ComparisonRow } from '../services/compare/run-comparison';
import type { MetricSummary, SummarizedMetric } from '../core/eval/metrics';
import { table } from './format';

const COLUMNS: { key: SummarizedMetric; label: string; better: 'high' | 'low' }[] = [
  { key: 'acc', label: 'ACC', better: 'high' },
  { key: 'balancedAcc', label: 'BalACC', better: 'high' },
  { key: 'tpr', label: 'TPR', better: 'high' },
  { key: 'fpr', label: 'FPR', better: 'low' },
  { key: 'precision', label: 'Prec', better: 'high' },
  { key: 'f1', label: 'F1', better: 'high' },
  { key: 'rocAuc', label: 'ROC-AUC', better: 'high' },
  { key: 'prAuc', label: 'PR-AUC', better: 'high' },
  { key: 'eventRecall', label: 'EvtRec', better: 'high' },
  { key: 'meanLeadTimeMin', label: 'Lead min', better: 'high' },
  { key: 'alertsPerDay', label: 'Alerts/d', better: 'low' },
];

function cell(m: MetricSummary, digits: number, best: boolean): string {
  if (m.mean === null) return 'undef';
  return `${m.mean.toFixed(digits)}±${(m.std ?? 0).toFixed(digits)}${best ? '*' : ''}`;
}

const SAMPLING_NAME: Record<string, string> = { full: 'without negative sampling', ns: 'with negative sampling', paper: 'paper mode: negative sampling, balanced test set' };

/**
 * The comparison as text: one table per split × sampling setting, mean ± std over the folds where
 * a metric is defined ("undef" where none is), best of each column starred. Random k-fold is
 * labelled as leaking through time (METHODS.md §5).
 */
export function formatComparison(r: ComparisonResult): string {
  const out: string[] = [];
  out.push(`run ${r.runId}: ${r.windows.n} windows (${r.windows.anomalies} anomalous, ${r.windows.mode}), ${r.windows.F} counters × ${r.windows.W} steps, data ${r.windows.dataHash}`);
  out.push(`backend: ${r.backend.name} (${r.backend.device})${r.backend.skipped.length ? `; skipped ${r.backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}` : ''}`);
  const groups = new Map<string, ComparisonRow[]>();
  for (const row of r.rows) groups.set(`${row.split}/${row.sampling}`, [...(groups.get(`${row.split}/${row.sampling}`) ?? []), row]);
  for (const [key, rows] of groups) {
    const [split, sampling] = key.split('/') as [string, string];
    const folds = r.folds.filter((f) => f.split === split);
    const withAnomalies = folds.filter((f) => f.testAnomalies > 0).length;
    out.push('');
    out.push(`${split === 'kfold' ? 'random stratified k-fold — LEAKS THROUGH TIME (overlapping windows on both sides; the paper\'s protocol)' : 'blocked time-ordered folds with a purge gap (honest)'} · ${SAMPLING_NAME[sampling] ?? sampling} · ${withAnomalies}/${folds.length} folds hold anomalies`);
    const best = new Map<SummarizedMetric, number>();
    for (const c of COLUMNS) {
      const vals = rows.map((x) => x.summary.metrics[c.key].mean).filter((v): v is number => v !== null);
      if (vals.length) best.set(c.key, c.better === 'high' ? Math.max(...vals) : Math.min(...vals));
    }
    out.push(
      table(
        ['model', 'folds', ...COLUMNS.map((c) => c.label), 'win/s'],
        rows.map((x) => [
          x.label,
          `${x.folds}${x.failed ? ` (${x.failed} failed)` : ''}`,
          ...COLUMNS.map((c) => {
            const m = x.summary.metrics[c.key];
            return cell(m, c.key === 'meanLeadTimeMin' || c.key === 'alertsPerDay' ? 1 : 3, m.mean !== null && m.mean === best.get(c.key) && rows.length > 1);
          }),
          x.trainWindowsPerSec === null ? '-' : x.trainWindowsPerSec.toFixed(0),
        ]),
      ),
    );
  }
  for (const e of r.errors) out.push(`failed: ${e.task}: ${e.error.message}`);
  out.push(`\n${r.seconds.toFixed(1)} s. * = best in its column; undef = no fold defines the metric (e.g. no anomaly in any test fold).`);
  return out.join('\n');
}
