import { describe, expect, it } from 'vitest';
import { RUN_METRICS, type MetricStat, type RunMetric, type RunModelRow } from '../../shared/domain/runs';
import { bestByMetric, foldsNote, formatStat, nextSort, sortRows, tableToCsv, tableToMarkdown } from './model-table';

const undefStat: MetricStat = { mean: null, std: null, folds: 0 };
function row(model: string, over: Partial<Record<RunMetric, MetricStat>>): RunModelRow {
  const metrics = Object.fromEntries(RUN_METRICS.map((m) => [m, over[m] ?? undefStat])) as Record<RunMetric, MetricStat>;
  return { model, folds: 3, metrics, confusion: { tp: 0, tn: 0, fp: 0, fn: 0 }, leadTimes: [], trainWindowsPerSec: null, trainSeconds: null, roc: [], pr: [] };
}
const s = (mean: number, std: number, folds = 3): MetricStat => ({ mean, std, folds });
const rows = [row('cnn', { rocAuc: s(0.9, 0.05), fpr: s(0.1, 0.01) }), row('random', { rocAuc: s(0.5, 0.02, 2), fpr: s(0.5, 0.1) }), row('pca', { rocAuc: s(0.9, 0.1), fpr: undefStat })];

describe('model table', () => {
  it('formats mean ± sd, undef, and the folds defining a metric', () => {
    expect(formatStat(s(0.91234, 0.0345), 'rocAuc')).toBe('0.912 ± 0.035');
    expect(formatStat(s(12.345, 1), 'alertsPerDay')).toBe('12.3 ± 1.0');
    expect(formatStat(undefStat, 'f1')).toBe('undef');
    expect(formatStat(undefStat, 'f1', '정의 안 됨')).toBe('정의 안 됨');
    expect(foldsNote(s(0.5, 0, 2), 3)).toBe('2/3');
    expect(foldsNote(s(0.5, 0, 3), 3)).toBe('');
  });

  it('marks the best per column: ties all win (unless every model ties), lower is better for FPR, undefined never wins', () => {
    const best = bestByMetric(rows);
    expect([...best.rocAuc].sort()).toEqual(['cnn', 'pca']);
    expect([...best.fpr]).toEqual(['cnn']);
    expect([...best.f1]).toEqual([]);
    // Compared at the column's precision: 0.9001 and 0.9004 both show 0.900.
    const close = bestByMetric([row('a', { rocAuc: s(0.9001, 0) }), row('b', { rocAuc: s(0.9004, 0) }), row('c', { rocAuc: s(0.5, 0) })]);
    expect([...close.rocAuc].sort()).toEqual(['a', 'b']);
    const tied = bestByMetric([row('a', { acc: s(0.5, 0) }), row('b', { acc: s(0.5, 0) })]);
    expect([...tied.acc]).toEqual([]);
  });

  it('sorts by a metric with undefined last in both directions, and by model name', () => {
    expect(sortRows(rows, { key: 'fpr', dir: 'asc' }).map((r) => r.model)).toEqual(['cnn', 'random', 'pca']);
    expect(sortRows(rows, { key: 'fpr', dir: 'desc' }).map((r) => r.model)).toEqual(['random', 'cnn', 'pca']);
    expect(sortRows(rows, { key: 'rocAuc', dir: 'desc' }).map((r) => r.model)).toEqual(['cnn', 'pca', 'random']);
    expect(sortRows(rows, { key: 'model', dir: 'asc' }).map((r) => r.model)).toEqual(['cnn', 'pca', 'random']);
    expect(sortRows(rows, null).map((r) => r.model)).toEqual(['cnn', 'random', 'pca']);
  });

  it('starts a metric column best-first and flips on the second click', () => {
    expect(nextSort(null, 'rocAuc')).toEqual({ key: 'rocAuc', dir: 'desc' });
    expect(nextSort(null, 'fpr')).toEqual({ key: 'fpr', dir: 'asc' });
    expect(nextSort({ key: 'rocAuc', dir: 'desc' }, 'rocAuc')).toEqual({ key: 'rocAuc', dir: 'asc' });
    expect(nextSort({ key: 'rocAuc', dir: 'desc' }, 'model')).toEqual({ key: 'model', dir: 'asc' });
  });

  it('copies as CSV with raw means, sds and folds defined (empty when undefined)', () => {
    const csv = tableToCsv(rows.slice(0, 2), 'blocked/full').trim().split('\n');
    expect(csv).toHaveLength(3);
    const header = csv[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['setting', 'model', 'folds']);
    const cnn = csv[1]!.split(',');
    expect(cnn[header.indexOf('rocAuc_mean')]).toBe('0.9');
    expect(cnn[header.indexOf('rocAuc_std')]).toBe('0.05');
    expect(cnn[header.indexOf('f1_mean')]).toBe('');
    expect(cnn[header.indexOf('f1_folds')]).toBe('0');
    expect(tableToCsv([row('a,"b"', {})], 'x')).toContain('"a,""b"""');
  });

  it('copies as Markdown as shown: bold best, undef, folds note', () => {
    const md = tableToMarkdown(rows, { model: 'Model', metric: (m) => m });
    const lines = md.trim().split('\n');
    expect(lines[0]).toBe(`| Model | ${RUN_METRICS.join(' | ')} |`);
    expect(lines[1]).toMatch(/^\| :-- \|( --: \|)+$/);
    expect(lines[2]).toContain('**0.900 ± 0.050**');
    expect(lines[3]).toContain('0.500 ± 0.020 (2/3)');
    expect(lines[4]).toContain('| undef (0/3) |');
  });
});
