import { describe, expect, it } from 'vitest';
import { foldExtent, panelMap, traceLine, type PathSink } from './line-canvas';

/** Records the path commands (what the canvas would be told). */
class PathLog implements PathSink {
  readonly ops: string[] = [];
  moveTo(x: number, y: number): void {
    this.ops.push(`M${x},${y}`);
  }
  lineTo(x: number, y: number): void {
    this.ops.push(`L${x},${y}`);
  }
}

const pairs = (...tv: number[]) => Float64Array.from(tv);

describe('panelMap', () => {
  // A plot 100 px wide from x = 50 showing 0..1000 ms; pixel rows 110 (value 0) and 10 (value 50).
  const clip = { x: 50, y: 10, width: 100, height: 100 };
  const m = panelMap(clip, 0, 1000, 0, 110, 50, 10);

  it('maps time to x across the plot and values to y, larger values higher up', () => {
    const log = new PathLog();
    traceLine(log, pairs(0, 0, 500, 25, 1000, 50), m);
    expect(log.ops).toEqual(['M50,110', 'L100,60', 'L150,10']);
    expect(m.clip).toBe(clip);
  });

  it('stays finite for an empty window or a flat axis (nothing is spread over NaN pixels)', () => {
    const flat = panelMap(clip, 5, 5, 3, 60, 3, 60);
    const log = new PathLog();
    traceLine(log, pairs(5, 3, 6, 3), flat);
    expect(log.ops.every((op) => !op.includes('NaN') && !op.includes('Infinity'))).toBe(true);
  });
});

describe('traceLine', () => {
  const m = panelMap({ x: 0, y: 0, width: 10, height: 10 }, 0, 10, 0, 10, 10, 0);

  it('breaks the line at missing values: a gap, never a drop to zero (METHODS.md §1)', () => {
    const log = new PathLog();
    const n = traceLine(log, pairs(0, 1, 1, 2, 2, NaN, 3, 4, 4, 5), m);
    expect(log.ops).toEqual(['M0,9', 'L1,8', 'M3,6', 'L4,5']);
    expect(n).toBe(4);
  });

  it('draws a point alone between gaps as a one-pixel dash, so it stays visible', () => {
    const log = new PathLog();
    traceLine(log, pairs(0, NaN, 2, 3, 3, NaN, 5, 1), m);
    expect(log.ops).toEqual(['M2,7', 'L3,7', 'M5,9', 'L6,9']);
  });

  it('draws nothing for no points or only missing ones', () => {
    const log = new PathLog();
    expect(traceLine(log, pairs(), m)).toBe(0);
    expect(traceLine(log, pairs(1, NaN, 2, NaN), m)).toBe(0);
    expect(log.ops).toEqual([]);
  });
});

describe('foldExtent', () => {
  it('folds the finite values of several lines into one range, skipping missing ones', () => {
    const e: [number, number] = [Infinity, -Infinity];
    foldExtent(pairs(0, 3, 1, NaN, 2, -2), e);
    foldExtent(pairs(0, 10, 5, 4), e);
    expect(e).toEqual([-2, 10]);
  });

  it('leaves an empty range for lines without values', () => {
    expect(foldExtent(pairs(0, NaN), [Infinity, -Infinity])).toEqual([Infinity, -Infinity]);
  });
});
