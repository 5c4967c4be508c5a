import { describe, expect, it } from 'vitest';
import type { ObjectSeries } from '../../shared/domain/series';
import { SeriesCache, seriesPoints, sliceSeries } from './series-points';

const series = (T: number): ObjectSeries => ({
  object: '/a',
  objType: 'tomcat',
  counters: ['TPS', 'Heap', 'Gc'],
  cadenceMs: 1000,
  times: Float64Array.from({ length: T }, (_, i) => i * 1000),
  values: Float64Array.from({ length: T * 3 }, (_, j) => (j % 3 === 1 && Math.floor(j / 3) === 2 ? NaN : j)),
});

describe('sliceSeries', () => {
  it('cuts rows by time (inclusive) and counters by name, in stored order', () => {
    const s = sliceSeries(series(10), { fromMs: 2000, toMs: 4000, counters: ['Gc', 'Heap'] });
    expect(Array.from(s.times)).toEqual([2000, 3000, 4000]);
    expect(s.counters).toEqual(['Heap', 'Gc']);
    expect(Array.from(s.values)).toEqual([NaN, 8, 10, 11, 13, 14]);
    const all = series(4);
    expect(sliceSeries(all, {})).toBe(all);
    expect(sliceSeries(all, { fromMs: 9e9 }).times.length).toBe(0);
  });
  it('feeds seriesPoints with missing values as null', () => {
    const p = seriesPoints(sliceSeries(series(10), { fromMs: 1000, toMs: 3000 }), 100);
    expect(p.times).toEqual([1000, 2000, 3000]);
    expect(p.values[1]).toEqual([4, null, 10]);
  });
});

describe('SeriesCache', () => {
  it('loads each object once, evicts the least recently used, forgets failures and clears', async () => {
    const loads: string[] = [];
    const cache = new SeriesCache(async (o) => {
      loads.push(o);
      if (o === '/bad') throw new Error('boom');
      return { ...series(3), object: o };
    }, 2);
    expect((await cache.get('k1', '/a'))?.object).toBe('/a');
    await cache.get('k1', '/a');
    await cache.get('k2', '/b');
    await cache.get('k1', '/a'); // k1 most recent now
    await cache.get('k3', '/c'); // evicts k2
    await cache.get('k2', '/b');
    expect(loads).toEqual(['/a', '/b', '/c', '/b']);
    await expect(cache.get('kb', '/bad')).rejects.toThrow('boom');
    await expect(cache.get('kb', '/bad')).rejects.toThrow('boom');
    expect(loads.filter((o) => o === '/bad')).toHaveLength(2);
    cache.clear();
    await cache.get('k1', '/a');
    expect(loads.at(-1)).toBe('/a');
  });
});
