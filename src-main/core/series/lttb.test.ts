import { describe, expect, it } from 'vitest';
import { lttbIndices } from './lttb';

describe('lttbIndices', () => {
  it('keeps everything when under the threshold', () => {
    expect(Array.from(lttbIndices([1, 2, 3], [1, 2, 3], 10))).toEqual([0, 1, 2]);
  });

  it('keeps first, last and the spike of a flat series', () => {
    const n = 10_000;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = new Float64Array(n);
    v[5123] = 100;
    const idx = lttbIndices(t, v, 100);
    expect(idx.length).toBe(100);
    expect(idx[0]).toBe(0);
    expect(idx[99]).toBe(n - 1);
    expect(Array.from(idx)).toContain(5123);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
  });

  it('handles missing values without producing NaN picks over real ones', () => {
    const n = 1000;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = Float64Array.from({ length: n }, (_, i) => (i > 400 && i < 600 ? NaN : Math.sin(i / 20)));
    const idx = lttbIndices(t, v, 50);
    const nanPicks = Array.from(idx).filter((i) => Number.isNaN(v[i]!)).length;
    expect(nanPicks).toBeGreaterThan(0); // the gap stays visible
    expect(nanPicks).toBeLessThan(15);
  });
});
