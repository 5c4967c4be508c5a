import { describe, expect, it } from 'vitest';
import { spansFromCsv, spansToCsv } from './label-spans';

describe('label CSV', () => {
  it('round-trips spans, quoting what needs quoting', () => {
    const spans = [
      { id: 'a', object: '/WAS1/A', startMs: Date.UTC(2024, 2, 5, 0, 10), endMs: Date.UTC(2024, 2, 5, 0, 40), provenance: 'human' as const, note: 'deploy, "hotfix"' },
      { id: 'b', object: null, startMs: 0, endMs: 60_000, provenance: 'health-check' as const },
    ];
    const back = spansFromCsv(spansToCsv(spans), 'labels.csv');
    expect(back).toEqual(spans.map(({ id: _id, ...rest }) => rest));
  });

  it('names the file, line and field of a bad cell', () => {
    expect(() => spansFromCsv('object,start,end,provenance,note\n/a,2024-03-05T00:00:00Z,yesterday,human,\n', 'l.csv')).toThrow(expect.objectContaining({ where: { file: 'l.csv', line: 2, column: 3, field: 'end' } }));
    expect(() => spansFromCsv('when,what\n', 'l.csv')).toThrow(/expected the header/);
  });
});
