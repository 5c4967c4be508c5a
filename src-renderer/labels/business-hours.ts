import type { BusinessHours } from '../../shared/domain/labels';

const MIN = 60_000;
const DAY = 1440 * MIN;

/**
 * The stretches of [fromMs, toMs] that the business-hours filter leaves out (METHODS.md §2),
 * as [start, end) epoch-ms pairs, merged and in order — what the chart shades. Same rule as the
 * engine's `businessHoursMask`: local time = UTC + offset; hours may wrap midnight; with
 * `weekdaysOnly` a Saturday or Sunday (of the local calendar day) is left out whole.
 * At most `maxBands` bands (a year of days is ~730); beyond that null = too many to draw.
 */
export function excludedBands(fromMs: number, toMs: number, bh: BusinessHours | null, maxBands = 4000): [number, number][] | null {
  if (!bh || !(toMs > fromMs)) return [];
  const off = bh.utcOffsetMinutes * MIN;
  const out: [number, number][] = [];
  const push = (a: number, b: number) => {
    const s = Math.max(a, fromMs);
    const e = Math.min(b, toMs);
    if (e <= s) return;
    const last = out[out.length - 1];
    if (last && last[1] >= s) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  };
  // Local midnight (as epoch ms) of the day holding fromMs.
  let day = Math.floor((fromMs + off) / DAY) * DAY - off;
  for (; day < toMs; day += DAY) {
    const weekday = (Math.floor((day + off) / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    if (bh.weekdaysOnly && (weekday === 0 || weekday === 6)) {
      push(day, day + DAY);
    } else if (bh.startMinute <= bh.endMinute) {
      push(day, day + bh.startMinute * MIN);
      push(day + bh.endMinute * MIN, day + DAY);
    } else {
      push(day + bh.endMinute * MIN, day + bh.startMinute * MIN);
    }
    if (out.length > maxBands) return null;
  }
  return out;
}

/** `07:30` ↔ 450 (minutes after local midnight); `24:00` = 1440. */
export function minuteToClock(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function clockToMinute(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}
