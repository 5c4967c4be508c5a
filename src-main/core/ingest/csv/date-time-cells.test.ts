import { describe, expect, it } from 'vitest';
import { daysFromCivil, newDateTimeScan, scanClockTime, scanDateTime } from './date-time-cells';

function dt(s: string) {
  const out = newDateTimeScan();
  return scanDateTime(s, 0, s.length, out) ? out : undefined;
}

describe('date-time cells', () => {
  it('matches Date.UTC for days since the epoch', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2024, 3, 10], [1969, 12, 31], [2100, 3, 1]] as const) {
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
    }
  });

  it('reads Scouter Daily All times (SCOUTER-CSV.md §5) as wall times', () => {
    expect(dt('2022-04-30 07:55')).toMatchObject({ wallMs: Date.UTC(2022, 3, 30, 7, 55), hasTime: true, hasSeconds: false });
    expect(dt('2022-04-30 07:55')!.offsetMinutes).toBeNaN();
  });

  it('reads ISO 8601 with offsets, fractions and slashes', () => {
    expect(dt('2024-03-04T10:00:00Z')).toMatchObject({ wallMs: Date.UTC(2024, 2, 4, 10), offsetMinutes: 0 });
    expect(dt('2024-03-04T10:00:00.250+09:00')).toMatchObject({ wallMs: Date.UTC(2024, 2, 4, 10, 0, 0, 250), offsetMinutes: 540 });
    expect(dt('2024-03-04 10:00-0530')).toMatchObject({ offsetMinutes: -330 });
    expect(dt('2024/03/04 10:00:05')).toMatchObject({ wallMs: Date.UTC(2024, 2, 4, 10, 0, 5) });
    expect(dt('2024-03-04')).toMatchObject({ wallMs: Date.UTC(2024, 2, 4), hasTime: false });
  });

  it('rejects impossible dates and junk', () => {
    for (const s of ['2023-02-29 00:00', '2024-13-01 00:00', '2024-03-04 24:00', '2024-03-04x10:00', 'yesterday', '2024-03-04 10:00+25:00']) {
      expect(dt(s), s).toBeUndefined();
    }
  });

  it('reads clock times (Past All)', () => {
    expect(scanClockTime('10:04:58', 0, 8)).toBe(36_298_000);
    expect(scanClockTime('10:04', 0, 5)).toBe(36_240_000);
    expect(scanClockTime('25:00:00', 0, 8)).toBeNaN();
  });
});
