import { describe, expect, it } from 'vitest';
import { LocalTimeSequence, SEQ_DUPLICATE, SEQ_NONEXISTENT, SEQ_OK, SEQ_OUT_OF_ORDER } from './local-time-sequence';
import { ZonedTimeConverter, wallClockMs } from './zoned-time';

describe('LocalTimeSequence', () => {
  it('reads a repeated fall-back hour in file order (New York, 5-minute grid)', () => {
    const zone = new ZonedTimeConverter('America/New_York');
    // What a Scouter client in New York writes: the UTC grid formatted in local time.
    const instants: number[] = [];
    for (let t = Date.UTC(2024, 10, 3, 4, 0); t <= Date.UTC(2024, 10, 3, 8, 0); t += 300_000) instants.push(t);
    const walls = instants.map((t) => t + zone.offsetMsAt(t));
    expect(new Set(walls).size).toBe(walls.length - 12); // 01:00–01:55 appear twice
    const seq = new LocalTimeSequence(zone);
    const got = walls.map((w) => {
      expect(seq.push(w)).toBe(SEQ_OK);
      return seq.previous;
    });
    expect(got).toEqual(instants);
  });

  it('rejects a wall time inside the spring-forward gap by default, shifts it on request', () => {
    const zone = new ZonedTimeConverter('America/New_York');
    const gap = wallClockMs(2024, 3, 10, 2, 30);
    expect(new LocalTimeSequence(zone).push(gap)).toBe(SEQ_NONEXISTENT);
    const shifting = new LocalTimeSequence(zone, 'shift-forward');
    expect(shifting.push(gap)).toBe(SEQ_OK);
    expect(shifting.previous).toBe(Date.UTC(2024, 2, 10, 7, 30));
  });

  it('reports duplicates and disorder', () => {
    const seq = new LocalTimeSequence(new ZonedTimeConverter('+09:00'));
    expect(seq.push(wallClockMs(2024, 3, 4, 10, 0))).toBe(SEQ_OK);
    expect(seq.push(wallClockMs(2024, 3, 4, 10, 0))).toBe(SEQ_DUPLICATE);
    expect(seq.push(wallClockMs(2024, 3, 4, 9, 55))).toBe(SEQ_OUT_OF_ORDER);
    expect(seq.pushInstant(Date.UTC(2024, 2, 4, 1, 5))).toBe(SEQ_OK);
  });
});
