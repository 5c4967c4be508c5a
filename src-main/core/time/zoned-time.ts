import { VigilError } from '../../../shared/errors';

/**
 * Local wall time ⇄ epoch ms for an IANA zone or a fixed offset, without external libraries.
 *
 * Scouter writes timestamps in the client machine's default zone (SCOUTER-CSV.md §5), so every
 * import converts local wall times to UTC. A *wall time* here is the local date and time encoded
 * as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`): plain integer arithmetic, no Date objects.
 *
 * `Intl.DateTimeFormat#formatToParts` costs ~10 µs a call, far too slow for 100k rows, so offsets
 * are cached per UTC day and runs of days with the same offset are merged. A year of 5-minute
 * rows then needs ~370 Intl calls in total (one per day plus a binary search on each DST day).
 */

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** How a local wall time maps to instants (Temporal's vocabulary). */
export const WALL_UNIQUE = 1;
/** Fall-back: the wall time happens twice; `out[0]` is the earlier instant, `out[1]` the later. */
export const WALL_AMBIGUOUS = 2;
/** Spring-forward: the wall time never happens; `out[0]` is the instant shifted forward by the gap. */
export const WALL_NONEXISTENT = 0;
/** One of the WALL_* outcomes of `resolveWall`. */
export type WallResolution = typeof WALL_UNIQUE | typeof WALL_AMBIGUOUS | typeof WALL_NONEXISTENT;

/** Policy for `toEpoch` when a wall time is ambiguous or does not exist. */
export type Disambiguation = 'earlier' | 'later' | 'reject';

/** `Date.UTC` for already-validated fields; the wall-time encoding used throughout ingest. */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * Parses `Z`, `UTC`, `GMT`, `+09:00`, `-0530`, `+09` (also `UTC+09:00`) to minutes east of UTC;
 * undefined when the string is not a fixed offset (then it is taken as an IANA name).
 */
export function parseFixedOffset(zone: string): number | undefined {
  const s = zone.trim();
  if (/^(Z|UTC|GMT)$/i.test(s)) return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(s);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 18 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

interface DayOffsets {
  /** Offset (ms) at the start of the UTC day. */
  before: number;
  /** Offset (ms) at the end of the UTC day. */
  after: number;
  /** First instant with offset `after`; NaN when the day has no transition. */
  transitionAt: number;
}

/**
 * Converts between wall times and instants in one zone. Holds a cache, so create one per import
 * and reuse it for every row (and every file of the same import).
 */
export class ZonedTimeConverter {
  /** The zone as given (`Europe/Berlin`, `+09:00`, `UTC`). */
  readonly timeZone: string;
  /** Minutes east of UTC when the zone is a fixed offset, else undefined. */
  readonly fixedOffsetMinutes: number | undefined;
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly days = new Map<number, DayOffsets>();
  private readonly rawCache = new Map<number, number>();
  // A UTC interval [runFrom, runTo) known to have one offset: the hot path is a range check.
  private runFrom = 0;
  private runTo = 0;
  private runOffset = 0;
  private readonly pair = new Float64Array(2);

  /** @throws VigilError INVALID_SETTINGS when the zone is neither an IANA name nor an offset. */
  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.fixedOffsetMinutes = parseFixedOffset(timeZone);
    if (this.fixedOffsetMinutes !== undefined) {
      this.format = undefined;
      return;
    }
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new VigilError('INVALID_SETTINGS', `Unknown time zone "${timeZone}".`, {
        where: { field: 'timeZone' },
        hint: 'Use an IANA zone name such as "Asia/Seoul" or "Europe/Berlin", or a fixed offset such as "+09:00".',
        cause,
      });
    }
  }

  /** Offset of the zone at an instant, in ms east of UTC. */
  offsetMsAt(epochMs: number): number {
    if (this.fixedOffsetMinutes !== undefined) return this.fixedOffsetMinutes * 60_000;
    if (epochMs >= this.runFrom && epochMs < this.runTo) return this.runOffset;
    const day = Math.floor(epochMs / DAY_MS);
    const info = this.dayOffsets(day);
    if (Number.isNaN(info.transitionAt)) {
      this.extendRun(day, info.before);
      return info.before;
    }
    return epochMs < info.transitionAt ? info.before : info.after;
  }

  /** Offset of the zone at an instant, in minutes east of UTC (may be fractional for old LMT). */
  offsetMinutesAt(epochMs: number): number {
    return this.offsetMsAt(epochMs) / 60_000;
  }

  /**
   * All instants whose local wall time is `wallMs`, written to `out` (earlier first).
   *
   * Returns WALL_UNIQUE (out[0] = out[1]), WALL_AMBIGUOUS (fall-back; two instants one offset
   * change apart) or WALL_NONEXISTENT (spring-forward gap; out[0] = the wall time read with the
   * offset *before* the gap, i.e. shifted forward by the gap length, like Temporal's
   * 'compatible'; out[1] = read with the offset after). Assumes at most one transition within
   * ±1 day of any wall time, true of every zone in use.
   */
  resolveWall(wallMs: number, out: Float64Array): WallResolution {
    if (this.fixedOffsetMinutes !== undefined) {
      const t = wallMs - this.fixedOffsetMinutes * 60_000;
      out[0] = t;
      out[1] = t;
      return WALL_UNIQUE;
    }
    const offBefore = this.offsetMsAt(wallMs - DAY_MS);
    const offAfter = this.offsetMsAt(wallMs + DAY_MS);
    if (offBefore === offAfter) {
      const t = wallMs - offBefore;
      out[0] = t;
      out[1] = t;
      return WALL_UNIQUE;
    }
    const tBefore = wallMs - offBefore;
    const tAfter = wallMs - offAfter;
    const beforeValid = this.offsetMsAt(tBefore) === offBefore;
    const afterValid = this.offsetMsAt(tAfter) === offAfter;
    if (beforeValid && afterValid) {
      out[0] = Math.min(tBefore, tAfter);
      out[1] = Math.max(tBefore, tAfter);
      return WALL_AMBIGUOUS;
    }
    if (beforeValid || afterValid) {
      const t = beforeValid ? tBefore : tAfter;
      out[0] = t;
      out[1] = t;
      return WALL_UNIQUE;
    }
    out[0] = tBefore;
    out[1] = tAfter;
    return WALL_NONEXISTENT;
  }

  /** One instant for a wall time; NaN when `reject` meets an ambiguous or nonexistent time. */
  toEpoch(wallMs: number, disambiguation: Disambiguation = 'earlier'): number {
    const kind = this.resolveWall(wallMs, this.pair);
    if (kind === WALL_UNIQUE) return this.pair[0]!;
    if (disambiguation === 'reject') return Number.NaN;
    if (kind === WALL_NONEXISTENT) return this.pair[0]!;
    return disambiguation === 'earlier' ? this.pair[0]! : this.pair[1]!;
  }

  private extendRun(day: number, offset: number): void {
    const from = day * DAY_MS;
    if (offset === this.runOffset && from === this.runTo) this.runTo += DAY_MS;
    else if (offset === this.runOffset && from + DAY_MS === this.runFrom) this.runFrom = from;
    else {
      this.runFrom = from;
      this.runTo = from + DAY_MS;
      this.runOffset = offset;
    }
  }

  private dayOffsets(day: number): DayOffsets {
    const hit = this.days.get(day);
    if (hit) return hit;
    const start = day * DAY_MS;
    const before = this.rawOffset(start);
    const after = this.rawOffset(start + DAY_MS);
    let transitionAt = Number.NaN;
    if (before !== after) {
      // Binary search in whole seconds: Intl reports seconds, and transitions fall on seconds.
      let lo = start / SECOND_MS;
      let hi = (start + DAY_MS) / SECOND_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.rawOffset(mid * SECOND_MS) === before) lo = mid;
        else hi = mid;
      }
      transitionAt = hi * SECOND_MS;
    }
    const info = { before, after, transitionAt };
    this.days.set(day, info);
    return info;
  }

  /** Offset via Intl (slow path), ms east of UTC, at whole-second resolution. */
  private rawOffset(epochMs: number): number {
    const cached = this.rawCache.get(epochMs);
    if (cached !== undefined) return cached;
    const t = Math.floor(epochMs / SECOND_MS) * SECOND_MS;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const p of this.format!.formatToParts(t)) {
      switch (p.type) {
        case 'year': year = Number(p.value); break;
        case 'month': month = Number(p.value); break;
        case 'day': day = Number(p.value); break;
        case 'hour': hour = Number(p.value); break;
        case 'minute': minute = Number(p.value); break;
        case 'second': second = Number(p.value); break;
        case 'era': bc = p.value.startsWith('B'); break;
        default: break;
      }
    }
    // Date.UTC maps years 0–99 to 1900+; setUTCFullYear does not.
    const d = new Date(0);
    d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    const offset = d.getTime() - t;
    this.rawCache.set(epochMs, offset);
    return offset;
  }
}

// Pure memo of converters by zone name for the one-shot helpers below; holds no observable state.
const converters = new Map<string, ZonedTimeConverter>();

function converterFor(timeZone: string): ZonedTimeConverter {
  let c = converters.get(timeZone);
  if (!c) {
    c = new ZonedTimeConverter(timeZone);
    converters.set(timeZone, c);
  }
  return c;
}

/** Offset of `timeZone` at an instant, minutes east of UTC (e.g. 540 for Asia/Seoul). */
export function epochToOffsetMinutes(epochMs: number, timeZone: string): number {
  return converterFor(timeZone).offsetMinutesAt(epochMs);
}

/** Local wall time (see `wallClockMs`) in `timeZone` → epoch ms; NaN under 'reject' for DST edge times. */
export function wallToEpochMs(wallMs: number, timeZone: string, disambiguation: Disambiguation = 'earlier'): number {
  return converterFor(timeZone).toEpoch(wallMs, disambiguation);
}
