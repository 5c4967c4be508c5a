import { modelLabel } from '../../shared/domain/models';
import { useMemo, useState } from 'react';
import type { RunMetric, RunModelRow } from '../../shared/domain/runs';
import type { PlainKey } from '../../shared/i18n';
import type { Translate } from '../ui/i18n';
import { useT } from '../ui/i18n';
import { copyOrDownload, fileSlug } from './export';
import { METRIC_ABBREVIATION, TABLE_METRICS, bestByMetric, digitsOf, foldsNote, isBaseline, nextSort, sortRows, tableToCsv, tableToMarkdown, type SortState } from './model-table';

const METRIC_KEY: Record<Exclude<RunMetric, 'fpr' | 'f1' | 'rocAuc' | 'prAuc'>, PlainKey> = {
  acc: 'compare.metric.acc',
  balancedAcc: 'compare.metric.balancedAcc',
  tpr: 'compare.metric.tpr',
  precision: 'compare.metric.precision',
  eventRecall: 'compare.metric.eventRecall',
  alertsPerDay: 'compare.metric.alertsPerDay',
  meanLeadTimeMin: 'compare.metric.meanLeadTimeMin',
};

/** A metric's column name: abbreviations (ROC-AUC, F1…) as is, the rest translated. */
export function metricLabel(m: RunMetric, t: Translate): string {
  const abbr = METRIC_ABBREVIATION[m];
  return abbr ?? t(METRIC_KEY[m as keyof typeof METRIC_KEY]);
}

/**
 * Models × metrics (mean ± sd over folds) of one split/sampling setting: click a header to sort,
 * the best value of each column is marked, undefined metrics read `undef` with the number of
 * folds that define them.
 */
export function ModelTable({ rows, setting, caption, testId }: { rows: readonly RunModelRow[]; setting: string; caption: string; testId: string }) {
  const t = useT();
  const [sort, setSort] = useState<SortState | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const best = useMemo(() => bestByMetric(rows), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const undef = t('compare.table.undef');
  const copy = async (kind: 'csv' | 'md') => {
    const text = kind === 'csv' ? tableToCsv(sorted, setting) : tableToMarkdown(sorted, { model: t('compare.table.model'), metric: (m) => metricLabel(m, t) }, undef);
    const how = await copyOrDownload(text, `${fileSlug('vigil', setting)}.${kind}`, kind === 'csv' ? 'text/csv' : 'text/markdown');
    setCopied(how === 'copied' ? t('compare.copied') : t('compare.downloaded'));
  };
  const header = (key: 'model' | RunMetric, text: string) => {
    const active = sort?.key === key;
    return (
      <th key={key} scope="col" className={key === 'model' ? undefined : 'num'} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, key))} data-testid={`${testId}-sort-${key}`}>
          {text}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="model-table" data-testid={testId}>
      <div className="table-wrap">
        <table className="data-table" aria-label={caption}>
          <thead>
            <tr>
              {header('model', t('compare.table.model'))}
              {TABLE_METRICS.map((m) => header(m, metricLabel(m, t)))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.model} data-testid={`${testId}-row`} data-model={r.model}>
                <td className="model-cell">
                  {modelLabel(r.model)}
                  {isBaseline(r.model) && <span className="tag tag-baseline">{t('compare.table.baseline')}</span>}
                </td>
                {TABLE_METRICS.map((m) => {
                  const s = r.metrics[m];
                  const isBest = best[m].has(r.model);
                  const note = foldsNote(s, r.folds);
                  return (
                    <td
                      key={m}
                      className={`num mono${isBest ? ' best' : ''}${s.mean === null ? ' undef' : ''}`}
                      data-metric={m}
                      data-best={isBest ? 'true' : undefined}
                      title={isBest ? t('compare.table.best') : note ? t('compare.table.definedIn', { n: s.folds, folds: r.folds }) : undefined}
                    >
                      {s.mean === null ? (
                        <span className="metric-stat">{undef}</span>
                      ) : (
                        // Same text as formatStat (copied tables, tests); the sd goes on a second line to keep columns narrow.
                        <span className="metric-stat">
                          <span className="metric-mean">{s.mean.toFixed(digitsOf(m))}</span> <span className="metric-sd">± {(s.std ?? 0).toFixed(digitsOf(m))}</span>
                        </span>
                      )}
                      {note && <span className="folds-note"> ({note})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar">
        <button type="button" className="btn btn-small" onClick={() => void copy('csv')} data-testid={`${testId}-copy-csv`}>
          {t('compare.copyCsv')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => void copy('md')} data-testid={`${testId}-copy-md`}>
          {t('compare.copyMarkdown')}
        </button>
        {copied && (
          <span className="muted" role="status">
            {copied}
          </span>
        )}
      </div>
    </div>
  );
}
