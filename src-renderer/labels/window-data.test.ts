import { describe, expect, it } from 'vitest';
import { bucketsForWidth, decimateInto, nearestTime, nearestValue, OUTSIDE_BUCKETS, PairBuffer, PX_PER_BUCKET, detailRangeOf, needsDetail, pointsIn, toColumns, windowLine, type PointColumns } from './window-data';
import { lowerBound } from '../../shared/sorted-search';

const MIN = 60_000;

/** `n` points every minute from 0; value = f(i). */
function cols(object: string, n: number, f: (i: number) => number | null, step = MIN): PointColumns {
  const times = Array.from({ length: n }, (_, i) => i * step);
  return toColumns({ object, counters: ['TPS', 'Heap'], times, values: [times.map((_, i) => f(i)), times.map(() => 7)] }, { fromMs: 0, toMs: (n - 1) * step });
}

const pairs = (a: Float64Array) => Array.from({ length: a.length / 2 }, (_, i) => [a[2 * i]!, a[2 * i + 1]!] as const);

describe('toColumns / lowerBound / pointsIn', () => {
  it('turns nulls into NaN and finds window indices', () => {
    const c = cols('/a', 5, (i) => (i === 2 ? null : i));
    expect(Number.isNaN(c.values[0]![2]!)).toBe(true);
    expect(c.values[0]![3]).toBe(3);
    expect(lowerBound(c.times, 2 * MIN)).toBe(2);
    expect(lowerBound(c.times, 2.5 * MIN)).toBe(3);
    expect(lowerBound(c.times, 99 * MIN)).toBe(5);
    expect(pointsIn(c, { fromMs: MIN, toMs: 3 * MIN })).toBe(3);
  });
});

describe('decimateInto', () => {
  it('keeps every point when there are few', () => {
    const c = cols('/a', 6, (i) => i);
    const out: number[] = [];
    decimateInto(out, c.times, c.values[0]!, 1, 4, 10);
    expect(out).toEqual([MIN, 1, 2 * MIN, 2, 3 * MIN, 3]);
  });
  it('keeps each bucket’s min and max in time order, so a one-point spike survives', () => {
    const c = cols('/a', 10_000, (i) => (i === 4321 ? 1e6 : i === 8000 ? -500 : i % 7));
    const out: number[] = [];
    decimateInto(out, c.times, c.values[0]!, 0, 10_000, 100);
    const p = pairs(Float64Array.from(out));
    expect(p.length).toBeLessThanOrEqual(200);
    expect(p.some(([t, v]) => t === 4321 * MIN && v === 1e6)).toBe(true);
    expect(p.some(([t, v]) => t === 8000 * MIN && v === -500)).toBe(true);
    for (let i = 1; i < p.length; i++) expect(p[i]![0]).toBeGreaterThan(p[i - 1]![0]);
  });
  it('keeps a gap of missing values as a NaN point (never a zero)', () => {
    const c = cols('/a', 10_000, (i) => (i >= 5000 && i < 5003 ? null : 1));
    const out: number[] = [];
    decimateInto(out, c.times, c.values[0]!, 0, 10_000, 50);
    const p = pairs(Float64Array.from(out));
    expect(p.filter(([, v]) => Number.isNaN(v))).toHaveLength(1);
    expect(p.some(([, v]) => v === 0)).toBe(false);
  });
});

describe('PairBuffer', () => {
  it('grows past its first capacity and hands out exactly the pairs pushed, then starts over', () => {
    const b = new PairBuffer();
    for (let i = 0; i < 5000; i++) b.push(i, -i);
    const a = b.take();
    expect(a).toHaveLength(10_000);
    expect([a[0], a[1], a[9998], a[9999]]).toEqual([0, -0, 4999, -4999]);
    b.push(1, 2);
    expect(Array.from(b.take())).toEqual([1, 2]);
    b.push(3, 4);
    b.clear();
    expect(b.take()).toHaveLength(0);
  });
  it('decimates into it exactly as into a plain array', () => {
    const c = cols('/a', 10_000, (i) => (i % 97 === 0 ? null : Math.sin(i / 50) * 100 + (i === 777 ? 1e5 : 0)));
    const plain: number[] = [];
    const typed = new PairBuffer();
    decimateInto(plain, c.times, c.values[0]!, 100, 9_900, 300);
    decimateInto(typed, c.times, c.values[0]!, 100, 9_900, 300);
    expect(Array.from(typed.take())).toEqual(plain);
  });
});

describe('bucketsForWidth', () => {
  it('ties the points per line to the plot width: one bucket (min + max) per few pixels, never fewer than a handful', () => {
    expect(bucketsForWidth(1082)).toBe(Math.round(1082 / PX_PER_BUCKET));
    // ≤ one point per pixel column: a bucket emits at most its min, its max and one gap marker.
    expect((2 * bucketsForWidth(1082)) / 1082).toBeLessThanOrEqual(1);
    expect(bucketsForWidth(2000)).toBeGreaterThan(bucketsForWidth(1000));
    expect(bucketsForWidth(10)).toBe(16);
    expect(bucketsForWidth(Number.NaN)).toBe(16);
  });
});

describe('windowLine', () => {
  const overview = cols('/a', 1000, (i) => i, 10 * MIN); // coarse: every 10 min
  const fine = toColumns(
    { object: '/a', counters: ['Heap', 'TPS'], times: Array.from({ length: 301 }, (_, i) => 3000 * MIN + i * MIN), values: [Array(301).fill(7), Array.from({ length: 301 }, (_, i) => 300 + i / 10)] },
    { fromMs: 3000 * MIN, toMs: 3300 * MIN },
  );
  const w = { fromMs: 3100 * MIN, toMs: 3200 * MIN };

  it('cuts the window from the finer points, one beyond each edge, and the rest coarsely from the overview', () => {
    const p = pairs(windowLine(overview, fine, 'TPS', w, 500));
    const inside = p.filter(([t]) => t >= w.fromMs && t <= w.toMs);
    expect(inside).toHaveLength(101); // every minute of the fine tile
    expect(inside[0]).toEqual([3100 * MIN, 310]);
    expect(p.some(([t]) => t === 3099 * MIN)).toBe(true);
    expect(p.some(([t]) => t === 3201 * MIN)).toBe(true);
    // Outside: overview points, far fewer than the overview holds.
    expect(p.some(([t]) => t < 2000 * MIN)).toBe(true);
    expect(p.length).toBeLessThanOrEqual(101 + 2 + 2 * (OUTSIDE_BUCKETS + 16)); // ≤ 2 points per outside bucket (≥ 8 each side)
    expect(p.length - 103).toBeLessThan(1000 - 21);
    for (let i = 1; i < p.length; i++) expect(p[i]![0]).toBeGreaterThan(p[i - 1]![0]);
  });
  it('outside the window: the same coarse points of the whole overview for every window (a steady slider shadow)', () => {
    const a = pairs(windowLine(overview, fine, 'TPS', w, 500));
    const b = pairs(windowLine(overview, fine, 'TPS', { fromMs: 3150 * MIN, toMs: 3250 * MIN }, 500));
    const before = (p: (readonly [number, number])[]) => p.filter(([t]) => t < 3000 * MIN);
    const after = (p: (readonly [number, number])[]) => p.filter(([t]) => t > 3300 * MIN);
    expect(before(a).length).toBeGreaterThan(10);
    expect(before(b)).toEqual(before(a));
    expect(after(b)).toEqual(after(a));
    expect(before(a).length + after(a).length).toBeLessThanOrEqual(2 * OUTSIDE_BUCKETS);
  });
  it('falls back to the overview when there is no finer tile, and matches counters by name', () => {
    const p = pairs(windowLine(overview, null, 'TPS', w, 500));
    expect(p.filter(([t]) => t >= w.fromMs && t <= w.toMs)).toHaveLength(11);
    expect(pairs(windowLine(overview, fine, 'Heap', w, 500)).every(([, v]) => v === 7)).toBe(true);
    expect(windowLine(overview, fine, 'Nope', w, 500)).toHaveLength(0);
  });
  it('null window: the whole overview cut to the buckets', () => {
    expect(windowLine(overview, null, 'TPS', null, 100).length / 2).toBeLessThanOrEqual(200);
  });
});

describe('needsDetail / detailRangeOf', () => {
  const overview = cols('/a', 1000, (i) => i, 10 * MIN);
  it('asks for finer points only when the window holds fewer than the plot shows and finer ones exist', () => {
    expect(needsDetail(overview, null, 500, MIN)).toBe(false);
    expect(needsDetail(overview, { fromMs: 0, toMs: 9990 * MIN }, 500, MIN)).toBe(false); // 1000 points
    expect(needsDetail(overview, { fromMs: 0, toMs: 1000 * MIN }, 500, MIN)).toBe(true); // 101 of 1000 raw
    expect(needsDetail(overview, { fromMs: 0, toMs: 100 * MIN }, 500, 10 * MIN)).toBe(false); // all raw points are there
  });
  it('pads by half the window each side, inside the bounds', () => {
    expect(detailRangeOf({ fromMs: 400, toMs: 500 }, { fromMs: 0, toMs: 1000 })).toEqual({ fromMs: 350, toMs: 550 });
    expect(detailRangeOf({ fromMs: 0, toMs: 100 }, { fromMs: 0, toMs: 1000 })).toEqual({ fromMs: 0, toMs: 150 });
  });
});

describe('nearestValue', () => {
  const pairs = Float64Array.from([0, 1, 100, 2, 200, NaN, 300, 4]);
  it('reads the nearest point within the tolerance; a missing value or a far point is null', () => {
    expect(nearestValue(pairs, 0, 10)).toBe(1);
    expect(nearestValue(pairs, 140, 50)).toBe(2);
    expect(nearestValue(pairs, 160, 50)).toBeNull(); // nearest is 200: missing
    expect(nearestValue(pairs, 290, 50)).toBe(4);
    expect(nearestValue(pairs, 1000, 50)).toBeNull();
    expect(nearestValue(pairs, -20, 50)).toBe(1);
    expect(nearestValue(new Float64Array(0), 5, 50)).toBeNull();
  });
});

describe('nearestTime', () => {
  const line = Float64Array.from([0, 1, 100, NaN, 300, 5]);
  it('snaps to the time of the nearest point within the tolerance (a missing value still has a time)', () => {
    expect(nearestTime(line, 40, 60)).toBe(0);
    expect(nearestTime(line, 90, 60)).toBe(100);
    expect(nearestTime(line, 260, 60)).toBe(300);
    expect(nearestTime(line, 1000, 800)).toBe(300);
  });
  it('is null when no point is near or there are none', () => {
    expect(nearestTime(line, 200, 60)).toBeNull();
    expect(nearestTime(new Float64Array(0), 5, 1e9)).toBeNull();
  });
});

describe('windowLine into a buffer', () => {
  const ov = cols('/a', 2000, (i) => (i % 97 === 0 ? 100 : i % 7));
  it('cuts exactly what a new array holds, into the same memory every time (no allocation per frame)', () => {
    const buf = new PairBuffer();
    const w = { fromMs: 300 * MIN, toMs: 900 * MIN };
    const a = windowLine(ov, null, 'TPS', w, 50, buf);
    expect(Array.from(a)).toEqual(Array.from(windowLine(ov, null, 'TPS', w, 50)));
    const w2 = { fromMs: 1000 * MIN, toMs: 1500 * MIN };
    const b = windowLine(ov, null, 'TPS', w2, 50, buf);
    expect(Array.from(b)).toEqual(Array.from(windowLine(ov, null, 'TPS', w2, 50)));
    expect(b.buffer).toBe(a.buffer);
    expect(Array.from(windowLine(ov, null, 'TPS', null, 40, buf))).toEqual(Array.from(windowLine(ov, null, 'TPS', null, 40)));
  });
});
