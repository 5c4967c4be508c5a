/**
 * Explanations of the engine models (METHODS.md §7) on synthetic windows with a planted anomaly
 * (engine/test-helpers.ts synthWindows: anomalous windows get a bump on counters f % 5 = 1 in the
 * last two steps): trained for real, saved as TF.js artifacts, reloaded without TF.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTfjsArtifacts } from '../engine/tfjs-export';
import { synthWindows } from '../engine/test-helpers';
import { trainModel } from '../engine/train';
import type { SupervisedModelKind } from '../../../shared/domain/models';
import { explainWindows, averageMaps } from './window-maps';
import { openExplainer } from './open-explainer';
import { HitRateMeter, hitRateAt, parseInterpretationLabels, truthAt, zScoreImportance, counterStats } from './hit-rate';
import { pca2d } from './embedding-scatter';
import { upsampleToInput } from './upsample';

const F = 10;
const W = 4;
const TRUTH = [1, 6];
const data = synthWindows(600, F, W, 7);
const dir = mkdtempSync(join(tmpdir(), 'vigil-explain-'));
const scores = new Map<string, Float32Array>();

async function trainAndSave(kind: SupervisedModelKind): Promise<void> {
  const params: Record<string, number> = kind === 'contrastive' ? { pretrainEpochs: 2 } : {};
  const m = trainModel({ kind, params }, data, { epochs: kind === 'lstm' ? 15 : 8, batchSize: 16, seed: 3 });
  await saveTfjsArtifacts(await m.toTfjsArtifacts(), join(dir, kind));
  scores.set(kind, m.score(data.x, 40));
}

beforeAll(async () => {
  for (const k of ['cnn', 'contrastive', 'lstm'] as const) await trainAndSave(k);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** p(x) of window i through the explainer (for finite differences). */
function prob(ex: ReturnType<typeof openExplainer>, x: Float32Array): number {
  let p = NaN;
  ex.run(x, 1, (_s, _b, s) => (p = s[0]!));
  return p;
}

describe.each(['cnn', 'contrastive', 'lstm'] as const)('%s explainer', (kind) => {
  const params = kind === 'contrastive' ? { pretrainEpochs: 2 } : {};
  it('reloads the saved weights: scores equal the trained model', () => {
    const ex = openExplainer(join(dir, kind), { kind, params, F, W });
    const got = explainWindows(ex, data.x, Array.from({ length: 40 }, (_, i) => i)).score;
    const want = scores.get(kind)!;
    for (let i = 0; i < 40; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
  });

  it('saliency equals |∂p/∂x| by central differences', () => {
    const ex = openExplainer(join(dir, kind), { kind, params, F, W });
    const i = data.y.findIndex((v) => v === 1);
    const x = data.x.slice(i * F * W, (i + 1) * F * W);
    const { maps } = explainWindows(ex, x, [0]);
    const sal = maps[0]!.find((m) => m.method === 'saliency')!.values;
    const eps = 2e-3;
    const fd: number[] = [];
    for (let c = 0; c < F * W; c++) {
      const a = x.slice();
      const b = x.slice();
      a[c]! += eps;
      b[c]! -= eps;
      fd.push(Math.abs((prob(ex, a) - prob(ex, b)) / (2 * eps)));
    }
    const maxFd = Math.max(...fd);
    expect(maxFd).toBeGreaterThan(0);
    for (let c = 0; c < F * W; c++) expect(Math.abs(sal[c]! - fd[c]!)).toBeLessThan(0.05 * maxFd + 1e-5);
  });

  it('ranks the planted counters first on anomalous windows (HitRate@100% over the windows)', () => {
    const ex = openExplainer(join(dir, kind), { kind, params, F, W });
    const anomalous = Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] === 1).slice(0, 60);
    const { maps } = explainWindows(ex, data.x, anomalous);
    const methods = maps[0]!.filter((m) => m.grid === 'counter-time').map((m) => `${m.method}:${m.layer ?? ''}`);
    expect(methods).toContain('saliency:');
    if (kind !== 'lstm') expect(methods).toEqual(['activation:conv1', 'activation:conv2', 'gradcam:conv1', 'gradcam:conv2', 'saliency:']);
    const meter = new HitRateMeter();
    for (const m of maps) meter.add(m.find((h) => h.method === 'saliency')!.counterImportance, TRUTH);
    expect(meter.result('saliency').hitRate100).toBeGreaterThan(0.6);
    for (const m of maps) for (const h of m) for (const v of h.values) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe('averaged maps and the embedding scatter', () => {
  it('counts every window once per class; anomalous saliency concentrates on the planted counters', () => {
    const ex = openExplainer(join(dir, 'cnn'), { kind: 'cnn', params: {}, F, W });
    let calls = 0;
    const avg = averageMaps(ex, data.x, data.n, data.y, () => calls++);
    expect(calls).toBe(Math.ceil(data.n / 256));
    expect(avg.normal.count + avg.anomalous.count).toBe(data.n);
    expect(avg.anomalous.count).toBe(data.y.reduce((a, v) => a + v, 0));
    const sal = avg.anomalous.maps.find((m) => m.method === 'saliency')!;
    const top = sal.counterImportance.map((v, f) => [v, f] as const).sort((a, b) => b[0] - a[0]).slice(0, 2).map((p) => p[1]).sort();
    expect(top).toEqual(TRUTH);
  });

  it('projects penultimate representations so that labels separate along the first component', () => {
    const ex = openExplainer(join(dir, 'cnn'), { kind: 'cnn', params: {}, F, W });
    const e = ex.embed(data.x, data.n);
    expect(e.size).toBe(64);
    const p = pca2d(e.data, data.n, e.size);
    expect(p.explainedVariance[0]).toBeGreaterThan(p.explainedVariance[1]);
    const mean = (c: number) => {
      let s = 0;
      let k = 0;
      for (let i = 0; i < data.n; i++) if (data.y[i] === c) (s += p.x[i]!), k++;
      return s / k;
    };
    const sd = Math.sqrt(Array.from(p.x).reduce((a, v) => a + v * v, 0) / data.n);
    expect(Math.abs(mean(1) - mean(0))).toBeGreaterThan(sd);
  });
});

describe('HitRate@P% and helpers', () => {
  it('follows OmniAnomaly’s definition', () => {
    // importance ranks counters 3, 0, 2, 1
    const imp = [5, 1, 2, 9];
    expect(hitRateAt(imp, [3, 1], 100)).toBe(0.5); // top 2 = {3, 0}
    expect(hitRateAt(imp, [3, 1], 150)).toBe(0.5); // top ⌊3⌋ = {3, 0, 2}
    expect(hitRateAt(imp, [3, 2, 1], 150)).toBe(1); // top 4
    expect(hitRateAt(imp, [1], 100)).toBe(0);
  });

  it('parses interpretation labels (0-based start, exclusive end, 1-based metrics)', () => {
    const s = parseInterpretationLabels('15849-16368:1,9,10\n\n20-30:38\n', 'x.txt', 38);
    expect(s).toEqual([
      { start: 15849, end: 16368, counters: [0, 8, 9] },
      { start: 20, end: 30, counters: [37] },
    ]);
    expect(truthAt(s, 16367)).toEqual([0, 8, 9]);
    expect(truthAt(s, 16368)).toEqual([]);
    expect(() => parseInterpretationLabels('1-2:39', 'x.txt', 38)).toThrow(/metric 39/);
    expect(() => parseInterpretationLabels('oops', 'x.txt', 38)).toThrow(/line|interpretation/);
  });

  it('z-score baseline finds the planted counters', () => {
    const normal = Int32Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] === 0);
    const st = counterStats(data.x, normal, F, W);
    const meter = new HitRateMeter();
    for (let i = 0; i < data.n; i++) if (data.y[i]) meter.add(zScoreImportance(data.x, i * F * W, F, W, st.mean, st.std), TRUTH);
    expect(meter.result('z').hitRate150).toBeGreaterThan(0.8);
  });

  it('up-samples through 2×2 poolings to the input grid', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6]); // [3, 2]
    const dst = new Float32Array(5 * 4);
    upsampleToInput(src, 0, 3, 2, 1, dst, 0, 5, 4);
    expect(Array.from(dst)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4, 5, 5, 6, 6]);
  });
});
