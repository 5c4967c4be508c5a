/**
 * Deterministic demo-data generator for Vigil.
 *
 * Simulates one nginx web server in front of four Tomcat WAS objects (Scouter objType `tomcat`) in
 * Asia/Seoul (+09:00) and writes:
 *   - ten Scouter "Daily All" counter exports, byte-exact to the Scouter client writer
 *     (opencsv 2.4 defaults + DecimalFormat "#,###.##", see shared/docs/SCOUTER-CSV.md),
 *   - one nginx access log per WAS object (`access-<object>.log.gz`, combined format) with
 *     ELB-HealthChecker probes (two alternating balancer nodes, 30 s each) and light user traffic,
 *   - `incidents.json`, the ground truth (outages, precursors, single failed probes, quirks).
 *
 * No Math.random and no clock: all randomness comes from seeded mulberry32 streams, all times are
 * computed as integer seconds from 00:00 KST of the first day. Every stream is either per object
 * and consumed day by day in order (counters, day noise) or per object and day (logs), so a run
 * over the first N days writes a byte prefix (after the CSV header / of the decompressed log) of
 * a longer run; generate.test.ts relies on this to check the shipped data cheaply. Run:
 *   npx tsx resources/demo/generate.ts [--out DIR] [--days N] [--seed N] [--no-logs]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { PAPER_COUNTERS } from '../../shared/domain/series';

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

export const DEFAULT_SEED = 20240304;
export const DEFAULT_START = '2024-03-04';
export const DEFAULT_DAYS = 63; // 2024-03-04 (Mon) … 2024-05-05 (Sun)
export const OBJ_TYPE = 'tomcat';
export const UTC_OFFSET = '+09:00';
const BUCKET = 300; // seconds, Scouter daily 5-minute grid
const ROWS_PER_DAY = 288;
const DAY = 86_400;

/** The paper's ten counters (METHODS.md §1), one export file each. */
export const COUNTERS = PAPER_COUNTERS;
export type CounterName = (typeof COUNTERS)[number];

interface ObjectProfile {
  name: string; // Scouter objName
  short: string; // MIS-WAS-A
  peakTps: number;
  nightFactor: number; // extra multiplier on the night load (interface servers are idle at night)
  baseElapsed: number; // ms
  sqlFrac: number;
  apiFrac: number;
  usersPeak: number;
  heapMax: number; // MB (-Xmx)
  heapBase: number; // old gen after a full GC, MB
  youngAvg: number; // average young-gen occupancy, MB
  reqPerYoungGc: number;
  promoteKbPerReq: number;
  youngGcMs: [number, number];
  fullGcMs: [number, number];
  probePhase: number; // seconds offset (0…29) of balancer 1's 30 s cadence; balancer 2 follows ~15 s later
  upstream: string; // ip:port of the Tomcat connector (README only)
}

/** Server-returned order (not sorted), identical in every export. */
export const OBJECTS: readonly ObjectProfile[] = [
  {
    name: '/MIS-WAS2/MIS-WAS-C', short: 'MIS-WAS-C', peakTps: 22, nightFactor: 0.012, baseElapsed: 380,
    sqlFrac: 0.3, apiFrac: 0.26, usersPeak: 170, heapMax: 3072, heapBase: 760, youngAvg: 340,
    reqPerYoungGc: 420, promoteKbPerReq: 14, youngGcMs: [14, 38], fullGcMs: [520, 1250],
    probePhase: 2, upstream: '10.10.2.21:8080',
  },
  {
    name: '/MIS-WAS1/MIS-WAS-A', short: 'MIS-WAS-A', peakTps: 38, nightFactor: 1, baseElapsed: 240,
    sqlFrac: 0.44, apiFrac: 0.07, usersPeak: 320, heapMax: 2048, heapBase: 520, youngAvg: 230,
    reqPerYoungGc: 600, promoteKbPerReq: 12, youngGcMs: [8, 26], fullGcMs: [380, 900],
    probePhase: 11, upstream: '10.10.1.11:8080',
  },
  {
    name: '/MIS-WAS2/MIS-WAS-D', short: 'MIS-WAS-D', peakTps: 21, nightFactor: 0.012, baseElapsed: 395,
    sqlFrac: 0.29, apiFrac: 0.27, usersPeak: 160, heapMax: 3072, heapBase: 780, youngAvg: 330,
    reqPerYoungGc: 420, promoteKbPerReq: 14, youngGcMs: [14, 40], fullGcMs: [540, 1300],
    probePhase: 19, upstream: '10.10.2.22:8080',
  },
  {
    name: '/MIS-WAS1/MIS-WAS-B', short: 'MIS-WAS-B', peakTps: 36, nightFactor: 1, baseElapsed: 250,
    sqlFrac: 0.43, apiFrac: 0.08, usersPeak: 300, heapMax: 2048, heapBase: 540, youngAvg: 235,
    reqPerYoungGc: 600, promoteKbPerReq: 12, youngGcMs: [8, 27], fullGcMs: [390, 920],
    probePhase: 26, upstream: '10.10.1.12:8080',
  },
];

export const BALANCERS = ['10.0.1.12', '10.0.2.34'] as const;
/** Each balancer node probes every object every 30 s (the ALB target group's health-check interval). */
export const PROBE_INTERVAL = 30;
/** The two nodes alternate: node 2 probes ~15 s after node 1, so an object sees a probe every ~15 s. */
export const PROBE_NODE_OFFSET = 15;
export const BUSINESS_HOURS = { from: '07:00', to: '20:00' };

const A = '/MIS-WAS1/MIS-WAS-A';
const B = '/MIS-WAS1/MIS-WAS-B';
const C = '/MIS-WAS2/MIS-WAS-C';
const D = '/MIS-WAS2/MIS-WAS-D';

type Kind = '502' | 'silence';
type Cause = 'heap' | 'db' | 'api' | 'batch' | 'backup';

interface IncidentSpec {
  id: string;
  objects: string[];
  date: string; // yyyy-MM-dd (KST)
  from: string; // HH:mm:ss
  to: string; // HH:mm:ss
  leadMin: number | null; // precursor lead time in minutes (null = no precursor)
  kind: Kind;
  cause: Cause;
  severity: number; // 0.6 … 1
}

/** Hand-written incident schedule (dates in the default range; specs outside a shorter range are dropped). */
const INCIDENTS: IncidentSpec[] = [
  { id: 'INC-01', objects: [A], date: '2024-03-06', from: '10:42:17', to: '10:58:40', leadMin: 20, kind: '502', cause: 'heap', severity: 0.95 },
  { id: 'INC-02', objects: [C], date: '2024-03-12', from: '14:07:05', to: '14:19:31', leadMin: 25, kind: '502', cause: 'api', severity: 0.85 },
  { id: 'INC-03', objects: [B], date: '2024-03-15', from: '09:31:48', to: '09:44:02', leadMin: 18, kind: 'silence', cause: 'heap', severity: 1 },
  { id: 'INC-04', objects: [D], date: '2024-03-19', from: '16:22:40', to: '16:58:11', leadMin: 30, kind: '502', cause: 'db', severity: 0.8 },
  { id: 'INC-05', objects: [A, B], date: '2024-03-21', from: '11:05:22', to: '11:32:47', leadMin: 22, kind: '502', cause: 'db', severity: 0.9 },
  { id: 'INC-06', objects: [C], date: '2024-03-27', from: '13:48:10', to: '13:55:34', leadMin: 16, kind: 'silence', cause: 'heap', severity: 0.75 },
  { id: 'INC-07', objects: [D], date: '2024-03-30', from: '10:20:13', to: '10:31:40', leadMin: 18, kind: '502', cause: 'heap', severity: 0.8 },
  { id: 'INC-08', objects: [B], date: '2024-04-02', from: '15:12:55', to: '15:40:03', leadMin: 28, kind: '502', cause: 'heap', severity: 1 },
  { id: 'INC-09', objects: [D], date: '2024-04-05', from: '08:37:26', to: '08:49:50', leadMin: 15, kind: '502', cause: 'api', severity: 0.7 },
  { id: 'INC-10', objects: [A], date: '2024-04-09', from: '17:26:44', to: '17:38:09', leadMin: 20, kind: 'silence', cause: 'heap', severity: 0.9 },
  { id: 'INC-11', objects: [C], date: '2024-04-15', from: '10:03:31', to: '10:41:12', leadMin: 30, kind: '502', cause: 'db', severity: 0.95 },
  { id: 'INC-12', objects: [B], date: '2024-04-18', from: '12:31:19', to: '12:37:45', leadMin: 17, kind: 'silence', cause: 'heap', severity: 0.7 },
  { id: 'INC-13', objects: [D], date: '2024-04-23', from: '14:55:02', to: '15:13:37', leadMin: 24, kind: '502', cause: 'heap', severity: 0.9 },
  { id: 'INC-14', objects: [A], date: '2024-04-26', from: '09:12:40', to: '09:29:58', leadMin: 19, kind: '502', cause: 'api', severity: 0.85 },
  { id: 'INC-15', objects: [C], date: '2024-04-30', from: '19:18:27', to: '19:33:05', leadMin: 21, kind: 'silence', cause: 'heap', severity: 0.8 },
  { id: 'INC-16', objects: [B], date: '2024-05-03', from: '11:47:51', to: '12:05:16', leadMin: 26, kind: '502', cause: 'db', severity: 0.9 },
  // Night-time outages (batch / backup); the 07:00–20:00 business-hours filter must drop them.
  { id: 'NGT-01', objects: [A], date: '2024-03-10', from: '02:10:05', to: '02:38:44', leadMin: null, kind: 'silence', cause: 'backup', severity: 0 },
  { id: 'NGT-02', objects: [C], date: '2024-03-26', from: '01:32:19', to: '01:51:02', leadMin: 15, kind: '502', cause: 'batch', severity: 0.8 },
  { id: 'NGT-03', objects: [D], date: '2024-04-13', from: '03:05:40', to: '03:45:12', leadMin: null, kind: 'silence', cause: 'backup', severity: 0 },
  { id: 'NGT-04', objects: [B], date: '2024-04-24', from: '04:12:33', to: '04:26:50', leadMin: 20, kind: '502', cause: 'batch', severity: 0.75 },
];

/** Single failed probes: balancer 1's probe nearest to the given time answers 502; NOT outages. */
const FAILED_PROBES: { object: string; date: string; near: string }[] = [
  { object: A, date: '2024-03-08', near: '11:21:30' },
  { object: D, date: '2024-03-14', near: '15:47:00' },
  { object: B, date: '2024-03-28', near: '09:05:10' },
  { object: C, date: '2024-04-11', near: '13:33:40' },
  { object: A, date: '2024-04-19', near: '03:20:00' },
  { object: D, date: '2024-05-02', near: '16:10:20' },
];

/** Scouter agent not attached for a whole day (JVM restarted without -javaagent): `""` all day, probes fine. */
const MISSING_DAY = { object: C, date: '2024-04-17' };
/** Scouter collector down: every object reports "0" in every counter; the WAS kept serving. */
const COLLECTOR_GAP = { date: '2024-04-06', from: '22:10', to: '22:40' };
/** Public holidays with weekend-like load. */
const HOLIDAYS: Record<string, number> = { '2024-04-10': 0.32 /* 22nd National Assembly election */, '2024-05-01': 0.55 /* Workers' Day */ };

// ---------------------------------------------------------------------------------------------
// PRNG + helpers
// ---------------------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  private spare: number | null = null;
  constructor(seed: number, stream: string) {
    this.next = mulberry32((seed ^ hashString(stream)) >>> 0);
  }
  u(): number {
    return this.next();
  }
  range(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return a + Math.floor((b - a + 1) * this.next());
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
  /** Multiplicative noise with relative sd `s`, never below 0.05. */
  mul(s: number): number {
    return Math.max(0.05, 1 + s * this.normal());
  }
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const l = Math.exp(-mean);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= this.next();
      } while (p > l);
      return k - 1;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }
}

const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface DayInfo {
  iso: string; // yyyy-MM-dd
  compact: string; // yyyyMMdd
  clf: string; // dd/Mon/yyyy
  weekday: number; // 0 = Sunday
}

function dayInfo(start: string, index: number): DayInfo {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + index)); // calendar arithmetic only, no clock
  const yy = t.getUTCFullYear();
  const mm = t.getUTCMonth();
  const dd = t.getUTCDate();
  return {
    iso: `${yy}-${pad2(mm + 1)}-${pad2(dd)}`,
    compact: `${yy}${pad2(mm + 1)}${pad2(dd)}`,
    clf: `${pad2(dd)}/${MONTHS[mm]}/${yy}`,
    weekday: t.getUTCDay(),
  };
}

function hms(s: string): number {
  const [h, m, x] = s.split(':').map(Number) as [number, number, number | undefined];
  return h * 3600 + m * 60 + (x ?? 0);
}

function clock(sec: number): string {
  const s = ((sec % DAY) + DAY) % DAY;
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Scouter number + CSV format
// ---------------------------------------------------------------------------------------------

const f64 = new DataView(new ArrayBuffer(8));

function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/**
 * java.text.DecimalFormat("#,###.##") in an en/ko locale: grouping by 3, at most two decimals,
 * no trailing zeros, HALF_EVEN rounding on the exact binary value of the double.
 */
export function formatScouterNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '\u221e';
  if (v === -Infinity) return '-\u221e';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  if (Number.isInteger(a) && a < 2 ** 53) return (neg ? '-' : '') + groupDigits(String(a));
  f64.setFloat64(0, a);
  const hi = f64.getUint32(0);
  const lo = f64.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = exp === 0 ? -1074 : exp - 1075;
  let q: bigint;
  const num = m * 100n;
  if (e >= 0) q = num << BigInt(e);
  else {
    const den = 1n << BigInt(-e);
    q = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  const intPart = q / 100n;
  const cents = Number(q % 100n);
  let s = groupDigits(intPart.toString());
  if (cents !== 0) s += '.' + (cents % 10 === 0 ? String(cents / 10) : pad2(cents));
  return (neg ? '-' : '') + s;
}

/** opencsv 2.4 CSVWriter defaults: every field quoted, `"` doubled, `\n` after every row. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => '"' + f.replace(/"/g, '""') + '"').join(',') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Load model
// ---------------------------------------------------------------------------------------------

// Weekday shape, hours → relative load (piecewise linear).
const WEEKDAY_CURVE: [number, number][] = [
  [0, 0.06], [1, 0.045], [2, 0.03], [3, 0.025], [4, 0.025], [5, 0.035], [6, 0.07], [7, 0.2],
  [8, 0.52], [8.5, 0.83], [9, 0.97], [10, 1.0], [11, 0.97], [11.75, 0.88], [12, 0.56], [12.5, 0.47],
  [13, 0.72], [13.5, 0.94], [14, 1.0], [15, 0.98], [16, 0.95], [17, 0.9], [18, 0.68], [18.5, 0.46],
  [19, 0.33], [20, 0.22], [21, 0.17], [22, 0.12], [23, 0.08], [24, 0.06],
];

function curve(hour: number): number {
  for (let i = 1; i < WEEKDAY_CURVE.length; i++) {
    const [h1, v1] = WEEKDAY_CURVE[i] as [number, number];
    const [h0, v0] = WEEKDAY_CURVE[i - 1] as [number, number];
    if (hour <= h1) return v0 + ((v1 - v0) * (hour - h0)) / (h1 - h0);
  }
  return 0.06;
}

function nightness(hour: number): number {
  // 1 deep in the night (01–05), 0 from 07 to 22
  if (hour >= 1 && hour < 5) return 1;
  if (hour >= 5 && hour < 7) return (7 - hour) / 2;
  if (hour >= 22) return (hour - 22) / 3;
  if (hour < 1) return (hour + 2) / 3;
  return 0;
}

function dayFactor(info: DayInfo, dayNoise: number): { scale: number; flat: boolean } {
  const hol = HOLIDAYS[info.iso];
  if (hol !== undefined) return { scale: hol * dayNoise, flat: true };
  if (info.weekday === 0 || info.weekday === 6) return { scale: (info.weekday === 6 ? 0.33 : 0.27) * dayNoise, flat: true };
  const wd = [1, 1.08, 1.02, 1.0, 0.99, 0.93, 1][info.weekday] as number;
  return { scale: wd * dayNoise, flat: false };
}

/** Relative load (0…~1.1) at local hour `hour` of a day. */
function loadAt(hour: number, df: { scale: number; flat: boolean }, p: ObjectProfile): number {
  const base = curve(hour);
  // weekends/holidays: a flatter day at ~30 % of a weekday (but the night floor stays)
  const shaped = df.flat ? Math.max(base * df.scale, Math.min(base, 0.05)) : base * df.scale;
  const night = nightness(hour);
  return shaped * (1 - night + night * p.nightFactor);
}

// ---------------------------------------------------------------------------------------------
// Incidents resolved to seconds
// ---------------------------------------------------------------------------------------------

interface ResolvedIncident extends IncidentSpec {
  start: number; // seconds since 00:00 KST of day 0
  end: number;
  pre: number | null;
  period: 'business' | 'night';
}

function resolveIncidents(start: string, days: number): ResolvedIncident[] {
  const index = new Map<string, number>();
  for (let i = 0; i < days; i++) index.set(dayInfo(start, i).iso, i);
  const out: ResolvedIncident[] = [];
  for (const s of INCIDENTS) {
    const d = index.get(s.date);
    if (d === undefined) continue;
    const st = d * DAY + hms(s.from);
    const en = d * DAY + hms(s.to);
    const bh0 = hms(BUSINESS_HOURS.from + ':00');
    const bh1 = hms(BUSINESS_HOURS.to + ':00');
    const period = hms(s.from) >= bh0 && hms(s.to) <= bh1 ? 'business' : 'night';
    out.push({ ...s, start: st, end: en, pre: s.leadMin === null ? null : st - s.leadMin * 60, period });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counter simulation
// ---------------------------------------------------------------------------------------------

type Row = Record<CounterName, number> | null; // null = no record for the object that day ("")

interface SimState {
  old: number; // old-gen MB
  users: number;
  warm: number; // seconds since last JVM start (warm-up)
}

function simulateObject(p: ObjectProfile, seed: number, start: string, days: number, dayNoise: number[], incidents: ResolvedIncident[]): Row[] {
  const rng = new Rng(seed, 'counters:' + p.name);
  const mine = incidents.filter((i) => i.objects.includes(p.name));
  const st: SimState = { old: p.heapBase + 0.3 * (p.heapMax * 0.72 - p.heapBase), users: 0, warm: 1e9 };
  const rows: Row[] = [];
  const fullGcAt = p.heapMax * 0.72;
  const gapDay = dayIndexOf(start, days, COLLECTOR_GAP.date);
  const missingDay = MISSING_DAY.object === p.name ? dayIndexOf(start, days, MISSING_DAY.date) : -1;

  for (let d = 0; d < days; d++) {
    const info = dayInfo(start, d);
    const df = dayFactor(info, dayNoise[d] ?? 1);
    const objDay = rng.mul(0.03);
    for (let b = 0; b < ROWS_PER_DAY; b++) {
      const t0 = d * DAY + b * BUCKET;
      const mid = t0 + BUCKET / 2;
      const hour = (b * BUCKET + BUCKET / 2) / 3600;

      // --- incident context --------------------------------------------------------------
      let pre = 0; // precursor intensity 0..1
      let out = 0; // fraction of the bucket inside the outage
      let inc: ResolvedIncident | null = null;
      let restartedAt: number | null = null;
      for (const i of mine) {
        const ov = Math.max(0, Math.min(t0 + BUCKET, i.end) - Math.max(t0, i.start)) / BUCKET;
        let pr = 0;
        if (i.pre !== null && mid >= i.pre && mid < i.start) pr = Math.pow((mid - i.pre) / (i.start - i.pre), 1.4) * i.severity;
        const restart = i.end > t0 && i.end <= t0 + BUCKET;
        // the alive part of the outage-start bucket is the worst of the precursor; the alive part
        // of the outage-end bucket is a freshly restarted JVM (no precursor)
        if (ov > 0 && i.pre !== null && !restart) pr = i.severity;
        if (ov > 0 || pr > 0) {
          inc = i;
          out = ov;
          pre = pr;
        }
        if (restart) restartedAt = i.end;
      }
      if (restartedAt !== null) {
        st.old = p.heapBase * 0.45;
        st.warm = 0;
        st.users *= 0.4;
      }

      // --- traffic -------------------------------------------------------------------------
      const load = loadAt(hour, df, p) * objDay * rng.mul(0.07);
      let expected = p.peakTps * BUCKET * load;
      if (inc && pre > 0) expected *= 1 - 0.35 * pre * pre; // stalls reduce throughput
      const nNormal = rng.poisson(expected * (1 - out));
      let nOut = 0;
      if (inc && out > 0 && inc.kind === '502') nOut = rng.poisson(out * BUCKET * rng.range(0.003, 0.03));
      const count = nNormal + nOut;

      // --- response times ------------------------------------------------------------------
      const warmF = st.warm < 1800 ? 1 + 0.6 * (1 - st.warm / 1800) : 1;
      let eNormal = p.baseElapsed * (1 + 0.35 * load * load) * warmF * rng.mul(0.1 + 0.6 / Math.sqrt(Math.max(1, nNormal)));
      let sqlF = p.sqlFrac * rng.mul(0.08);
      let apiF = p.apiFrac * rng.mul(0.1);
      if (inc && pre > 0) {
        eNormal *= 1 + 5.5 * Math.pow(pre, 1.6);
        if (inc.cause === 'db') sqlF = Math.min(0.9, sqlF * (1 + 1.1 * pre));
        if (inc.cause === 'api') apiF = Math.min(0.9, apiF * (1 + 2.2 * pre));
      }
      const eOut = rng.range(30_000, 60_000); // requests that finally time out inside the outage
      const elapsed = count > 0 ? (nNormal * eNormal + nOut * eOut) / count : 0;
      const sqlT = count > 0 ? elapsed * sqlF : 0;
      const apiT = count > 0 ? elapsed * apiF : 0;

      // --- active services (Little's law + stuck threads) -----------------------------------
      let active = (count / BUCKET) * (elapsed / 1000) * rng.mul(0.15);
      if (inc && pre > 0) active += pre * pre * rng.range(25, 60);
      if (inc && out > 0 && inc.kind === '502') active = active * (1 - out) + out * rng.range(150, 200); // maxThreads 200
      if (count === 0 && !(inc && out > 0 && inc.kind === '502')) active = 0;

      // --- users ---------------------------------------------------------------------------
      const hung = inc !== null && out > 0 && inc.kind === '502';
      const target = count === 0 && !hung ? 0 : p.usersPeak * Math.pow(load, 0.85) * rng.mul(0.06) * (1 + 0.1 * pre);
      st.users = 0.65 * target + 0.35 * st.users;
      let users = st.users;
      if (hung) users *= 1 - 0.5 * out; // users keep trying; their requests hang
      else {
        users = count === 0 ? 0 : clamp(users, 1, count); // distinct users <= requests
        if (inc && out > 0) users *= 1 - out;
      }

      // --- heap & GC -----------------------------------------------------------------------
      let youngGc = rng.poisson(count / p.reqPerYoungGc + 0.6);
      let gcTime = 0;
      for (let k = 0; k < youngGc; k++) gcTime += rng.range(p.youngGcMs[0], p.youngGcMs[1]);
      const heapF = inc ? (inc.cause === 'heap' || inc.cause === 'batch' ? 1 : 0.55) * pre : 0;
      const promote = (count * p.promoteKbPerReq) / 1024 * (1 + 8 * heapF) + 1.5;
      const oldStart = st.old;
      let oldEnd = oldStart + promote;
      let fullGcs = 0;
      let heapAvg: number;
      if (oldEnd > fullGcAt) {
        fullGcs = 1;
        const f = clamp((fullGcAt - oldStart) / Math.max(1, promote), 0, 1);
        const floor = p.heapBase * rng.mul(0.04) + heapF * (p.heapMax * 0.86 - p.heapBase);
        oldEnd = floor + promote * (1 - f);
        heapAvg = f * (oldStart + fullGcAt) / 2 + (1 - f) * (floor + oldEnd) / 2;
      } else heapAvg = (oldStart + oldEnd) / 2;
      if (heapF > 0) {
        // GC storm: repeated full collections that reclaim almost nothing
        fullGcs += Math.round(Math.pow(heapF, 1.5) * 22 * rng.mul(0.2));
        const near = p.heapMax * (0.9 + 0.07 * heapF);
        heapAvg = heapAvg + (near - heapAvg) * Math.pow(heapF, 1.2);
        oldEnd = oldEnd + (p.heapMax * 0.86 - oldEnd) * heapF;
      }
      for (let k = 0; k < fullGcs; k++) gcTime += rng.range(p.fullGcMs[0], p.fullGcMs[1]) * (1 + 2.5 * heapF);
      st.old = oldEnd;
      let heapUsed = heapAvg + p.youngAvg * rng.mul(0.12) * (0.6 + 0.4 * Math.min(1, load * 1.5));
      heapUsed = Math.min(heapUsed, p.heapMax * 0.995);
      let gcCount = youngGc + fullGcs;

      // --- outage: silence (JVM gone, agent silent → Daily All "0" after the fact) ----------
      let zero = false;
      if (inc && out > 0 && inc.kind === 'silence') {
        const alive = 1 - out;
        if (alive <= 0) zero = true;
        else {
          // only the alive part of the bucket reported
          youngGc = Math.round(youngGc * alive);
          gcCount = Math.round(gcCount * alive);
          gcTime *= alive;
        }
      }
      if (inc && out > 0 && inc.kind === '502') {
        // thrashing JVM: heap pinned near -Xmx, GC back-to-back
        const storm = out * rng.range(18, 40);
        gcCount += Math.round(storm);
        gcTime += storm * rng.range(2500, 5500);
        heapUsed = heapUsed * (1 - out) + out * p.heapMax * rng.range(0.96, 0.99);
      }

      st.warm += BUCKET;

      // quirks
      if (gapDay === d && b * BUCKET >= hms(COLLECTOR_GAP.from) && b * BUCKET < hms(COLLECTOR_GAP.to)) zero = true;

      const tps = count / BUCKET;
      const row: Record<CounterName, number> = zero
        ? { ActiveService: 0, ApiTimeByService: 0, ElapsedTime: 0, RecentUser: 0, ServiceCount: 0, TPS: 0, GcCount: 0, GcTime: 0, HeapUsed: 0, SqlTimeByService: 0 }
        : {
            ActiveService: Math.round(active),
            ApiTimeByService: Math.round(apiT),
            ElapsedTime: Math.round(elapsed),
            RecentUser: Math.round(users),
            ServiceCount: count,
            TPS: tps,
            GcCount: gcCount,
            GcTime: Math.round(gcTime),
            HeapUsed: heapUsed,
            SqlTimeByService: Math.round(sqlT),
          };
      rows.push(d === missingDay ? null : row);
    }
  }
  return rows;
}

function dayIndexOf(start: string, days: number, iso: string): number {
  for (let i = 0; i < days; i++) if (dayInfo(start, i).iso === iso) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Access logs
// ---------------------------------------------------------------------------------------------

interface LogEvent {
  t: number; // seconds
  seq: number; // tie-break for a stable order
  line: string;
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.92',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Whale/3.25.232.19 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.119 Mobile Safari/537.36',
];
const UA_WEIGHTS = [30, 18, 22, 12, 8, 3, 3, 4];
const SITE = 'https://mis.corp.example.co.kr';

interface PathSpec {
  w: number;
  method: 'GET' | 'POST';
  path: (r: Rng) => string;
  status: (r: Rng) => number;
  bytes: (r: Rng) => number;
  referer: string | null;
}

const ok = () => 200;
const PATHS: PathSpec[] = [
  { w: 14, method: 'GET', path: () => '/mis/main.do', status: ok, bytes: (r) => r.int(18_200, 18_900), referer: '/mis/login/loginForm.do' },
  { w: 5, method: 'GET', path: () => '/mis/login/loginForm.do', status: ok, bytes: (r) => r.int(6_300, 6_420), referer: null },
  { w: 5, method: 'POST', path: () => '/mis/login/actionLogin.do', status: (r) => (r.u() < 0.06 ? 200 : 302), bytes: () => 0, referer: '/mis/login/loginForm.do' },
  { w: 12, method: 'GET', path: (r) => `/mis/approval/listApproval.do?pageIndex=${r.int(1, 4)}`, status: ok, bytes: (r) => r.int(22_000, 31_000), referer: '/mis/main.do' },
  { w: 9, method: 'GET', path: (r) => `/mis/approval/selectApproval.do?apprId=APR2024${pad2(r.int(1, 12))}${r.int(10_000, 99_999)}`, status: ok, bytes: (r) => r.int(12_000, 26_000), referer: '/mis/approval/listApproval.do?pageIndex=1' },
  { w: 4, method: 'POST', path: () => '/mis/approval/insertApproval.do', status: (r) => (r.u() < 0.03 ? 500 : 200), bytes: (r) => r.int(90, 140), referer: '/mis/approval/selectApproval.do' },
  { w: 8, method: 'GET', path: () => '/mis/hr/attendance/listAttendance.do', status: ok, bytes: (r) => r.int(14_000, 17_500), referer: '/mis/main.do' },
  { w: 8, method: 'GET', path: () => '/mis/board/selectBoardList.do?bbsId=BBSMSTR_000000000001', status: ok, bytes: (r) => r.int(19_000, 21_000), referer: '/mis/main.do' },
  { w: 7, method: 'GET', path: (r) => `/mis/board/selectBoardArticle.do?bbsId=BBSMSTR_000000000001&nttId=${r.int(3_100, 3_460)}`, status: ok, bytes: (r) => r.int(9_000, 15_000), referer: '/mis/board/selectBoardList.do?bbsId=BBSMSTR_000000000001' },
  { w: 5, method: 'GET', path: (r) => `/mis/erp/budget/selectBudgetList.do?deptCd=D${r.int(100, 180)}&yyyy=2024`, status: ok, bytes: (r) => r.int(25_000, 48_000), referer: '/mis/main.do' },
  { w: 3, method: 'GET', path: (r) => `/mis/cmm/fms/FileDown.do?atchFileId=FILE_${String(r.int(1_000, 99_999)).padStart(15, '0')}&fileSn=0`, status: (r) => (r.u() < 0.05 ? 404 : 200), bytes: (r) => r.int(40_000, 2_400_000), referer: '/mis/board/selectBoardArticle.do' },
  { w: 6, method: 'POST', path: () => '/mis/cmm/alarm/selectAlarmCount.do', status: ok, bytes: (r) => r.int(40, 60), referer: '/mis/main.do' },
  { w: 2, method: 'GET', path: () => '/favicon.ico', status: () => 404, bytes: () => 153, referer: '/mis/main.do' },
  { w: 2, method: 'GET', path: () => '/mis/login/actionLogout.do', status: () => 302, bytes: () => 0, referer: '/mis/main.do' },
];

function weighted<T extends { w: number }>(r: Rng, xs: readonly T[]): T {
  let total = 0;
  for (const x of xs) total += x.w;
  let u = r.u() * total;
  for (const x of xs) {
    u -= x.w;
    if (u < 0) return x;
  }
  return xs[xs.length - 1] as T;
}

function clfTime(days: DayInfo[], t: number): string {
  const d = Math.floor(t / DAY);
  const info = days[d] as DayInfo;
  return `[${info.clf}:${clock(t)} +0900]`;
}

export interface ProbeBounds {
  lastOk: number | null;
  firstOk: number | null;
}

interface LogResult {
  gz: Buffer;
  lines: number;
  bounds: Map<string, ProbeBounds>; // incident id → bounds for this object
  failed: { at: number; balancer: string }[];
}

const USERS_POOL = 420;
/** Users/minute per object at load 1.0. Kept low so the shipped logs stay small. */
const USER_REQ_PER_MIN = 0.45;

function buildLog(p: ObjectProfile, seed: number, start: string, days: number, dayNoise: number[], incidents: ResolvedIncident[]): LogResult {
  const infos = Array.from({ length: days }, (_, i) => dayInfo(start, i));
  const mine = incidents.filter((i) => i.objects.includes(p.name));
  const outageAt = (t: number): ResolvedIncident | null => {
    for (const i of mine) if (t >= i.start && t < i.end) return i;
    return null;
  };

  // Health-check timing. Both nodes run the target group's 30 s interval on a timer that is a
  // few ms slow, node 2 about 15 s behind node 1, so the object sees a probe every ~15 s. As in
  // the real ALB log (shared/datasets/access-logs/aws-alb-elb-healthchecker-nginx-tomcat) a
  // little sub-second jitter plus the slow timer make the logged whole-second gap of one node
  // 30 s ± 1 s. These per-object constants come from their own stream, and everything drawn per
  // day comes from per-day streams: a run over fewer days writes a byte prefix of a longer run.
  const timing = new Rng(seed, 'log:' + p.name);
  const period = PROBE_INTERVAL + timing.range(0.003, 0.008);
  const phase0 = p.probePhase + timing.range(0.1, 0.9);
  const phases = [phase0, phase0 + PROBE_NODE_OFFSET + timing.range(0.02, 0.12)];

  const failed: { at: number; balancer: string }[] = [];
  const probeLog: { t: number; ok: boolean }[] = [];
  const events: LogEvent[] = [];
  let seq = 0;

  // light user traffic (real client IPs restored by ngx_http_realip_module from X-Forwarded-For)
  const userIp = (u: number) => `10.20.${10 + (u % 24)}.${20 + ((u * 37) % 200)}`;
  const uaCache = new Map<number, string>();
  const userUa = (u: number) => {
    let ua = uaCache.get(u);
    if (ua === undefined) {
      const r = new Rng(seed + u, 'ua');
      ua = weighted(r, UAS.map((x, i) => ({ ua: x, w: UA_WEIGHTS[i] as number }))).ua;
      uaCache.set(u, ua);
    }
    return ua;
  };

  for (let d = 0; d < days; d++) {
    const d0 = d * DAY;
    const d1 = d0 + DAY;

    // --- health checks: probes whose nominal time falls on day d (kept on that day) -----------
    const dayProbes: { t: number; bi: number; status: number }[][] = [];
    for (let bi = 0; bi < BALANCERS.length; bi++) {
      const rng = new Rng(seed, `log:${p.name}:probe:${bi}:${d}`);
      const phase = phases[bi] as number;
      const list: { t: number; bi: number; status: number }[] = [];
      for (let k = Math.max(0, Math.ceil((d0 - phase) / period)); ; k++) {
        const nominal = phase + k * period;
        if (nominal >= d1) break;
        if (nominal < d0) continue;
        const t = clamp(Math.floor(nominal + 0.01 * rng.normal()), d0, d1 - 1);
        const inc = outageAt(t);
        if (inc && inc.kind === 'silence') continue;
        list.push({ t, bi, status: inc ? 502 : 200 });
      }
      dayProbes.push(list);
    }
    // single failed probes: balancer 1's probe nearest to the target answers 502
    for (const f of FAILED_PROBES) {
      if (f.object !== p.name || f.date !== (infos[d] as DayInfo).iso) continue;
      const target = d0 + hms(f.near);
      let best: { t: number; status: number } | null = null;
      for (const pr of dayProbes[0] ?? []) if (best === null || Math.abs(pr.t - target) < Math.abs(best.t - target)) best = pr;
      if (best && best.status === 200) {
        best.status = 502;
        failed.push({ at: best.t, balancer: BALANCERS[0] });
      }
    }
    for (const list of dayProbes) {
      for (const pr of list) {
        const ip = BALANCERS[pr.bi] as string;
        const bytes = pr.status === 200 ? 13_651 : 157;
        probeLog.push({ t: pr.t, ok: pr.status === 200 });
        events.push({ t: pr.t, seq: seq++, line: `${ip} - - ${clfTime(infos, pr.t)} "GET / HTTP/1.1" ${pr.status} ${bytes} "-" "ELB-HealthChecker/2.0"` });
      }
    }

    // --- user traffic ---------------------------------------------------------------------------
    const rng = new Rng(seed, `log:${p.name}:users:${d}`);
    const df = dayFactor(infos[d] as DayInfo, dayNoise[d] ?? 1);
    for (let m = 0; m < 1440; m++) {
      const load = loadAt((m + 0.5) / 60, df, p);
      const n = rng.poisson(USER_REQ_PER_MIN * load * (p.peakTps / 30));
      for (let j = 0; j < n; j++) {
        const t = d0 + m * 60 + rng.int(0, 59);
        const inc = outageAt(t);
        if (inc && inc.kind === 'silence') continue;
        const u = rng.int(0, USERS_POOL - 1);
        const spec = weighted(rng, PATHS);
        const path = spec.path(rng);
        let status = spec.status(rng);
        let bytes = spec.bytes(rng);
        if (inc) {
          status = rng.u() < 0.7 ? 502 : 504;
          bytes = status === 502 ? 157 : 167;
        }
        const ref = spec.referer === null ? '-' : SITE + spec.referer;
        events.push({ t, seq: seq++, line: `${userIp(u)} - - ${clfTime(infos, t)} "${spec.method} ${path} HTTP/1.1" ${status} ${bytes} "${ref}" "${userUa(u)}"` });
      }
    }
  }

  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const text = events.map((e) => e.line).join('\n') + '\n';
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });

  probeLog.sort((a, b) => a.t - b.t);
  const bounds = new Map<string, ProbeBounds>();
  for (const i of mine) {
    let lastOk: number | null = null;
    let firstOk: number | null = null;
    for (const pr of probeLog) {
      if (pr.ok && pr.t < i.start) lastOk = pr.t;
      if (pr.ok && pr.t >= i.end && firstOk === null) firstOk = pr.t;
    }
    bounds.set(i.id, { lastOk, firstOk });
  }
  return { gz, lines: events.length, bounds, failed };
}

// ---------------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------------

export interface GenerateOptions {
  outDir: string;
  days?: number;
  start?: string;
  seed?: number;
  /** Skip the access logs (fast CSV-only runs in tests). */
  logs?: boolean;
}

export interface GenerateResult {
  files: string[]; // paths relative to outDir
}

function isoAt(start: string, days: DayInfo[], t: number | null): string | null {
  if (t === null) return null;
  const d = Math.floor(t / DAY);
  const info = days[d] ?? dayInfo(start, d);
  return `${info.iso}T${clock(t)}${UTC_OFFSET}`;
}

export function logFileName(objName: string): string {
  return `access-${objName.split('/').pop()}.log.gz`;
}

export function generate(opts: GenerateOptions): GenerateResult {
  const seed = opts.seed ?? DEFAULT_SEED;
  const start = opts.start ?? DEFAULT_START;
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer, got ${days}`);
  const infos = Array.from({ length: days }, (_, i) => dayInfo(start, i));
  const first = infos[0] as DayInfo;
  const last = infos[days - 1] as DayInfo;
  mkdirSync(opts.outDir, { recursive: true });

  const noiseRng = new Rng(seed, 'days');
  const dayNoise = infos.map(() => clamp(noiseRng.mul(0.06), 0.85, 1.15));
  const incidents = resolveIncidents(start, days);
  const files: string[] = [];

  // --- counters --------------------------------------------------------------------------------
  const sims = OBJECTS.map((p) => simulateObject(p, seed, start, days, dayNoise, incidents));
  const prefix = `[${first.compact}-${last.compact}]${OBJ_TYPE}_`;
  for (const counter of COUNTERS) {
    const parts: string[] = [csvLine(['Time', ...OBJECTS.map((o) => o.name)])];
    for (let d = 0; d < days; d++) {
      const info = infos[d] as DayInfo;
      for (let b = 0; b < ROWS_PER_DAY; b++) {
        const idx = d * ROWS_PER_DAY + b;
        const time = `${info.iso} ${pad2(Math.floor(b / 12))}:${pad2((b % 12) * 5)}`;
        const cells = sims.map((rows) => {
          const r = rows[idx];
          return r ? formatScouterNumber(r[counter]) : '';
        });
        parts.push(csvLine([time, ...cells]));
      }
    }
    const name = `${prefix}${counter}.csv`;
    writeFileSync(join(opts.outDir, name), parts.join(''));
    files.push(name);
  }

  // --- access logs -----------------------------------------------------------------------------
  const bounds = new Map<string, Map<string, ProbeBounds>>();
  const failedProbes: { object: string; logFile: string; time: string; balancer: string; status: number }[] = [];
  if (opts.logs !== false) {
    for (const p of OBJECTS) {
      const r = buildLog(p, seed, start, days, dayNoise, incidents);
      const name = logFileName(p.name);
      writeFileSync(join(opts.outDir, name), r.gz);
      files.push(name);
      bounds.set(p.name, r.bounds);
      for (const f of r.failed) failedProbes.push({ object: p.name, logFile: name, time: isoAt(start, infos, f.at) as string, balancer: f.balancer, status: 502 });
    }
    failedProbes.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }

  // --- ground truth ----------------------------------------------------------------------------
  const labelledRows = (i: ResolvedIncident): string[] => {
    const out: string[] = [];
    for (let t = Math.ceil(i.start / BUCKET) * BUCKET; t <= i.end; t += BUCKET) {
      const info = infos[Math.floor(t / DAY)] as DayInfo;
      out.push(`${info.iso} ${clock(t).slice(0, 5)}`);
    }
    return out;
  };
  const truth = {
    description: 'Ground truth for the Vigil demo data set (synthetic; generated by resources/demo/generate.ts).',
    seed,
    timezone: 'Asia/Seoul',
    utcOffset: UTC_OFFSET,
    firstDay: first.iso,
    lastDay: last.iso,
    days,
    objType: OBJ_TYPE,
    objects: OBJECTS.map((o) => ({ name: o.name, logFile: logFileName(o.name), upstream: o.upstream, heapMaxMb: o.heapMax })),
    counters: [...COUNTERS],
    healthCheck: {
      request: 'GET / HTTP/1.1',
      userAgent: 'ELB-HealthChecker/2.0',
      balancers: [...BALANCERS],
      intervalSec: PROBE_INTERVAL,
      nodeOffsetSec: PROBE_NODE_OFFSET,
      combinedIntervalSec: PROBE_INTERVAL / BALANCERS.length,
      jitterSec: 1,
      okStatus: 200,
      failStatus: 502,
    },
    businessHours: BUSINESS_HOURS,
    labelRule: 'a 5-minute row is anomalous (1) when its timestamp t satisfies start <= t <= end',
    incidents: incidents.map((i) => ({
      id: i.id,
      objects: i.objects,
      logFiles: i.objects.map(logFileName),
      date: i.date,
      weekday: WEEKDAYS[(infos[Math.floor(i.start / DAY)] as DayInfo).weekday],
      start: isoAt(start, infos, i.start),
      end: isoAt(start, infos, i.end),
      durationSec: i.end - i.start,
      precursorStart: isoAt(start, infos, i.pre),
      kind: i.kind,
      cause: i.cause,
      period: i.period,
      labelledRows: labelledRows(i),
      probes: Object.fromEntries(
        i.objects.map((o) => {
          const bb = bounds.get(o)?.get(i.id);
          return [o, { lastOkBefore: isoAt(start, infos, bb?.lastOk ?? null), firstOkAfter: isoAt(start, infos, bb?.firstOk ?? null) }];
        }),
      ),
    })),
    failedProbes,
    quirks: [
      ...(dayIndexOf(start, days, MISSING_DAY.date) >= 0
        ? [{ type: 'missing-day', objects: [MISSING_DAY.object], date: MISSING_DAY.date, note: 'Scouter agent not attached for the whole day: every cell of this column is "" on that day; health checks stay 200 (not an outage).' }]
        : []),
      ...(dayIndexOf(start, days, COLLECTOR_GAP.date) >= 0
        ? [{ type: 'collector-gap', objects: OBJECTS.map((o) => o.name), date: COLLECTOR_GAP.date, from: COLLECTOR_GAP.from, to: COLLECTOR_GAP.to, note: 'Scouter collector down: every counter of every object is "0" (Daily All pre-filled buckets) for rows from <= t < to; health checks stay 200 (not an outage).' }]
        : []),
      { type: 'idle-zero-buckets', objects: [C, D], note: 'Interface servers C and D get almost no requests 01:00-05:00: ServiceCount/TPS/ElapsedTime/SqlTime/ApiTime/ActiveService/RecentUser are often "0" while HeapUsed/GC stay non-zero.' },
      { type: 'silence-zero-buckets', note: 'During "silence" outages the JVM is down and the agent silent: rows fully inside the outage are "0" in every counter.' },
      ...Object.entries(HOLIDAYS)
        .filter(([iso]) => dayIndexOf(start, days, iso) >= 0)
        .map(([iso]) => ({ type: 'holiday', date: iso, note: 'Public holiday in Korea: weekend-like load.' })),
    ],
  };
  writeFileSync(join(opts.outDir, 'incidents.json'), JSON.stringify(truth, null, 2) + '\n');
  files.push('incidents.json');
  return { files };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

function main(argv: string[]): void {
  const here = dirname(fileURLToPath(import.meta.url));
  let outDir = join(here, 'data');
  let days: number | undefined;
  let seed: number | undefined;
  let logs = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--out' && v) (outDir = resolve(v)), i++;
    else if (a === '--days' && v) (days = Number(v)), i++;
    else if (a === '--seed' && v) (seed = Number(v)), i++;
    else if (a === '--no-logs') logs = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npx tsx resources/demo/generate.ts [--out DIR] [--days N] [--seed N] [--no-logs]\n');
      return;
    } else throw new Error(`unknown argument: ${a}`);
  }
  const res = generate({ outDir, days, seed, logs });
  for (const f of res.files) process.stdout.write(join(outDir, f) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
