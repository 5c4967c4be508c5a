import { pathToFileURL } from 'node:url';
import { PAPER_COUNTERS } from '../shared/domain/series';
import { mergeScouterFiles } from '../src-main/core/ingest/scouter/merge-scouter-files';
import { parseScouterCsv, type ScouterFile } from '../src-main/core/ingest/scouter/parse-scouter-csv';
import { ZonedTimeConverter } from '../src-main/core/time/zoned-time';

/**
 * Import benchmark at the paper's scale (METHODS.md §1): 10 counters × 4 objects × 338 days of
 * 5-minute rows = 97,344 rows per file, written like Scouter's exporter (every field quoted,
 * `#,###.##` with grouping, LF; SCOUTER-CSV.md §3, §6). Files are generated in memory; only
 * parse + merge is timed. Budget: well under 0.5 s, leaving the rest of 1 s for the DuckDB insert.
 *
 * Run directly: `npx tsx bench/scouter-import.bench.ts`.
 */

const DAYS = 338;
const ROWS = DAYS * 288;
const OBJECTS = ['/MIS-WAS/MIS-WAS-D', '/MIS-WAS/MIS-WAS-E', '/MIS-WAS1/MIS-WAS', '/MIS-WAS2/MIS-WAS-F'];
const START_DAY_MS = Date.UTC(2021, 8, 28); // 28 Sep 2021, the paper's first day

/** `#,###.##` as DecimalFormat writes it in en/ko (SCOUTER-CSV.md §6). */
function formatGrouped(v: number): string {
  const [int = '0', frac] = (Math.round(v * 100) / 100).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** One Daily All export as bytes, deterministic. */
export function generateDailyAllExport(counterIndex: number): Uint8Array {
  const lines: string[] = [`"Time",${OBJECTS.map((o) => `"${o}"`).join(',')}`];
  for (let r = 0; r < ROWS; r++) {
    const d = new Date(START_DAY_MS + r * 300_000);
    const time = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    let line = `"${time}"`;
    for (let o = 0; o < OBJECTS.length; o++) {
      const x = ((r * 7919 + o * 104_729 + counterIndex * 1_299_709) % 1_000_003) / 77.7;
      line += r % 997 === o ? ',""' : `,"${formatGrouped(x)}"`;
    }
    lines.push(line);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** What one benchmark run measured. */
export interface ScouterBenchResult {
  /** File rows (10 × 97,344) parsed per wall-clock second. */
  rowsPerSec: number;
  /** Wall-clock seconds of parse + merge (best of five, after a warm-up). */
  seconds: number;
  /** CPU seconds of that run (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  /** CPU seconds of the merge step alone, in that run. */
  mergeCpuSeconds: number;
  /** Characters of CSV text parsed (all ten files). */
  chars: number;
}

/** Parses and merges the ten generated files; returns file rows per second and seconds taken. */
export async function benchScouterParse(): Promise<{ rowsPerSec: number; seconds: number }> {
  const { rowsPerSec, seconds } = await benchScouterParseDetailed();
  return { rowsPerSec, seconds };
}

/** `benchScouterParse` plus CPU time and input size. */
export async function benchScouterParseDetailed(): Promise<ScouterBenchResult> {
  const inputs = PAPER_COUNTERS.map((counter, i) => ({ name: `[20210928-20220831]tomcat_${counter}.csv`, bytes: generateDailyAllExport(i) }));
  const run = (): { seconds: number; cpuSeconds: number; mergeCpuSeconds: number } => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const zone = new ZonedTimeConverter('Asia/Seoul');
    const files: ScouterFile[] = inputs.map((f) => parseScouterCsv(f.bytes, f.name, { timeZone: 'Asia/Seoul', zone }));
    const m0 = process.cpuUsage();
    const series = mergeScouterFiles(files);
    const cpu = process.cpuUsage(c0);
    const merge = process.cpuUsage(m0);
    const seconds = (performance.now() - t0) / 1000;
    if (series.length !== OBJECTS.length || series[0]!.times.length !== ROWS) throw new Error('benchmark produced the wrong shape');
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, mergeCpuSeconds: (merge.user + merge.system) / 1e6 };
  };
  run(); // warm-up: JIT and Intl caches
  // Best of five: on a shared machine the least disturbed run is the fairest figure.
  const best = [run(), run(), run(), run(), run()].sort((a, b) => a.seconds - b.seconds)[0]!;
  const chars = inputs.reduce((n, f) => n + f.bytes.length, 0); // ASCII: bytes = characters
  return { rowsPerSec: (ROWS * inputs.length) / best.seconds, seconds: best.seconds, cpuSeconds: best.cpuSeconds, mergeCpuSeconds: best.mergeCpuSeconds, chars };
}

/**
 * CPU nanoseconds per character of the barest pass over CSV text (sum of char codes): a yardstick
 * for this machine, so a figure from a busy CI box can be read as "N bare passes".
 */
export function calibrateCharLoopNs(): number {
  const text = Buffer.from(generateDailyAllExport(0)).toString('utf8');
  let best = Infinity;
  let sink = 0;
  for (let k = 0; k < 10; k++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < text.length; i++) sink += text.charCodeAt(i);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) * 1000);
  }
  if (sink < 0) throw new Error('unreachable');
  return best / text.length;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchScouterParseDetailed().then(({ rowsPerSec, seconds, cpuSeconds, mergeCpuSeconds, chars }) => {
    const ns = calibrateCharLoopNs();
    console.log(
      `scouter import: parse + merge of 10 files × ${ROWS.toLocaleString('en')} rows × 4 objects (${(chars / 1e6).toFixed(1)} MB) ` +
        `in ${seconds.toFixed(3)} s wall, ${cpuSeconds.toFixed(3)} s CPU of which merge ${mergeCpuSeconds.toFixed(3)} s ` +
        `(${Math.round(rowsPerSec).toLocaleString('en')} file rows/s; budget 0.5 s)\n` +
        `yardstick: a bare char-code loop costs ${ns.toFixed(2)} ns CPU per character here, so parse + merge = ` +
        `${(cpuSeconds / (ns * 1e-9 * chars)).toFixed(1)} bare passes over the text`,
    );
  });
}
