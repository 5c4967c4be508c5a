/**
 * Date-time cells parsed from char codes (no regex, no Date per row): the time column is read
 * once per row, 97k rows per file at the paper's scale (METHODS.md §1).
 *
 * Accepted: `yyyy-MM-dd HH:mm` (Scouter Daily All, SCOUTER-CSV.md §5), `yyyy-MM-dd HH:mm:ss`,
 * ISO 8601 `yyyy-MM-ddTHH:mm[:ss[.fff]]` with optional `Z` / `±HH:MM` / `±HHMM` / `±HH`,
 * `/` instead of `-` in the date, a date alone, and `HH:mm:ss` clock times (Past All).
 */

const ZERO = 48;
const DAY_MS = 86_400_000;

/** Result of `scanDateTime` (reuse one instance). */
export interface DateTimeScan {
  /** The written date and time as if it were UTC (a wall time, see zoned-time.ts). */
  wallMs: number;
  /** Offset written in the cell, minutes east of UTC; NaN when the cell has none (local time). */
  offsetMinutes: number;
  /** True when the cell had seconds. */
  hasSeconds: boolean;
  /** True when the cell had a time part. */
  hasTime: boolean;
}

/** A fresh scratch result for `scanDateTime`. */
export function newDateTimeScan(): DateTimeScan {
  return { wallMs: Number.NaN, offsetMinutes: Number.NaN, hasSeconds: false, hasTime: false };
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -1000;
}

function two(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

/**
 * Parses text[start, end) as a date-time; false when it is not one (fields out of range count
 * as not one). `out` is filled only on success.
 */
export function scanDateTime(text: string, start: number, end: number, out: DateTimeScan): boolean {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (end - start < 10) return false;
  const year = digit(text, start) * 1000 + digit(text, start + 1) * 100 + two(text, start + 2);
  const sep = text.charCodeAt(start + 4);
  if (year < 0 || (sep !== 45 && sep !== 47) || text.charCodeAt(start + 7) !== sep) return false;
  const month = two(text, start + 5);
  const day = two(text, start + 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  let i = start + 10;
  out.hasTime = false;
  out.hasSeconds = false;
  out.offsetMinutes = Number.NaN;
  if (i < end) {
    const t = text.charCodeAt(i);
    if (t !== 32 && t !== 84 /* T */) return false;
    i++;
    const hour = two(text, i);
    const minute = two(text, i + 3);
    if (text.charCodeAt(i + 2) !== 58 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
    ms += hour * 3_600_000 + minute * 60_000;
    out.hasTime = true;
    i += 5;
    if (i < end && text.charCodeAt(i) === 58) {
      const second = two(text, i + 1);
      if (second < 0 || second > 59) return false;
      ms += second * 1000;
      out.hasSeconds = true;
      i += 3;
      if (i < end && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
        // Fraction: keep milliseconds, drop the rest.
        i++;
        let scale = 100;
        const from = i;
        while (i < end && digit(text, i) >= 0) {
          ms += digit(text, i) * scale;
          scale /= 10;
          i++;
        }
        if (i === from) return false;
        ms = Math.floor(ms);
      }
    }
    if (i < end) {
      const z = text.charCodeAt(i);
      if (z === 90 /* Z */ && i + 1 === end) out.offsetMinutes = 0;
      else if (z === 43 || z === 45) {
        const oh = two(text, i + 1);
        let om = 0;
        const rest = end - i - 3;
        if (rest === 3 && text.charCodeAt(i + 3) === 58) om = two(text, i + 4);
        else if (rest === 2) om = two(text, i + 3);
        else if (rest !== 0) return false;
        if (oh < 0 || oh > 18 || om < 0 || om > 59) return false;
        out.offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
      } else return false;
    }
  }
  out.wallMs = ms;
  return true;
}

/** `HH:mm:ss` (or `HH:mm`) → ms since midnight; NaN when not a clock time. */
export function scanClockTime(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const len = end - start;
  if ((len !== 8 && len !== 5) || text.charCodeAt(start + 2) !== 58) return Number.NaN;
  const hour = two(text, start);
  const minute = two(text, start + 3);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let second = 0;
  if (len === 8) {
    if (text.charCodeAt(start + 5) !== 58) return Number.NaN;
    second = two(text, start + 6);
    if (second < 0 || second > 59) return Number.NaN;
  }
  return hour * 3_600_000 + minute * 60_000 + second * 1000;
}
