import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BALANCERS, COUNTERS, OBJECTS, PROBE_INTERVAL, csvLine, formatScouterNumber, generate, logFileName, mulberry32 } from './generate';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHIPPED = join(HERE, 'data');
const tmpDirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
/** File content: .gz files are compared decompressed (zlib's bytes may differ between Node versions). */
const content = (path: string) => {
  const raw = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};

/** Decompressed shipped logs, shared by the shipped-data tests (4 × ~42 MB of text). */
const shippedLogs = new Map<string, string>();
const shippedLog = (obj: string): string => {
  let text = shippedLogs.get(obj);
  if (text === undefined) {
    text = content(join(SHIPPED, logFileName(obj)));
    shippedLogs.set(obj, text);
  }
  return text;
};

/** Minimal RFC-4180 reader for one line where every field is quoted (the Scouter writer's shape). */
function parseQuotedLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '"') return null;
    let j = i + 1;
    let s = '';
    for (;;) {
      if (j >= line.length) return null;
      if (line[j] === '"') {
        if (line[j + 1] === '"') {
          s += '"';
          j += 2;
          continue;
        }
        break;
      }
      s += line[j];
      j++;
    }
    out.push(s);
    j++;
    if (j === line.length) return out;
    if (line[j] !== ',') return null;
    i = j + 1;
  }
  return null;
}

// Expected outputs produced by java.text.DecimalFormat("#,###.##") (OpenJDK 17, Locale.KOREA).
const JAVA_FORMAT_CASES: [number, string][] = [
  [0, '0'], [-0, '-0'], [1, '1'], [12.345, '12.35'], [1234567.891, '1,234,567.89'], [0.125, '0.12'],
  [0.375, '0.38'], [2.675, '2.67'], [1.005, '1'], [40.005, '40.01'], [0.004, '0'], [0.005, '0.01'],
  [0.015, '0.01'], [999.995, '1,000'], [999.994999, '999.99'], [123456789012.345, '123,456,789,012.35'],
  [-42.5, '-42.5'], [-0.001, '-0'], [0.1 + 0.2, '0.3'], [1549.6794199571013, '1,549.68'], [3114.22, '3,114.22'],
  [346.4633333333333, '346.46'], [258.75, '258.75'], [12255.875, '12,255.88'], [75.397, '75.4'], [NaN, 'NaN'],
  [Infinity, '\u221e'],
];

describe('Scouter writer primitives', () => {
  it('formats numbers like DecimalFormat("#,###.##") with HALF_EVEN on the exact binary value', () => {
    for (const [v, s] of JAVA_FORMAT_CASES) expect(formatScouterNumber(v), String(v)).toBe(s);
  });
  it('quotes every field and doubles embedded quotes, LF line end', () => {
    expect(csvLine(['Time', '/a/b', '', 'x"y'])).toBe('"Time","/a/b","","x""y"\n');
  });
  it('mulberry32 is the reference implementation', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()].map((x) => x.toFixed(10))).toEqual(['0.6270739406', '0.0027357212', '0.5274470400']);
  });
});

/** One 3-day run (2024-03-04 … 03-06, includes INC-01), shared by the format and shipped-data checks. */
const DAYS = 3;
const a = tmp();
generate({ outDir: a, days: DAYS });
const csvName = (c: string) => `[20240304-20240306]tomcat_${c}.csv`;

describe('generator (3-day run)', () => {
  // two 1-day runs: determinism, and the prefix property the shipped-data check relies on
  const x = tmp();
  const y = tmp();
  generate({ outDir: x, days: 1 });
  generate({ outDir: y, days: 1 });

  it('is deterministic: two 1-day runs give the same bytes', () => {
    const files = readdirSync(x).sort();
    expect(files).toEqual(readdirSync(y).sort());
    expect(files).toHaveLength(COUNTERS.length + OBJECTS.length + 1);
    for (const f of files) expect(sha(readFileSync(join(x, f))), f).toBe(sha(readFileSync(join(y, f))));
  });

  it('writes a prefix of a longer run: the 1-day run is the first day of the 3-day run', () => {
    for (const c of COUNTERS) {
      const short = content(join(x, `[20240304-20240304]tomcat_${c}.csv`));
      expect(content(join(a, csvName(c))).startsWith(short), c).toBe(true);
    }
    for (const o of OBJECTS) {
      const short = content(join(x, logFileName(o.name)));
      const long = content(join(a, logFileName(o.name)));
      expect(long.startsWith(short), o.name).toBe(true);
      expect(long.slice(short.length, short.length + 40), o.name).toMatch(/^\S+ - - \[05\/Mar\/2024:/);
    }
  });

  it('writes the Daily All byte format', () => {
    for (const c of COUNTERS) {
      const text = readFileSync(join(a, csvName(c)), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.includes('\r')).toBe(false);
      expect(text.charCodeAt(0)).toBe(0x22); // no BOM
      const lines = text.slice(0, -1).split('\n');
      expect(lines).toHaveLength(1 + 288 * DAYS);
      expect(lines[0]).toBe('"Time","/MIS-WAS2/MIS-WAS-C","/MIS-WAS1/MIS-WAS-A","/MIS-WAS2/MIS-WAS-D","/MIS-WAS1/MIS-WAS-B"');
      let grouped = 0;
      const bad: string[] = []; // collected and asserted once: ~35 k cells, expect() per cell is slow
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i] as string;
        const cells = parseQuotedLine(line);
        if (cells === null || cells.length !== 5) {
          bad.push(line);
          continue;
        }
        const day = Math.floor((i - 1) / 288);
        const min = ((i - 1) % 288) * 5;
        const hh = String(Math.floor(min / 60)).padStart(2, '0');
        const mm = String(min % 60).padStart(2, '0');
        if (cells[0] !== `2024-03-0${4 + day} ${hh}:${mm}`) bad.push(line);
        for (const v of cells.slice(1)) {
          // "#,###.##": grouping every 3 digits, ≤ 2 decimals without trailing zeros, or "" (missing)
          if (!/^$|^\d{1,3}(,\d{3})*(\.\d?[1-9])?$/.test(v)) bad.push(`${line}: ${v}`);
          const n = Number(v.replace(/,/g, ''));
          if (n >= 1000) {
            if (!v.includes(',')) bad.push(`${line}: ${v}`);
            grouped++;
          }
        }
      }
      expect(bad, c).toEqual([]);
      if (c === 'ServiceCount' || c === 'HeapUsed') expect(grouped).toBeGreaterThan(100);
    }
  });

  it('keeps ServiceCount = TPS × 300', () => {
    const tps = readFileSync(join(a, csvName('TPS')), 'utf8').trim().split('\n').slice(1);
    const sc = readFileSync(join(a, csvName('ServiceCount')), 'utf8').trim().split('\n').slice(1);
    expect(sc).toHaveLength(tps.length);
    const bad: string[] = [];
    tps.forEach((line, i) => {
      const t = parseQuotedLine(line)!.slice(1);
      const s = parseQuotedLine(sc[i] as string)!.slice(1);
      s.forEach((cell, k) => {
        const count = Number(cell.replace(/,/g, ''));
        if (formatScouterNumber(count / 300) !== t[k]) bad.push(`${line} / ${sc[i]}`);
      });
    });
    expect(bad).toEqual([]);
  });

  it('writes one access log per object: two balancers alternate, each every ~30 s, ~15 s apart', () => {
    const sec = (l: string) => {
      const i = l.indexOf('[');
      return Number(l.slice(i + 1, i + 3)) * 86_400 + Number(l.slice(i + 13, i + 15)) * 3600 + Number(l.slice(i + 16, i + 18)) * 60 + Number(l.slice(i + 19, i + 21));
    };
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]!);
    const share = (xs: number[], pred: (x: number) => boolean) => xs.filter(pred).length / xs.length;
    for (const o of OBJECTS) {
      const lines = content(join(a, logFileName(o.name))).trim().split('\n');
      const probes = lines.filter((l) => l.includes('"ELB-HealthChecker/2.0"'));
      // 2 balancers × 2/min × 1440 min × 3 days (INC-01 on day 3 is a 502 outage: probes keep coming)
      expect(probes.length).toBeGreaterThan(2 * 2 * 1440 * DAYS - 10);
      expect(probes.length).toBeLessThan(2 * 2 * 1440 * DAYS + 10);
      expect(probes[0]).toMatch(/^10\.0\.(1\.12|2\.34) - - \[04\/Mar\/2024:00:00:\d\d \+0900\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "ELB-HealthChecker\/2\.0"$/);
      const ips = probes.map((l) => l.slice(0, l.indexOf(' ')));
      expect(new Set(ips)).toEqual(new Set(BALANCERS));
      expect(share(ips.slice(1).map((ip, i) => (ip !== ips[i] ? 1 : 0)), (x) => x === 1), o.name).toBe(1); // strict alternation
      for (const ip of BALANCERS) {
        const g = gaps(probes.filter((l) => l.startsWith(ip + ' ')).map(sec));
        expect(g.every((x) => Math.abs(x - PROBE_INTERVAL) <= 1), `${o.name} ${ip}`).toBe(true);
        expect(share(g, (x) => x === PROBE_INTERVAL), `${o.name} ${ip}`).toBeGreaterThan(0.95);
      }
      const all = gaps(probes.map(sec));
      expect(all.every((x) => x >= 14 && x <= 16), o.name).toBe(true);
      expect(share(all, (x) => x === 15), o.name).toBeGreaterThan(0.8);
    }
  });
});

describe('shipped data (resources/demo/data)', () => {
  const shippedPresent = existsSync(join(SHIPPED, 'incidents.json'));

  it('exists', () => {
    expect(shippedPresent).toBe(true);
  });

  it.runIf(shippedPresent)('starts with the same 3 days as a fresh 3-day generation', () => {
    // The generator writes a byte prefix of a longer run for fewer days (per-day streams), so the
    // 3-day run above must reproduce the shipped files up to 2024-03-07 00:00. The remaining days
    // are covered by the ground-truth checks below; a full regeneration takes ~30 s.
    const truth = JSON.parse(readFileSync(join(SHIPPED, 'incidents.json'), 'utf8'));
    const prefix = `[${truth.firstDay.replace(/-/g, '')}-${truth.lastDay.replace(/-/g, '')}]tomcat_`;
    const expected = [...COUNTERS.map((c) => `${prefix}${c}.csv`), ...OBJECTS.map((o) => logFileName(o.name)), 'incidents.json'].sort();
    expect(readdirSync(SHIPPED).filter((f) => !f.startsWith('.')).sort()).toEqual(expected);
    for (const c of COUNTERS) {
      const fresh = content(join(a, csvName(c)));
      const shipped = content(join(SHIPPED, `${prefix}${c}.csv`));
      expect(fresh.split('\n')).toHaveLength(1 + 288 * DAYS + 1);
      expect(shipped.slice(0, fresh.length) === fresh, c).toBe(true);
      expect(shipped.slice(fresh.length, fresh.length + 18), c).toBe('"2024-03-07 00:00"');
    }
    for (const o of OBJECTS) {
      const f = logFileName(o.name);
      const fresh = content(join(a, f));
      const shipped = shippedLog(o.name);
      expect(fresh.endsWith('\n')).toBe(true);
      expect(sha(shipped.slice(0, fresh.length)), f).toBe(sha(fresh));
      expect(shipped.slice(fresh.length, fresh.length + 40), f).toMatch(/^\S+ - - \[07\/Mar\/2024:/);
    }
    // ground truth: same set-up, and the same incidents / failed probes inside the 3 days
    const short = JSON.parse(readFileSync(join(a, 'incidents.json'), 'utf8'));
    for (const k of ['description', 'seed', 'timezone', 'utcOffset', 'firstDay', 'objType', 'objects', 'counters', 'healthCheck', 'businessHours', 'labelRule'])
      expect(short[k], k).toEqual(truth[k]);
    const inRange = (iso: string) => iso < '2024-03-07';
    expect(short.incidents.length).toBeGreaterThan(0);
    expect(short.incidents).toEqual(truth.incidents.filter((i: { date: string }) => inRange(i.date)));
    expect(short.failedProbes).toEqual(truth.failedProbes.filter((f: { time: string }) => inRange(f.time)));
  });

  it.runIf(shippedPresent)('ground truth is consistent with the counters and the logs', { timeout: 120_000 }, () => {
    const truth = JSON.parse(readFileSync(join(SHIPPED, 'incidents.json'), 'utf8'));
    const prefix = `[${truth.firstDay.replace(/-/g, '')}-${truth.lastDay.replace(/-/g, '')}]tomcat_`;
    const read = (c: string) =>
      readFileSync(join(SHIPPED, `${prefix}${c}.csv`), 'utf8').trim().split('\n').map((l) => parseQuotedLine(l)!);
    const tps = read('TPS');
    const header = tps[0]!;
    expect(tps.length - 1).toBe(288 * truth.days);
    expect(truth.days).toBeGreaterThanOrEqual(60);
    const rowIndex = new Map(tps.map((r, i) => [r[0], i]));

    const business = truth.incidents.filter((i: { period: string }) => i.period === 'business');
    const night = truth.incidents.filter((i: { period: string }) => i.period === 'night');
    expect(business.length).toBeGreaterThanOrEqual(12);
    expect(business.length).toBeLessThanOrEqual(20);
    expect(night.length).toBeGreaterThanOrEqual(3);
    expect(night.length).toBeLessThanOrEqual(4);
    expect(truth.incidents.some((i: { objects: string[] }) => i.objects.length === 2)).toBe(true);

    const MON: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5 };
    const MONTHS = Object.keys(MON);
    const lineSec = (l: string) => {
      const i = l.indexOf('[');
      const d = l.slice(i + 1, i + 21); // dd/Mon/yyyy:HH:mm:ss
      return Date.UTC(+d.slice(7, 11), MON[d.slice(3, 6)]!, +d.slice(0, 2), +d.slice(12, 14), +d.slice(15, 17), +d.slice(18, 20)) / 1000 - 9 * 3600;
    };
    /** `[dd/Mon/yyyy:` of the KST day containing epoch second `t`. */
    const clfDay = (t: number) => {
      const d = new Date((t + 9 * 3600) * 1000);
      return `[${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:`;
    };
    const logText = shippedLog;
    const count = (text: string, needle: string) => {
      let n = 0;
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
      return n;
    };
    interface Probe { t: number; status: number; balancer: string }
    /**
     * Health checks of `obj` in [t0, t1]. The log is sorted by time, so only the lines of the KST
     * days covering the window are parsed (parsing all ~1.45 M probe lines would take seconds).
     */
    const probesIn = (obj: string, t0: number, t1: number): Probe[] => {
      const text = logText(obj);
      const at = text.indexOf(' - - ' + clfDay(t0));
      expect(at, `${obj} ${clfDay(t0)}`).toBeGreaterThan(0);
      const from = text.lastIndexOf('\n', at) + 1;
      const next = text.indexOf(' - - ' + clfDay(t1 + 86_400), at);
      const to = next < 0 ? text.length : text.lastIndexOf('\n', next);
      const out: Probe[] = [];
      for (const l of text.slice(from, to).split('\n')) {
        if (!l.endsWith('"ELB-HealthChecker/2.0"')) continue;
        const t = lineSec(l);
        if (t >= t0 && t <= t1) out.push({ t, status: Number(/" (\d{3}) /.exec(l)![1]), balancer: l.slice(0, l.indexOf(' ')) });
      }
      return out;
    };
    const sec = (iso: string) => Date.parse(iso) / 1000;

    for (const inc of truth.incidents) {
      const dur = inc.durationSec / 60;
      expect(dur, inc.id).toBeGreaterThanOrEqual(5);
      expect(dur, inc.id).toBeLessThanOrEqual(40);
      if (inc.period === 'business') {
        expect(inc.start.slice(11, 16) >= '07:00' && inc.end.slice(11, 16) <= '20:00', inc.id).toBe(true);
        const lead = (sec(inc.start) - sec(inc.precursorStart)) / 60;
        expect(lead).toBeGreaterThanOrEqual(15);
        expect(lead).toBeLessThanOrEqual(30);
      } else expect(inc.start.slice(11, 13) >= '01' && inc.end.slice(11, 13) < '05', inc.id).toBe(true);

      for (const obj of inc.objects) {
        const col = header.indexOf(obj);
        expect(col).toBeGreaterThan(0);
        // rows fully inside the outage: TPS ~ 0
        for (const row of inc.labelledRows) {
          const t = sec(row.replace(' ', 'T') + ':00+09:00');
          if (t + 300 > sec(inc.end)) continue;
          const v = Number(tps[rowIndex.get(row)!]![col]!.replace(/,/g, ''));
          expect(v, `${inc.id} ${row}`).toBeLessThanOrEqual(0.1);
        }
        // health checks: no 200 inside the outage, and the recorded bounds are the neighbouring 200s
        const s0 = sec(inc.start);
        const s1 = sec(inc.end);
        const probes = probesIn(obj, s0 - 3600, s1 + 3600);
        const inside = probes.filter((p) => p.t >= s0 && p.t < s1);
        expect(inside.some((p) => p.status === 200), inc.id).toBe(false);
        if (inc.kind === 'silence') expect(inside, inc.id).toHaveLength(0);
        else expect(inside.length, inc.id).toBeGreaterThan(0);
        const okBefore = probes.filter((p) => p.status === 200 && p.t < s0).pop()!;
        const okAfter = probes.find((p) => p.status === 200 && p.t >= s1)!;
        expect(okBefore.t).toBe(sec(inc.probes[obj].lastOkBefore));
        expect(okAfter.t).toBe(sec(inc.probes[obj].firstOkAfter));
      }
    }

    // single failed probes: exactly one 502 nearby, and it is not inside an outage
    expect(truth.failedProbes.length).toBeGreaterThanOrEqual(3);
    for (const f of truth.failedProbes) {
      const near = probesIn(f.object, sec(f.time) - 120, sec(f.time) + 120);
      expect(near.filter((p) => p.status === 502), f.time).toEqual([{ t: sec(f.time), status: 502, balancer: f.balancer }]);
      expect(near.filter((p) => p.status === 200).length).toBeGreaterThan(10);
    }

    // whole logs (cheap substring counts): every 502 probe belongs to a 502 outage or is a listed
    // single failed probe, and the probe count matches 2 balancers × every 30 s minus the silences
    const bal = truth.healthCheck.balancers.length;
    expect(truth.healthCheck.intervalSec / bal).toBe(truth.healthCheck.combinedIntervalSec);
    for (const o of truth.objects) {
      const text = logText(o.name);
      const mine = truth.incidents.filter((i: { objects: string[] }) => i.objects.includes(o.name));
      let expected502 = truth.failedProbes.filter((f: { object: string }) => f.object === o.name).length;
      let silent = 0;
      for (const i of mine) {
        if (i.kind === '502') expected502 += probesIn(o.name, sec(i.start), sec(i.end) - 1).length;
        else silent += i.durationSec;
      }
      expect(count(text, '" 502 157 "-" "ELB-HealthChecker/2.0"'), o.name).toBe(expected502);
      const expectedProbes = ((truth.days * 86_400 - silent) * bal) / truth.healthCheck.intervalSec;
      // the nodes' timers run a few ms slow (< 0.03 %), so allow 0.05 % (a missing day would be 1.6 %)
      expect(Math.abs(count(text, '"ELB-HealthChecker/2.0"') / expectedProbes - 1), o.name).toBeLessThan(0.0005);
    }

    // missing day: the object's column is "" for 288 rows
    const missing = truth.quirks.find((q: { type: string }) => q.type === 'missing-day');
    const col = header.indexOf(missing.objects[0]);
    const dayRows = tps.filter((r) => r[0]!.startsWith(missing.date));
    expect(dayRows).toHaveLength(288);
    expect(dayRows.every((r) => r[col] === '')).toBe(true);
    expect(tps.filter((r) => r[col] === '')).toHaveLength(288);
  });
});
