import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from '../../shared/domain/series';
import { summarizeSeries } from './series-summary';

const s = (object: string, counters: string[], fromMs: number, toMs: number, cadenceMs = 300_000): SeriesSummary => ({
  object,
  objType: 'tomcat',
  counters,
  cadenceMs,
  fromMs,
  toMs,
  rows: 10,
  missing: 0,
});

describe('summarizeSeries', () => {
  it('merges objects, counters, range and cadences', () => {
    const out = summarizeSeries([s('/a', ['TPS', 'HeapUsed'], 1_000, 5_000), s('/b', ['TPS', 'GcCount'], 500, 4_000, 2_000)]);
    expect(out).toEqual({ objects: 2, counters: ['GcCount', 'HeapUsed', 'TPS'], fromMs: 500, toMs: 5_000, cadencesMs: [2_000, 300_000] });
  });

  it('is empty for no series', () => {
    expect(summarizeSeries([])).toEqual({ objects: 0, counters: [], fromMs: null, toMs: null, cadencesMs: [] });
  });
});
