import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../shared/errors';
import {
  WALL_AMBIGUOUS,
  WALL_NONEXISTENT,
  WALL_UNIQUE,
  ZonedTimeConverter,
  epochToOffsetMinutes,
  parseFixedOffset,
  wallClockMs,
  wallToEpochMs,
} from './zoned-time';

/** Offset straight from Intl, no cache: the reference the converter must agree with. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffsetMinutes(epochMs: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(epochMs).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return (wall - Math.floor(epochMs / 1000) * 1000) / 60_000;
}

describe('parseFixedOffset', () => {
  it.each([
    ['+09:00', 540],
    ['-05:30', -330],
    ['+0545', 345],
    ['+09', 540],
    ['UTC', 0],
    ['Z', 0],
    ['UTC+09:00', 540],
  ])('%s → %i minutes', (s, m) => expect(parseFixedOffset(s)).toBe(m));
  it('leaves IANA names alone', () => expect(parseFixedOffset('Asia/Seoul')).toBeUndefined());
});

describe('ZonedTimeConverter offsets', () => {
  it('knows fixed and standard zones', () => {
    expect(new ZonedTimeConverter('+09:00').offsetMinutesAt(0)).toBe(540);
    expect(epochToOffsetMinutes(Date.UTC(2024, 0, 1), 'Asia/Seoul')).toBe(540);
    expect(epochToOffsetMinutes(Date.UTC(2024, 0, 15), 'America/New_York')).toBe(-300);
    expect(epochToOffsetMinutes(Date.UTC(2024, 6, 15), 'America/New_York')).toBe(-240);
    expect(epochToOffsetMinutes(Date.UTC(2024, 6, 15), 'Asia/Kathmandu')).toBe(345);
  });

  it('finds the exact transition instant (New York, 2024-03-10 07:00 UTC)', () => {
    const z = new ZonedTimeConverter('America/New_York');
    const at = Date.UTC(2024, 2, 10, 7, 0, 0);
    expect(z.offsetMinutesAt(at - 1)).toBe(-300);
    expect(z.offsetMinutesAt(at)).toBe(-240);
  });

  it('agrees with uncached Intl on 3,000 instants across zones and decades', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Seoul', 'America/Sao_Paulo', 'Pacific/Apia'];
    // mulberry32: a deterministic spread of instants.
    let a = 12_345;
    const rand = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    for (const zone of zones) {
      const z = new ZonedTimeConverter(zone);
      for (let i = 0; i < 500; i++) {
        const t = Math.floor(Date.UTC(1985, 0, 1) + rand() * (Date.UTC(2035, 0, 1) - Date.UTC(1985, 0, 1)));
        expect(z.offsetMinutesAt(t), `${zone} ${new Date(t).toISOString()}`).toBe(intlOffsetMinutes(t, zone));
      }
    }
  });

  it('rejects an unknown zone with INVALID_SETTINGS', () => {
    expect(() => new ZonedTimeConverter('Mars/Olympus')).toThrow(VigilError);
    try {
      new ZonedTimeConverter('Mars/Olympus');
    } catch (e) {
      expect((e as VigilError).code).toBe('INVALID_SETTINGS');
      expect((e as VigilError).hint).toMatch(/IANA/);
    }
  });
});

describe('wall time → epoch', () => {
  const out = new Float64Array(2);

  it('converts ordinary times', () => {
    expect(wallToEpochMs(wallClockMs(2024, 3, 4, 9, 0), 'Asia/Seoul')).toBe(Date.UTC(2024, 2, 4, 0, 0));
    expect(wallToEpochMs(wallClockMs(2024, 3, 4, 9, 0), '+09:00')).toBe(Date.UTC(2024, 2, 4, 0, 0));
  });

  it('spring-forward: 2024-03-10 02:30 does not exist in New York', () => {
    const z = new ZonedTimeConverter('America/New_York');
    expect(z.resolveWall(wallClockMs(2024, 3, 10, 2, 30), out)).toBe(WALL_NONEXISTENT);
    // Read with the pre-gap offset (-05:00): 07:30 UTC = 03:30 EDT.
    expect(out[0]).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(z.toEpoch(wallClockMs(2024, 3, 10, 2, 30), 'reject')).toBeNaN();
    expect(z.resolveWall(wallClockMs(2024, 3, 10, 1, 59), out)).toBe(WALL_UNIQUE);
    expect(z.resolveWall(wallClockMs(2024, 3, 10, 3, 0), out)).toBe(WALL_UNIQUE);
    expect(out[0]).toBe(Date.UTC(2024, 2, 10, 7, 0));
  });

  it('fall-back: 2024-11-03 01:30 happens twice in New York', () => {
    const z = new ZonedTimeConverter('America/New_York');
    expect(z.resolveWall(wallClockMs(2024, 11, 3, 1, 30), out)).toBe(WALL_AMBIGUOUS);
    expect(out[0]).toBe(Date.UTC(2024, 10, 3, 5, 30)); // EDT
    expect(out[1]).toBe(Date.UTC(2024, 10, 3, 6, 30)); // EST
    expect(z.toEpoch(wallClockMs(2024, 11, 3, 1, 30), 'later')).toBe(Date.UTC(2024, 10, 3, 6, 30));
  });

  it('Europe/Berlin: 2024-03-31 02:30 is a gap, 2024-10-27 02:30 is ambiguous', () => {
    const z = new ZonedTimeConverter('Europe/Berlin');
    expect(z.resolveWall(wallClockMs(2024, 3, 31, 2, 30), out)).toBe(WALL_NONEXISTENT);
    expect(z.resolveWall(wallClockMs(2024, 10, 27, 2, 30), out)).toBe(WALL_AMBIGUOUS);
    expect([out[0], out[1]]).toEqual([Date.UTC(2024, 9, 27, 0, 30), Date.UTC(2024, 9, 27, 1, 30)]);
  });

  it('round-trips every instant of a DST year at 5-minute steps', () => {
    const z = new ZonedTimeConverter('Europe/Berlin');
    const misses: number[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 300_000) {
      const wall = t + z.offsetMsAt(t);
      const kind = z.resolveWall(wall, out);
      if (!(kind === WALL_UNIQUE ? out[0] === t : out[0] === t || out[1] === t)) misses.push(t);
    }
    expect(misses).toEqual([]);
  });

  it('converts 100k wall times quickly (cached offsets)', () => {
    const z = new ZonedTimeConverter('America/New_York');
    const start = wallClockMs(2021, 9, 28);
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += z.toEpoch(start + i * 300_000);
    const ms = performance.now() - t0;
    expect(sum).toBeGreaterThan(0);
    // ~370 Intl calls instead of 100k; generous bound for a shared CI machine.
    expect(ms).toBeLessThan(1000);
  });
});
