/**
 * Training / scoring throughput: the vigil-native engine vs the PyTorch anchor (ref.py) on the
 * same windows, same architecture, batch size and thread count (PROTOCOL.md §6, §9).
 *
 *   npx tsx bench/train.bench.ts            full: SMD machine-2-1 (F = 38, W = 4), kfold 5, epochs 1,
 *                                           1 and 2 threads, batch 10 and 256 (several minutes)
 *   BENCH_QUICK=1 npx tsx bench/train.bench.ts   < 1 min: a slice of the series, 2 threads only
 *   BENCH_REPEATS=n   repeats per side (best kept; the machine is shared, numbers are noisy)
 *   BENCH_MODELS=cnn,lstm  BENCH_BATCHES=10,256  BENCH_THREADS=1,2   subsets
 *
 * Threads: PyTorch `--threads T` (one process, intra-op pool) vs the engine with T worker
 * threads each training its own fold (the product's parallelism: folds in a worker pool), so
 * "2 threads" = aggregate windows/s over both folds. PyTorch trains fold 1; all configurations
 * run in one python process, so only the first carries torch's one-time costs (§9); the
 * engine's folds are 0 and 1 (1 thread: fold 1), each in a fresh worker (JIT warm-up included).
 * The contrastive model (two phases, full-resolution convs) uses a 5,000-row slice in full mode
 * (BENCH_CONTRASTIVE_ROWS). Defaults to 1 repeat (BENCH_REPEATS).
 * Data: per PROTOCOL.md §1/§3/§4 windows and k-fold assignment; min–max scaling is global here
 * (irrelevant to speed). Synthetic data of the same shape when ../shared/datasets/smd is absent.
 *
 * Then the protocol wall-time lines (protocol-walltime.ts; BENCH_PROTOCOL=0 skips them): the
 * paper protocol (10 folds × 50 epochs, batch 10, 48,000 windows) per model and in total, for
 * the engine with 2 worker threads (folds in parallel) and PyTorch with --threads 2, extrapolated
 * from 1 epoch each side on a subset of a synthetic paper-size series.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { mulberry32 } from '../src-main/core/engine/rng.js';
import { kfoldSplits } from '../src-main/core/eval/splits.js';
import { buildWindows } from '../src-main/core/windows/build-windows.js';
import { formatDuration, PAPER, paperFoldSizes, paperSeries, protocolSeconds } from './protocol-walltime.js';
import { runTorchRef, torchAvailable, type RefConfig, type RefData } from './torch-ref.js';

type Kind = 'cnn' | 'lstm' | 'contrastive';
const HERE = dirname(fileURLToPath(import.meta.url));
const SMD = resolve(HERE, '../../shared/datasets/smd');
const ENTITY = 'machine-2-1';
const QUICK = process.env['BENCH_QUICK'] === '1';
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 1);
const W = 4;
const FOLDS = 5;
const list = <T extends string | number>(v: string | undefined, d: T[], num = false): T[] => (v ? v.split(',').map((s) => (num ? Number(s) : s) as T) : d);
const MODELS = list<Kind>(process.env['BENCH_MODELS'], ['cnn', 'lstm', 'contrastive']);
const BATCHES = list<number>(process.env['BENCH_BATCHES'], [10, 256], true);
const THREADS = list<number>(process.env['BENCH_THREADS'], QUICK ? [2] : [1, 2], true);
/** Rows of the series used (quick mode: a slice around the train/test boundary). */
const QUICK_ROWS: Record<Kind, number> = { cnn: 1500, lstm: 2000, contrastive: 300 };
/** Full mode: the whole series, except the contrastive model (two phases, heavy convs): a slice. */
const FULL_ROWS: Partial<Record<Kind, number>> = { contrastive: Number(process.env['BENCH_CONTRASTIVE_ROWS'] ?? 5000) };
/** PyTorch numbers measured on this machine when torch is missing (cached; stated in the line). */
const CACHED_TORCH: Record<string, number> = {};

// ------------------------------------------------------------------ data (PROTOCOL.md §1, §3)
interface Series { X: Float64Array; y: Uint8Array; N: number; F: number; source: string }

function readGzMatrix(p: string): number[][] {
  const txt = (p.endsWith('.gz') ? gunzipSync(readFileSync(p)) : readFileSync(p)).toString('utf8');
  return txt.split('\n').filter((l) => l.trim() !== '').map((l) => l.split(',').map(Number));
}

function loadSeries(): Series {
  const f = (d: string) => [join(SMD, d, `${ENTITY}.txt.gz`), join(SMD, d, `${ENTITY}.txt`)].find(existsSync);
  const tr = f('train');
  const te = f('test');
  const lb = f('test_label');
  if (tr && te && lb) {
    const a = readGzMatrix(tr);
    const b = readGzMatrix(te);
    const l = readGzMatrix(lb).map((r) => r[0]!);
    const F = a[0]!.length;
    const N = a.length + b.length;
    const X = new Float64Array(N * F);
    [...a, ...b].forEach((r, i) => X.set(r, i * F));
    const y = new Uint8Array(N);
    l.forEach((v, i) => (y[a.length + i] = v ? 1 : 0));
    return { X, y, N, F, source: `SMD ${ENTITY}` };
  }
  // synthetic, same shape: N = 47,387, F = 38, ~2.5 % anomalous rows in the second half
  const N = 47387;
  const F = 38;
  const u = mulberry32(7);
  const X = new Float64Array(N * F);
  const y = new Uint8Array(N);
  for (let t = 0; t < N; t++) {
    const anom = t > N / 2 && t % 1000 < 25;
    y[t] = anom ? 1 : 0;
    for (let k = 0; k < F; k++) X[t * F + k] = Math.sin(t / (50 + k)) + 0.1 * u() + (anom ? 1 : 0);
  }
  return { X, y, N, F, source: 'synthetic (SMD absent)' };
}

function slice(s: Series, rows: number): Series {
  const start = Math.max(0, Math.min(s.N - rows, 23000)); // spans the train/test boundary
  return { X: s.X.slice(start * s.F, (start + rows) * s.F), y: s.y.slice(start, start + rows), N: rows, F: s.F, source: `${s.source} rows ${start}..${start + rows - 1}` };
}

/**
 * Windows [M, F, W] (feature-major, WindowSet layout), min–max scaled, labels yw[i] = y[i+W−1]:
 * the product's sliding windows (windows/build-windows.ts, stride 1) over the globally scaled series.
 */
function windows(s: Series): { x: Float32Array; yw: Uint8Array; M: number } {
  const { X, y, N, F } = s;
  const mn = new Float64Array(F).fill(Infinity);
  const mx = new Float64Array(F).fill(-Infinity);
  for (let t = 0; t < N; t++) for (let k = 0; k < F; k++) {
    const v = X[t * F + k]!;
    if (v < mn[k]!) mn[k] = v;
    if (v > mx[k]!) mx[k] = v;
  }
  const values = new Float64Array(N * F);
  for (let t = 0; t < N; t++) for (let k = 0; k < F; k++) values[t * F + k] = (X[t * F + k]! - mn[k]!) / (mx[k]! - mn[k]! || 1);
  const counters = Array.from({ length: F }, (_, k) => `f${k}`);
  const cadenceMs = 60_000;
  const series = { object: ENTITY, objType: 'smd', counters, cadenceMs, times: Float64Array.from({ length: N }, (_, t) => t * cadenceMs), values };
  const ws = buildWindows([{ series, labels: y }], { W, counters }, { kind: 'sliding', stride: 1 });
  return { x: ws.x, yw: ws.y, M: ws.n };
}

/** PROTOCOL.md §4 kfold (eval/splits.ts, the product's): fold index per window. */
function kfold(yw: Uint8Array, K: number, seed = 0): Int32Array {
  const fold = new Int32Array(yw.length);
  for (const f of kfoldSplits(yw, K, seed)) for (const i of f.test) fold[i] = f.fold;
  return fold;
}

function toCsv(s: Series): string {
  const head = [...Array.from({ length: s.F }, (_, k) => `f${k}`), 'label'].join(',');
  const rows: string[] = [head];
  for (let t = 0; t < s.N; t++) rows.push([...Array.from(s.X.subarray(t * s.F, (t + 1) * s.F)), s.y[t]].join(','));
  return rows.join('\n') + '\n';
}

// ------------------------------------------------------------------ engine side (workers)
const WORKER_SRC = `
import { parentPort, workerData } from 'node:worker_threads';
import { trainModel } from ${JSON.stringify(resolve(HERE, '../src-main/core/engine/train.ts'))};
const { kind, batch, epochs, F, W, x, yw, fold, k } = workerData;
const tr = [], te = [];
for (let i = 0; i < fold.length; i++) (fold[i] === k ? te : tr).push(i);
const fw = F * W;
const pick = (idx) => { const a = new Float32Array(idx.length * fw); idx.forEach((w, j) => a.set(x.subarray(w * fw, (w + 1) * fw), j * fw)); return a; };
const xs = pick(tr), ys = Uint8Array.from(tr, (i) => yw[i]), xt = pick(te);
const ws = { F, W, n: tr.length, x: xs, y: ys, counters: [], objects: [], endMs: new Float64Array(0), objectIndex: new Int32Array(0), outageIndex: new Int32Array(0) };
parentPort.postMessage({ ready: true });
parentPort.once('message', () => {
  const t0 = performance.now();
  const m = trainModel({ kind, params: {} }, ws, { epochs, batchSize: batch, seed: k, scoreChunk: 256 });
  const t1 = performance.now();
  const t2 = performance.now();
  m.score(xt, te.length);
  const t3 = performance.now();
  parentPort.postMessage({ done: true, nTrain: tr.length, nTest: te.length, trainWall: (t1 - t0) / 1000, trainSeconds: m.trainSeconds, scoreSeconds: (t3 - t2) / 1000, kernel: m.kernel, loss: m.lossHistory });
});
`;

let workerFile = '';
async function bundleWorker(dir: string): Promise<void> {
  workerFile = join(dir, 'bench-worker.mjs');
  await build({ stdin: { contents: WORKER_SRC, resolveDir: HERE, loader: 'ts', sourcefile: 'bench-worker.ts' }, bundle: true, platform: 'node', format: 'esm', outfile: workerFile, logLevel: 'error' });
}

interface EngineRun { winPerS: number; scorePerS: number; kernel: string; nTrain: number }

async function runEngine(kind: Kind, batch: number, threads: number, epochs: number, data: { x: Float32Array; yw: Uint8Array; fold: Int32Array; F: number }): Promise<EngineRun> {
  const folds = threads === 1 ? [1] : Array.from({ length: threads }, (_, i) => i % FOLDS);
  const ws = folds.map((k) => new Worker(workerFile, { workerData: { kind, batch, epochs, F: data.F, W, x: data.x, yw: data.yw, fold: data.fold, k } }));
  try {
    await Promise.all(ws.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
    const t0 = performance.now();
    const done = ws.map((w) => new Promise<{ nTrain: number; nTest: number; trainSeconds: number; scoreSeconds: number; kernel: string }>((res, rej) => { w.once('message', res); w.once('error', rej); }));
    ws.forEach((w) => w.postMessage('go'));
    const rs = await Promise.all(done);
    const wall = Math.max(...rs.map((r) => r.trainSeconds));
    void t0;
    const nTrain = rs.reduce((a, r) => a + r.nTrain, 0);
    return {
      winPerS: (nTrain * epochs) / wall,
      scorePerS: rs.reduce((a, r) => a + r.nTest, 0) / Math.max(...rs.map((r) => r.scoreSeconds)),
      kernel: rs[0]!.kernel,
      nTrain: rs[0]!.nTrain,
    };
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * The 1-minute load average vs the core count: when other processes compete for the cores the
 * ratios mean little — PyTorch's 2-thread OpenMP pool in particular slows down many-fold
 * (its threads spin-wait for each other), which inflates the ratios.
 */
function loadLine(when: string): string {
  const l = loadavg()[0]!;
  const n = cpus().length;
  return `# load average (1 min) at ${when}: ${l.toFixed(2)} on ${n} cores${l > n * 0.75 ? ' — BUSY MACHINE: other processes compete, the ratios below/above are not reliable' : ''}`;
}

/** Rows of the synthetic paper-size series each side trains one epoch on, per model. */
const PROTOCOL_ROWS: Record<Kind, number> = QUICK ? { cnn: 1200, lstm: 2400, contrastive: 600 } : { cnn: 10000, lstm: 20000, contrastive: 3000 };

interface CaseData { x: Float32Array; yw: Uint8Array; fold: Int32Array; F: number }
interface Case { kind: Kind; batch: number; threads: number; epochs: number; cfg: RefConfig; data: CaseData; protocolRows?: number }

/**
 * Protocol wall-time cases (protocol-walltime.ts): per model, 1 epoch at the paper's batch 10 with
 * 2 threads (engine: 2 workers, 2 folds in parallel; PyTorch: --threads 2) on a subset of a
 * synthetic paper-size series, split into the paper's 10 folds. Their PyTorch configurations run
 * in the same python process as the other cases (one torch import).
 */
async function protocolCases(dir: string): Promise<Case[]> {
  const series = paperSeries();
  const tPrep = performance.now();
  const all = windows(series);
  kfold(all.yw, PAPER.folds);
  const prepSeconds = (performance.now() - tPrep) / 1000;
  const { nTrain, nTest } = paperFoldSizes();
  console.log(`# protocol: ${series.source}; ${PAPER.folds} folds × ${PAPER.epochs} epochs × ${fmt(nTrain)} training windows + ${fmt(nTest)} scored per fold, batch ${PAPER.batch}; windowing + folds of all ${fmt(all.M)} windows measured ${prepSeconds.toFixed(2)} s (not in the totals)`);
  const cases: Case[] = [];
  for (const kind of MODELS) {
    const rows = PROTOCOL_ROWS[kind];
    const s = slice(series, rows);
    const { x, yw } = windows(s);
    const file = join(dir, `protocol-${kind}.csv`);
    await writeFile(file, toCsv(s));
    const cfg: RefConfig = { model: kind, batch: PAPER.batch, threads: 2, epochs: 1, data: { format: 'csv', file }, folds: PAPER.folds, onlyFolds: '1' };
    cases.push({ kind, batch: PAPER.batch, threads: 2, epochs: 1, cfg, data: { x, yw, fold: kfold(yw, PAPER.folds), F: s.F }, protocolRows: rows });
  }
  return cases;
}

/** Protocol lines: per model and total, extrapolated (protocolSeconds) from the measured rates. */
function printProtocol(cases: { c: Case; eng: { win: number; score: number; n: number }; tor: { win: number; score: number } }[], torchOk: boolean): void {
  let vTot = 0;
  let tTot = 0;
  for (const { c, eng, tor } of cases) {
    const v = protocolSeconds(eng.win, eng.score);
    const t = torchOk ? protocolSeconds(tor.win, tor.score) : NaN;
    vTot += v;
    tTot += t;
    // ratio = PyTorch time / vigil time (> 1: vigil faster), the same sense as the windows/s ratios
    console.log(`protocol ${c.kind} batch=${c.batch} threads=2 vigil ${formatDuration(v)} pytorch ${formatDuration(t)} ratio ${torchOk ? (t / v).toFixed(2) : 'n/a'}  [EXTRAPOLATED from 1 epoch on a ${fmt(eng.n)}-window training fold of a ${fmt(c.protocolRows ?? 0)}-row subset: vigil ${fmt(eng.win)} train / ${fmt(eng.score)} score win/s (2 workers, 2 folds in parallel), pytorch ${torchOk ? `${fmt(tor.win)} / ${fmt(tor.score)}` : 'n/a'} win/s (--threads 2)]`);
  }
  if (cases.length > 0) console.log(`protocol total ${cases.length} models × ${PAPER.folds} folds × ${PAPER.epochs} epochs (paper scale, ${fmt(PAPER.windows)} windows, F=${PAPER.F}, W=${PAPER.W}) threads=2 vigil ${formatDuration(vTot)} pytorch ${formatDuration(tTot)} ratio ${torchOk ? (tTot / vTot).toFixed(2) : 'n/a'}  [extrapolated from the measured subsets above; ratio = pytorch time / vigil time]`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  try {
    await bundleWorker(dir);
    const full = loadSeries();
    const torch = torchAvailable();
    console.log(`# data ${full.source}, F=${full.F}, W=${W}, kfold ${FOLDS}; ${QUICK ? 'QUICK' : 'full'} mode; repeats ${REPEATS} (best kept; shared 2-core machine, noisy)`);
    console.log(`# pytorch: ${torch.ok ? `torch ${torch.version}, ref.py, OPENBLAS_NUM_THREADS=1` : `unavailable (${torch.reason})`}`);
    console.log(loadLine('start'));
    const cases: Case[] = [];
    for (const kind of MODELS) {
      const s = QUICK ? slice(full, QUICK_ROWS[kind]) : FULL_ROWS[kind] ? slice(full, FULL_ROWS[kind]!) : full;
      const { x, yw } = windows(s);
      const fold = kfold(yw, FOLDS);
      let data: RefData = { format: 'smd', dir: SMD, entity: ENTITY };
      if (s !== full || !full.source.startsWith('SMD')) {
        const file = join(dir, `${kind}.csv`);
        await writeFile(file, toCsv(s));
        data = { format: 'csv', file };
      }
      console.log(`# ${kind}: ${s.source}`);
      for (const batch of BATCHES) {
        const epochs = QUICK && batch >= 64 ? 2 : 1;
        for (const threads of THREADS) {
          cases.push({ kind, batch, threads, epochs, cfg: { model: kind, batch, threads, epochs, data, folds: FOLDS, onlyFolds: '1' }, data: { x, yw, fold, F: s.F } });
        }
      }
    }
    if (process.env['BENCH_PROTOCOL'] !== '0') cases.push(...(await protocolCases(dir)));
    const eng = cases.map(() => ({ win: 0, score: 0, n: 0, kernel: '' }));
    const tor = cases.map(() => ({ win: 0, score: 0 }));
    for (let r = 0; r < REPEATS; r++) {
      // engine cases, then all PyTorch cases in one python process (one torch import)
      for (const [i, c] of cases.entries()) {
        const e = await runEngine(c.kind, c.batch, c.threads, c.epochs, c.data);
        const b = eng[i]!;
        if (e.winPerS > b.win) Object.assign(b, { win: e.winPerS, n: e.nTrain, kernel: e.kernel });
        b.score = Math.max(b.score, e.scorePerS);
      }
      if (torch.ok) {
        const rs = await runTorchRef(cases.map((c) => c.cfg));
        rs.forEach((t, i) => {
          tor[i]!.win = Math.max(tor[i]!.win, t.trainWindowsPerS);
          tor[i]!.score = Math.max(tor[i]!.score, t.scoreWindowsPerS);
        });
      }
    }
    for (const [i, c] of cases.entries()) {
      if (c.protocolRows) continue;
      const best = eng[i]!;
      const bestT = tor[i]!;
      const key = `${c.kind}/${c.batch}/${c.threads}`;
      const tw = torch.ok ? bestT.win : CACHED_TORCH[key];
      const src = torch.ok ? '' : tw ? ' (cached: torch missing on this machine)' : ' (torch missing, no cached number)';
      const ratio = tw ? (best.win / tw).toFixed(2) : 'n/a';
      console.log(`${c.kind} batch=${c.batch} threads=${c.threads} vigil ${fmt(best.win)} win/s pytorch ${tw ? fmt(tw) : 'n/a'} win/s ratio ${ratio}${src}  [n_train/fold ${best.n}, epochs ${c.epochs}, kernel ${best.kernel}]`);
      if (torch.ok) console.log(`${c.kind} scoring threads=${c.threads} vigil ${fmt(best.score)} win/s pytorch ${fmt(bestT.score)} win/s ratio ${(best.score / bestT.score).toFixed(2)}  [after batch=${c.batch} training; vigil chunks of 256 (the scorer of \`vigil score\`), pytorch score-batch 1024]`);
    }
    printProtocol(cases.flatMap((c, i) => (c.protocolRows ? [{ c, eng: eng[i]!, tor: tor[i]! }] : [])), torch.ok);
    console.log(loadLine('end'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`# ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
