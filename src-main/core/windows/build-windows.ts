import type { ObjectSeries } from '../../../shared/domain/series';
import type { WindowSet } from '../../../shared/domain/windows';
import { VigilError } from '../../../shared/errors';
import { fillMissing } from './fill-missing';

/** One object's rows ready for windowing. */
export interface LabelledSeries {
  series: ObjectSeries;
  /** [T] 0/1 row labels (labeling/row-labels.ts). */
  labels: Uint8Array;
  /** [T] 1 = row usable (e.g. inside business hours); omitted = all usable. */
  mask?: Uint8Array;
  /** [T] index of the outage a row belongs to, -1 = none; omitted = runs numbered in order. */
  outageOfRow?: Int32Array;
}

export interface WindowOptions {
  /** Time steps per window (the paper: 4 × 5 min = 20 min). */
  W: number;
  /** Counters (features) in order; every object must have them. */
  counters: readonly string[];
}

/**
 * `paper`: abnormal windows end at the first anomalous row of each outage and hold the W−1
 * normal rows before it ("to ensure causality"); normal windows are non-overlapping stretches
 * of W normal rows (METHODS.md §3). `sliding`: every window with the given stride, labelled by
 * its last row (PROTOCOL.md §3). A window never spans a grid gap or a masked row.
 */
export type WindowMode = { kind: 'paper' } | { kind: 'sliding'; stride: number };

export function buildWindows(input: readonly LabelledSeries[], opts: WindowOptions, mode: WindowMode): WindowSet {
  const { W } = opts;
  const F = opts.counters.length;
  if (!Number.isInteger(W) || W < 1) throw new VigilError('INVALID_SETTINGS', `window length must be a whole number ≥ 1 (got ${W})`, { where: { field: 'window' } });
  if (F === 0) throw new VigilError('INVALID_SETTINGS', 'no counters chosen for the windows', { where: { field: 'counters' } });
  const picks: { obj: number; end: number; label: number; outage: number }[] = [];
  const prepared = input.map((ls, obj) => {
    const s = ls.series;
    const T = s.times.length;
    if (T < W) throw new VigilError('INVALID_SETTINGS', `windows of ${W} rows are longer than the series of ${s.object} (${T} rows)`, { where: { field: 'window' }, hint: 'Use a shorter window or import more data.' });
    const colOf = opts.counters.map((c) => {
      const k = s.counters.indexOf(c);
      if (k < 0) throw new VigilError('INVALID_SETTINGS', `object ${s.object} has no counter ${c}`, { where: { field: 'counters' } });
      return k;
    });
    const filled = fillMissing(s.values, T, s.counters.length);
    // ok[i] = rows i-W+1..i are contiguous on the grid and usable.
    const runOk = new Int32Array(T);
    for (let i = 0; i < T; i++) {
      const usable = ls.mask ? ls.mask[i] === 1 : true;
      const contiguous = i > 0 && Math.abs((s.times[i] as number) - (s.times[i - 1] as number) - s.cadenceMs) < 1;
      runOk[i] = usable ? (contiguous ? (runOk[i - 1] as number) + 1 : 1) : 0;
    }
    const y = ls.labels;
    let outageNo = -1;
    const outageOf = ls.outageOfRow;
    if (mode.kind === 'paper') {
      for (let i = 0; i < T; i++) {
        const first = y[i] === 1 && (i === 0 || y[i - 1] === 0);
        if (first) outageNo++;
        if (i < W - 1 || (runOk[i] as number) < W) continue;
        if (first) {
          // W−1 normal rows then the first anomalous row.
          let clean = true;
          for (let j = i - W + 1; j < i; j++) if (y[j] === 1) clean = false;
          if (clean) picks.push({ obj, end: i, label: 1, outage: outageOf ? (outageOf[i] as number) : outageNo });
        }
      }
      // Normal windows: non-overlapping stretches of W normal usable rows.
      let run = 0;
      for (let i = 0; i < T; i++) {
        const normalOk = y[i] === 0 && (runOk[i] as number) >= 1 && (run === 0 || (runOk[i] as number) > 1);
        run = normalOk ? run + 1 : 0;
        if (run === W) {
          picks.push({ obj, end: i, label: 0, outage: -1 });
          run = 0;
        }
      }
    } else {
      const stride = Math.max(1, Math.floor(mode.stride));
      for (let i = 0; i < T; i++) {
        if (y[i] === 1 && (i === 0 || y[i - 1] !== 1)) outageNo++;
        if (i < W - 1 || (i - (W - 1)) % stride !== 0 || (runOk[i] as number) < W) continue;
        picks.push({ obj, end: i, label: y[i] as number, outage: y[i] === 1 ? (outageOf ? (outageOf[i] as number) : Math.max(0, outageNo)) : -1 });
      }
    }
    return { s, colOf, filled };
  });
  // Time order across objects, then object order: folds over this order are time-blocked.
  picks.sort((a, b) => {
    const ta = prepared[a.obj]!.s.times[a.end] as number;
    const tb = prepared[b.obj]!.s.times[b.end] as number;
    return ta - tb || a.obj - b.obj;
  });
  const n = picks.length;
  const x = new Float32Array(n * F * W);
  const yOut = new Uint8Array(n);
  const endMs = new Float64Array(n);
  const objectIndex = new Int32Array(n);
  const outageIndex = new Int32Array(n);
  picks.forEach((p, w) => {
    const { s, colOf, filled } = prepared[p.obj]!;
    const C = s.counters.length;
    // x[w, f, t]: feature-major, the paper's 10 × 4 matrix.
    for (let f = 0; f < F; f++) {
      const k = colOf[f] as number;
      for (let t = 0; t < W; t++) x[(w * F + f) * W + t] = filled[(p.end - W + 1 + t) * C + k] as number;
    }
    yOut[w] = p.label;
    endMs[w] = s.times[p.end] as number;
    objectIndex[w] = p.obj;
    outageIndex[w] = p.outage;
  });
  return { F, W, counters: [...opts.counters], objects: input.map((l) => l.series.object), n, x, y: yOut, endMs, objectIndex, outageIndex };
}
