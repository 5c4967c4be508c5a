import { describe, expect, it } from 'vitest';
import type { Outage } from '../../../shared/domain/outage';
import { formatOutageTable, outageTableRows } from './outage-table';

const outage = (o: Partial<Outage>, ev: Partial<Outage['evidence']> = {}): Outage => ({
  id: 'x', object: null, startMs: Date.UTC(2022, 3, 29, 23, 13, 47), endMs: Date.UTC(2022, 3, 29, 23, 49, 52), seconds: 2165, utcOffsetMinutes: 540,
  evidence: {
    sources: ['10.0.0.1', '10.0.0.2'], intervalMs: {}, gapFactor: 4, lastOkBefore: null, firstFailed: null, lastFailed: null, firstOkAfter: null,
    statusCounts: {}, failedProbes: 0, kind: 'silence', ...ev,
  },
  ...o,
});

describe('outage table (vigil gaps)', () => {
  it('prints the paper example in the log\'s own offset (+0900)', () => {
    const rows = outageTableRows([outage({})]);
    expect(rows[0]).toEqual({
      object: '*', date: '2022-04-30', from: '2022-04-30 08:13:47', to: '2022-04-30 08:49:52', seconds: '2165', sources: '10.0.0.1,10.0.0.2', statuses: 'silence',
    });
    const text = formatOutageTable([outage({}), outage({ seconds: 406 }, { kind: 'failing', statusCounts: { '404': 52 } }), outage({}, { kind: 'mixed', statusCounts: { '502': 3, '404': 1 } })]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^date\s+from \(\+09:00\)\s+to \(\+09:00\)\s+seconds\s+sources\s+statuses$/);
    expect(lines[2]).toBe('2022-04-30  2022-04-30 08:13:47  2022-04-30 08:49:52     2165  10.0.0.1,10.0.0.2  silence');
    expect(lines[3]).toMatch(/ 406  10\.0\.0\.1,10\.0\.0\.2  404×52$/);
    expect(lines[4]).toMatch(/404×1 502×3 \+silence$/);
  });

  it('adds an object column when outages belong to objects, and says when there are none', () => {
    expect(formatOutageTable([outage({ object: '/MIS-WAS1/MIS-WAS' })]).split('\n')[0]).toMatch(/^object\s+date/);
    expect(formatOutageTable([])).toMatch(/\(no outages\)/);
  });
});
