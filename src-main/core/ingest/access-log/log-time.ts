/**
 * Timestamp parsing straight from bytes. Access logs carry their own UTC offset
 * (`[30/Apr/2022:08:13:47 +0900]`, METHODS.md §2); we keep it so outage tables print times as
 * the log wrote them, while every instant inside Vigil is epoch ms UTC.
 */

/** Filled by the parse functions (one shared scratch object: no allocation per line). */
export const parsedTime = { ms: 0, offsetMinutes: 0 };

function d2(buf: Buffer, i: number): number {
  const a = buf[i]! - 0x30;
  const b = buf[i + 1]! - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function d4(buf: Buffer, i: number): number {
  const a = d2(buf, i);
  const b = d2(buf, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/** Month from its English three-letter abbreviation (case-insensitive), 1..12; 0 if unknown. */
function month3(a: number, b: number, c: number): number {
  const k = (((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20)) >>> 0;
  switch (k) {
    case 0x6a616e: return 1; // jan
    case 0x666562: return 2; // feb
    case 0x6d6172: return 3; // mar
    case 0x617072: return 4; // apr
    case 0x6d6179: return 5; // may
    case 0x6a756e: return 6; // jun
    case 0x6a756c: return 7; // jul
    case 0x617567: return 8; // aug
    case 0x736570: return 9; // sep
    case 0x6f6374: return 10; // oct
    case 0x6e6f76: return 11; // nov
    case 0x646563: return 12; // dec
    default: return 0;
  }
}

// Date.UTC is slow-ish; the day number only changes once a day, so cache it per (y, m, d).
let cacheKey = -1;
let cacheDayMs = 0;
function dayMs(y: number, m: number, d: number): number {
  const key = y * 10000 + m * 100 + d;
  if (key !== cacheKey) {
    cacheKey = key;
    cacheDayMs = Date.UTC(y, m - 1, d);
  }
  return cacheDayMs;
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

/**
 * `dd/Mon/yyyy:HH:MM:SS ±hhmm` at [s, e) (no brackets). Returns false when malformed.
 * The offset is honoured: 08:13:47 +0900 is 23:13:47 UTC the day before.
 */
export function parseClfTime(buf: Buffer, s: number, e: number): boolean {
  if (e - s < 26 || buf[s + 2] !== 0x2f || buf[s + 6] !== 0x2f || buf[s + 11] !== 0x3a || buf[s + 20] !== 0x20) return false;
  const d = d2(buf, s);
  const mo = month3(buf[s + 3]!, buf[s + 4]!, buf[s + 5]!);
  const y = d4(buf, s + 7);
  const h = d2(buf, s + 12);
  const mi = d2(buf, s + 15);
  const sec = d2(buf, s + 18);
  if (!valid(y, mo, d, h, mi, sec)) return false;
  const sign = buf[s + 21];
  const oh = d2(buf, s + 22);
  const om = d2(buf, s + 24);
  if ((sign !== 0x2b && sign !== 0x2d) || oh < 0 || om < 0) return false;
  const off = (sign === 0x2d ? -1 : 1) * (oh * 60 + om);
  parsedTime.offsetMinutes = off;
  parsedTime.ms = dayMs(y, mo, d) + ((h * 60 + mi - off) * 60 + sec) * 1000;
  return true;
}

/**
 * ISO 8601 `yyyy-mm-ddTHH:MM:SS[.fff…][Z|±hh:mm|±hhmm]` (also a space instead of `T`).
 * No zone means UTC (ALB, IIS). Fractions are kept to the millisecond.
 */
export function parseIsoTime(buf: Buffer, s: number, e: number): boolean {
  if (e - s < 19 || buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d || buf[s + 13] !== 0x3a || buf[s + 16] !== 0x3a) return false;
  const sepT = buf[s + 10];
  if (sepT !== 0x54 && sepT !== 0x20) return false;
  return isoParts(buf, s, s + 11, e);
}

/** IIS writes `date` and `time` as two fields; both UTC. */
export function parseDateAndTime(buf: Buffer, ds: number, de: number, ts: number, te: number): boolean {
  if (de - ds !== 10 || te - ts < 8 || buf[ds + 4] !== 0x2d || buf[ds + 7] !== 0x2d || buf[ts + 2] !== 0x3a || buf[ts + 5] !== 0x3a) return false;
  return isoParts(buf, ds, ts, te);
}

function isoParts(buf: Buffer, ds: number, ts: number, te: number): boolean {
  const y = d4(buf, ds);
  const mo = d2(buf, ds + 5);
  const d = d2(buf, ds + 8);
  const h = d2(buf, ts);
  const mi = d2(buf, ts + 3);
  const sec = d2(buf, ts + 6);
  if (!valid(y, mo, d, h, mi, sec)) return false;
  let i = ts + 8;
  let frac = 0;
  if (i < te && buf[i] === 0x2e) {
    i++;
    let scale = 100;
    while (i < te && buf[i]! >= 0x30 && buf[i]! <= 0x39) {
      frac += (buf[i]! - 0x30) * scale;
      scale /= 10;
      i++;
    }
    frac = Math.floor(frac);
  }
  let off = 0;
  if (i < te) {
    const z = buf[i];
    if (z === 0x5a || z === 0x7a) i++;
    else if (z === 0x2b || z === 0x2d) {
      const oh = d2(buf, i + 1);
      const colon = buf[i + 3] === 0x3a ? 1 : 0;
      const om = d2(buf, i + 3 + colon);
      if (oh < 0 || om < 0) return false;
      off = (z === 0x2d ? -1 : 1) * (oh * 60 + om);
      i += 5 + colon;
    } else return false;
  }
  if (i !== te) return false;
  parsedTime.offsetMinutes = off;
  parsedTime.ms = dayMs(y, mo, d) + ((h * 60 + mi - off) * 60 + sec) * 1000 + frac;
  return true;
}
