import { describe, expect, it } from 'vitest';
import { clockToMinute, excludedBands, minuteToClock } from './business-hours';

const H = 3_600_000;
// 2024-03-04 00:00 in UTC+9 (a Monday) as epoch ms.
const MON = Date.UTC(2024, 2, 4) - 9 * H;

describe('excludedBands', () => {
  const bh = { startMinute: 7 * 60, endMinute: 20 * 60, weekdaysOnly: false, utcOffsetMinutes: 540 };
  it('shades the night between two days as one band, in the local offset', () => {
    expect(excludedBands(MON, MON + 48 * H, bh)).toEqual([
      [MON, MON + 7 * H],
      [MON + 20 * H, MON + 31 * H],
      [MON + 44 * H, MON + 48 * H],
    ]);
  });
  it('leaves weekends out whole when weekdays only', () => {
    const sat = MON + 5 * 24 * H;
    expect(excludedBands(sat, sat + 48 * H, { ...bh, weekdaysOnly: true })).toEqual([[sat, sat + 48 * H]]);
    expect(excludedBands(MON - 24 * H, MON + 24 * H, { ...bh, weekdaysOnly: true })).toEqual([
      [MON - 24 * H, MON + 7 * H],
      [MON + 20 * H, MON + 24 * H],
    ]);
  });
  it('handles hours that wrap midnight, clipping and nothing to do', () => {
    expect(excludedBands(MON, MON + 24 * H, { ...bh, startMinute: 22 * 60, endMinute: 6 * 60 })).toEqual([[MON + 6 * H, MON + 22 * H]]);
    expect(excludedBands(MON + 3 * H, MON + 5 * H, bh)).toEqual([[MON + 3 * H, MON + 5 * H]]);
    expect(excludedBands(MON, MON + 24 * H, null)).toEqual([]);
    expect(excludedBands(MON, MON + 400 * 24 * H, bh, 100)).toBeNull();
  });
});

describe('clock text', () => {
  it('round-trips minutes', () => {
    expect(minuteToClock(450)).toBe('07:30');
    expect(clockToMinute('07:30')).toBe(450);
    expect(clockToMinute('24:00')).toBe(1440);
    expect(clockToMinute('24:01')).toBeNull();
    expect(clockToMinute('7:5')).toBeNull();
  });
});
