/**
 * Explanations of an unsupervised detector (METHODS.md §6.2, §7): the metric-graph model fitted
 * for real on synthetic normal windows; occlusion maps find an injected jump, attention maps
 * carry the adjacency A (rows sum to 1) per window and averaged per class.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MVAS_CSCD_DEFAULTS } from '../models/mvas-cscd/config';
import { MVAS_CSCD_ENTRY } from '../models/mvas-cscd/model';
import { writeDetector } from '../models/unsupervised/weights-io';
import { describeAveraged } from '../../../shared/domain/explain';
import { averageTask, explainWindowTask } from './explain-task';
import { METRIC_GRAPH_DEFAULTS, type MetricGraphConfig } from '../models/metric-graph/config';
import { METRIC_GRAPH_ENTRY } from '../models/metric-graph/model';
import { injectJump, syntheticBatch } from '../models/metric-graph/test-helpers';
import { ensureTfBackend } from '../models/unsupervised/tf-runtime';
import type { FittedDetector } from '../models/unsupervised/types';
import { DetectorExplainer } from './detector-explainer';
import { HitRateMeter } from './hit-rate';
import { attentionHeatMaps, averageAttention, explainWindows } from './window-maps';

const F = 5;
const W = 6;
const JUMP = 2;
const train = syntheticBatch({ objects: 3, steps: 90, F, W, noise: 0.03, seed: 1 });
const test = syntheticBatch({ objects: 1, steps: 60, F, W, noise: 0.03, seed: 2, phase: 0.4 });
const injected = Array.from({ length: 20 }, (_, i) => 5 + 2 * i);
const bad = injectJump(test, injected, JUMP, 0.45);
let det: FittedDetector;

beforeAll(async () => {
  await ensureTfBackend();
  det = await METRIC_GRAPH_ENTRY.fit(train, { ...METRIC_GRAPH_DEFAULTS } as MetricGraphConfig, { epochs: 3, batchSize: 48, seed: 11 });
}, 120_000);
afterAll(() => det?.dispose());

function normalLevel(): Float32Array {
  const m = new Float32Array(F);
  for (let i = 0; i < train.n; i++) for (let c = 0; c < F * W; c++) m[Math.floor(c / W)]! += train.x[i * F * W + c]! / (train.n * W);
  return m;
}

describe('DetectorExplainer (metric-graph)', () => {
  it('occlusion ranks the jumped counter first on the injected windows', () => {
    const ex = new DetectorExplainer(det, normalLevel());
    expect(ex.mapKeys.map((k) => k.method)).toEqual(['occlusion']);
    const { maps, score } = explainWindows(ex, bad.x, injected);
    expect(score).toHaveLength(injected.length);
    const meter = new HitRateMeter();
    for (const m of maps) meter.add(m[0]!.counterImportance, [JUMP]);
    expect(meter.result('occlusion').hitRate100).toBeGreaterThan(0.6);
  }, 120_000);

  it('turns attention into per-window and class-averaged adjacency maps (rows sum to 1)', () => {
    const ex = new DetectorExplainer(det, normalLevel());
    const att = ex.attention(bad.x, bad.n);
    expect(att?.adjacency).toBeDefined();
    const maps = attentionHeatMaps(att, injected[0]!, F, W);
    const a = maps.find((m) => m.method === 'adjacency')!;
    expect([a.rows, a.cols, a.grid]).toEqual([F, F, 'counter-counter']);
    for (let r = 0; r < F; r++) expect(a.values.slice(r * F, r * F + F).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    const y = Uint8Array.from({ length: bad.n }, (_, i) => (injected.includes(i) ? 1 : 0));
    const avg = averageAttention(att, bad.n, y, F, W);
    expect(avg.normal).toHaveLength(1);
    expect(avg.anomalous[0]!.values).toHaveLength(F * F);
    for (let r = 0; r < F; r++) expect(avg.anomalous[0]!.values.slice(r * F, r * F + F).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    const e = ex.embed(bad.x, bad.n);
    expect(e.data.length).toBe(bad.n * e.size);
  });
});

describe('saved detectors through the explain tasks (mvas-cscd)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-explain-det-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reloads a saved detector: one window has an occlusion map; averages subsample occlusion per class', async () => {
    const fitted = await MVAS_CSCD_ENTRY.fit(train, MVAS_CSCD_DEFAULTS, { epochs: 1, batchSize: 64, seed: 5 });
    writeDetector(dir, fitted.save());
    const want = fitted.score({ ...bad, objectIndex: Int32Array.from({ length: bad.n }, (_, i) => i), endMs: new Float64Array(bad.n) }).score;
    fitted.dispose();
    const model = { dir, kind: 'mvas-cscd', params: {}, F, W, normalLevel: normalLevel() };
    const i = injected[0]!;
    const one = explainWindowTask(model, bad.x.slice(i * F * W, (i + 1) * F * W), 1);
    expect(one.maps[0]!.map((m) => m.method)).toEqual(['occlusion']);
    expect(one.score[0]).toBeCloseTo(want[i]!, 4);
    expect(one.maps[0]![0]!.values.some((v) => v > 0)).toBe(true);
    const y = Uint8Array.from({ length: bad.n }, (_, k) => (injected.includes(k) ? 1 : 0));
    let last = 0;
    const avg = averageTask([{ model, x: bad.x, y }], (v) => (last = v));
    expect(avg.anomalous.count).toBe(injected.length);
    expect(avg.normal.count).toBe(Math.min(100, bad.n - injected.length));
    expect(last).toBeCloseTo(1, 6);
    expect(avg.anomalous.maps[0]!.counterImportance).toHaveLength(F);
    // every map says how many windows it averages; without attention maps that is the sample
    expect(avg.normal.maps.every((m) => m.windows === avg.normal.count)).toBe(true);
    expect(describeAveraged(avg)).toBe(`${avg.normal.count} normal / ${injected.length} anomalous windows`);
  }, 180_000);

  it('describes occlusion samples and attention maps that average every window apart', () => {
    const map = (windows: number) => ({ method: 'adjacency' as const, layer: null, grid: 'counter-counter' as const, rows: 1, cols: 1, values: [1], counterImportance: [], windows });
    const a = { normal: { count: 300, maps: [{ ...map(300), method: 'occlusion' as const }, map(9800)] }, anomalous: { count: 17, maps: [map(17)] } };
    expect(describeAveraged(a)).toBe('300 normal / 17 anomalous windows (occlusion sample); attention maps 9800 / 17');
  });
});
