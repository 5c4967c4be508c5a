import { newDateTimeScan, scanDateTime } from '../csv/date-time-cells';

/** Time formats a generic CSV may use, detected from the first time cell. */
export type GenericTimeFormat = 'iso-offset' | 'local' | 'epoch-s' | 'epoch-ms';

/**
 * Epoch numbers at or above this are milliseconds, below it seconds: 1e11 s is the year 5138,
 * 1e11 ms is March 1973, so every plausible timestamp of either kind is classified right.
 */
const EPOCH_MS_THRESHOLD = 1e11;

/**
 * Reads a generic CSV's time column. The format is detected from the first cell and then held
 * for the whole file: ISO 8601 / `yyyy-MM-dd HH:mm[:ss]` with an offset (absolute), without one
 * (local wall time in the import's zone), or epoch seconds / milliseconds.
 *
 * `read` returns NaN for a cell that does not fit the file's format; otherwise the number is a
 * wall time when `isWall` is true (convert with the zone), an instant when false. Cells with
 * `Z` or an offset are always absolute, so `iso-offset` files may mix offsets.
 */
export class GenericTimeReader {
  format: GenericTimeFormat | undefined;
  /** Whether the last value `read` returned is a wall time (needs the zone) or an instant. */
  isWall = false;
  private readonly scan = newDateTimeScan();

  /** Parses text[start, end); NaN when the cell is not a time in the file's format. */
  read(text: string, start: number, end: number): number {
    if (this.format === undefined) this.format = detectTimeFormat(text.slice(start, end));
    if (this.format === undefined) return Number.NaN;
    if (this.format === 'epoch-s' || this.format === 'epoch-ms') {
      const v = epochNumber(text, start, end);
      this.isWall = false;
      return this.format === 'epoch-s' ? Math.round(v * 1000) : Math.round(v);
    }
    if (!scanDateTime(text, start, end, this.scan)) return Number.NaN;
    const hasOffset = !Number.isNaN(this.scan.offsetMinutes);
    if (hasOffset !== (this.format === 'iso-offset')) return Number.NaN;
    this.isWall = !hasOffset;
    return hasOffset ? this.scan.wallMs - this.scan.offsetMinutes * 60_000 : this.scan.wallMs;
  }

  /** Words for messages: what the file's time cells look like. */
  describe(): string {
    switch (this.format) {
      case 'iso-offset':
        return 'a date-time with an offset (e.g. 2024-03-04T10:00:00+09:00)';
      case 'local':
        return 'a local date-time (e.g. 2024-03-04 10:00:00)';
      case 'epoch-s':
        return 'epoch seconds';
      case 'epoch-ms':
        return 'epoch milliseconds';
      default:
        return 'a date-time (ISO 8601, yyyy-MM-dd HH:mm[:ss]) or epoch seconds/milliseconds';
    }
  }
}

/** The format of one time cell, or undefined when it is none of the supported ones. */
export function detectTimeFormat(cell: string): GenericTimeFormat | undefined {
  const s = cell.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) >= EPOCH_MS_THRESHOLD ? 'epoch-ms' : 'epoch-s';
  const scan = newDateTimeScan();
  if (!scanDateTime(s, 0, s.length, scan)) return undefined;
  return Number.isNaN(scan.offsetMinutes) ? 'local' : 'iso-offset';
}

/** Unsigned decimal number from char codes; NaN otherwise. */
function epochNumber(text: string, start: number, end: number): number {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (start === end) return Number.NaN;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return Number.NaN;
  }
  return Number(text.slice(start, end));
}
