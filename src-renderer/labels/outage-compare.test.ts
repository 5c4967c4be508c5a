import { describe, expect, it } from 'vitest';
import type { Outage } from '../../shared/domain/outage';
import { compareOutages, replacementSpans } from './outage-compare';

const o = (id: string, startMs: number, endMs: number, object: string | null = null) => ({ id, object, startMs, endMs }) as Outage;

describe('compareOutages', () => {
  it('splits into same, added and removed by interval', () => {
    const r = compareOutages([o('a', 0, 10), o('b', 20, 30)], [o('x', 20, 30), o('y', 40, 50), o('z', 0, 10, '/p')]);
    expect(r.same.map((x) => x.id)).toEqual(['x']);
    expect(r.added.map((x) => x.id)).toEqual(['z', 'y']);
    expect(r.removed.map((x) => x.id)).toEqual(['a']);
  });
});

describe('replacementSpans', () => {
  it('re-derives health-check spans and keeps the human ones', () => {
    const spans = replacementSpans(
      {
        spans: [
          { id: '1', object: null, startMs: 0, endMs: 10, provenance: 'health-check', outageId: 'old' },
          { id: '2', object: '/p', startMs: 5, endMs: 6, provenance: 'human', note: 'mine' },
        ],
      },
      [o('new', 100, 200)],
    );
    expect(spans).toEqual([
      { object: '/p', startMs: 5, endMs: 6, provenance: 'human', note: 'mine' },
      { object: null, startMs: 100, endMs: 200, provenance: 'health-check', outageId: 'new' },
    ]);
  });
});
