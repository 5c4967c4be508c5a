import type { BusinessHours, LabelSpan } from '../../../shared/domain/labels';
import { MINUTE_MS } from '../../../shared/domain/time';
import { lowerBound } from '../../../shared/sorted-search';

/**
 * 0/1 label per row of one object's time grid (METHODS.md §2): a sample is anomalous when its
 * timestamp lies inside a span, [start, end). Spans with `object === null` apply to every object.
 * The 08:13:47–08:49:52 outage labels 08:15 … 08:45.
 */
export function rowLabels(times: Float64Array, spans: readonly Pick<LabelSpan, 'object' | 'startMs' | 'endMs'>[], object: string): Uint8Array {
  const y = new Uint8Array(times.length);
  const mine = spans.filter((s) => s.object === null || s.object === object).sort((a, b) => a.startMs - b.startMs);
  for (const s of mine) {
    let lo = lowerBound(times, s.startMs);
    while (lo < times.length && (times[lo] as number) < s.endMs) y[lo++] = 1;
  }
  return y;
}

/**
 * 1 where a row falls inside business hours (METHODS.md §2: the paper keeps 07:00–20:00, since
 * early-morning outages were mostly backups and batch jobs). Local time = UTC + offset.
 */
export function businessHoursMask(times: Float64Array, bh: BusinessHours | null): Uint8Array {
  const m = new Uint8Array(times.length);
  if (!bh) return m.fill(1);
  for (let i = 0; i < times.length; i++) {
    const local = (times[i] as number) + bh.utcOffsetMinutes * MINUTE_MS;
    const minute = Math.floor(local / MINUTE_MS) % 1440;
    const mod = minute < 0 ? minute + 1440 : minute;
    const inHours = bh.startMinute <= bh.endMinute ? mod >= bh.startMinute && mod < bh.endMinute : mod >= bh.startMinute || mod < bh.endMinute;
    // 1970-01-01 was a Thursday: day 0 → 4.
    const weekday = (Math.floor(local / (1440 * MINUTE_MS)) + 4) % 7;
    const weekend = weekday === 0 || weekday === 6;
    m[i] = inHours && !(bh.weekdaysOnly && weekend) ? 1 : 0;
  }
  return m;
}

export const DEFAULT_BUSINESS_HOURS = (utcOffsetMinutes: number): BusinessHours => ({ startMinute: 7 * 60, endMinute: 20 * 60, weekdaysOnly: false, utcOffsetMinutes });
