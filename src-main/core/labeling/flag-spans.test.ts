import { describe, expect, it } from 'vitest';
import type { LabelSpan } from '../../../shared/domain/labels';
import { flaggedSpans } from './flag-spans';

const M = 300_000;
const make = (object: string | null, startMs: number, endMs: number): LabelSpan => ({ id: `${object}@${startMs}`, object, startMs, endMs, provenance: 'model' });

/** Two objects' sliding windows (W = 4) interleaved in time order, as the workspace builds them. */
function interleaved(T: number) {
  const n = 2 * T;
  return {
    n,
    W: 4,
    objects: ['/a', '/b'],
    objectIndex: Int32Array.from({ length: n }, (_, i) => i % 2),
    endMs: Float64Array.from({ length: n }, (_, i) => (3 + (i >> 1)) * M),
  };
}

describe('flaggedSpans', () => {
  it('merges runs per object although the objects interleave', () => {
    const w = interleaved(10);
    const spans = flaggedSpans(w, () => true, make);
    expect(spans.map((s) => [s.object, s.startMs / M, s.endMs / M])).toEqual([
      ['/a', 0, 13],
      ['/b', 0, 13],
    ]);
  });

  it('splits where windows in between are not flagged and their ranges do not touch; touching ones join', () => {
    const w = interleaved(20);
    // object /a: windows t = 0..2 and 12..13 flagged (ends 3..5 and 15..16); /b: t = 5 and 8 (ranges touch)
    const on = new Set([0, 2, 4, 24, 26, 11, 17]);
    const spans = flaggedSpans(w, (i) => on.has(i), make);
    expect(spans.map((s) => [s.object, s.startMs / M, s.endMs / M])).toEqual([
      ['/a', 0, 6],
      ['/a', 12, 17],
      ['/b', 5, 12],
    ]);
  });

  it('uses each object\'s own cadence and accepts windows out of order', () => {
    const w = { n: 3, W: 2, objects: ['/m'], objectIndex: new Int32Array(3), endMs: Float64Array.from([120_000, 0, 60_000]) };
    expect(flaggedSpans(w, () => true, make).map((s) => [s.startMs, s.endMs])).toEqual([[-60_000, 180_000]]);
    expect(flaggedSpans(w, () => false, make)).toEqual([]);
  });
});
