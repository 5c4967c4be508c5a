/**
 * The Explain area end to end on a small workspace built from the bundled demo data (real import,
 * real comparison in workers with saved models): candidate windows, one window's maps beside its
 * raw values (checked against the workspace's series), the embedding scatter, the `explain` job's
 * averaged maps (stored and read back), and `vigil explain` writing JSON, SVG and PNG.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AveragedMaps, EmbeddingScatter, ExplainCandidate, WindowExplanation } from '../../../shared/domain/explain';
import { Engine } from '../engine';
import { findAppRoot } from '../paths';
import { readSeries } from '../workspace/series-store';

const root = findAppRoot(import.meta.dirname);
const tmp = mkdtempSync(join(tmpdir(), 'vigil-explain-e2e-'));
const wsDir = join(tmp, 'ws');
let engine: Engine;
let runId = '';
const SETTING = 'blocked/full';

beforeAll(async () => {
  engine = await Engine.create({ root, transport: 'loopback', workspaceDir: wsDir, configDir: join(tmp, 'config'), poolSize: 2 });
  await engine.startJob('import', { paths: [join(root, 'resources/demo/data')], timeZone: 'Asia/Seoul' }).done;
  const r = (await engine.startJob('compare', { models: ['cnn', 'lstm'], splits: ['blocked'], folds: 2, sampling: ['full'], epochs: 3, batchSize: 32, seed: 0 }).done) as { runId: string };
  runId = r.runId;
}, 600_000);
afterAll(async () => {
  await engine?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('explain channels on a demo workspace', () => {
  let candidates: ExplainCandidate[] = [];

  it('lists outages and the model’s mistakes as candidate windows', async () => {
    candidates = (await engine.handle('explain:windows', { runId, model: 'cnn', setting: SETTING })) as ExplainCandidate[];
    expect(candidates.length).toBeGreaterThan(0);
    const outages = candidates.filter((c) => c.kind === 'outage');
    expect(outages.length).toBeGreaterThan(0);
    for (const c of outages) expect(c.label).toBe(1);
    for (const c of candidates.filter((x) => x.kind === 'fp')) expect(c.label).toBe(0);
    await expect(engine.handle('explain:windows', { runId, model: 'nope', setting: SETTING })).rejects.toThrow(/no model nope/);
  });

  it('explains one window: CNN maps on the counters × time grid, raw values equal the workspace series', async () => {
    const c = candidates.find((x) => x.kind === 'outage')!;
    const e = (await engine.handle('explain:window', { runId, model: 'cnn', setting: SETTING, windowIndex: c.windowIndex })) as WindowExplanation;
    const F = e.counters.length;
    const W = e.times.length;
    expect(W).toBe(4);
    expect(e.window).toEqual({ windowIndex: c.windowIndex, object: c.object, endMs: c.endMs });
    expect(e.fold).toBe(c.fold);
    expect(e.score).toBeCloseTo(c.score, 4);
    expect(e.maps.map((m) => `${m.method}:${m.layer ?? ''}`)).toEqual(['activation:conv1', 'activation:conv2', 'gradcam:conv1', 'gradcam:conv2', 'saliency:']);
    for (const m of e.maps) {
      expect(m.values).toHaveLength(F * W);
      expect(m.counterImportance).toHaveLength(F);
    }
    expect(e.times[W - 1]).toBe(c.endMs);
    const series = (await readSeries(engine.workspace, c.object, { counters: e.counters }))!;
    const row = series.times.indexOf(c.endMs);
    expect(row).toBeGreaterThan(0);
    let checked = 0;
    for (let f = 0; f < F; f++) {
      for (let t = 0; t < W; t++) {
        const v = series.values[(row - (W - 1 - t)) * F + f]!;
        if (Number.isFinite(v)) {
          expect(e.raw[f * W + t]).toBeCloseTo(v, 3);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(F * W * 0.8);
    // the same window by object + end time
    const again = (await engine.handle('explain:window', { runId, model: 'cnn', setting: SETTING, object: c.object, endMs: c.endMs })) as WindowExplanation;
    expect(again.window.windowIndex).toBe(c.windowIndex);
    const lstm = (await engine.handle('explain:window', { runId, model: 'lstm', setting: SETTING, windowIndex: c.windowIndex })) as WindowExplanation;
    expect(lstm.maps.map((m) => m.method)).toEqual(['saliency']);
    await expect(engine.handle('explain:window', { runId, model: 'cnn', setting: SETTING })).rejects.toThrow(/windowIndex, or object and endMs/);
  });

  it('projects a fold’s test windows to 2-D', async () => {
    const s = (await engine.handle('explain:embedding', { runId, model: 'cnn', setting: SETTING, fold: 1, maxPoints: 300 })) as EmbeddingScatter;
    expect(s.x.length).toBe(s.label.length);
    expect(s.x.length).toBeLessThanOrEqual(300);
    expect(s.source).toBe('penultimate');
    expect(s.explainedVariance[0]).toBeGreaterThan(0);
    expect(s.explainedVariance[0]).toBeGreaterThanOrEqual(s.explainedVariance[1]);
  });

  it('averages maps over normal vs anomalous windows as a job, stores and reads them back', async () => {
    expect(await engine.handle('explain:average-get', { runId, model: 'cnn', setting: SETTING })).toBeNull();
    const { jobId } = (await engine.handle('jobs:start', { kind: 'explain', params: { runId, model: 'cnn', setting: SETTING } })) as { jobId: string };
    expect(jobId).toBeTruthy();
    let stored: AveragedMaps | null = null;
    for (let i = 0; i < 600 && !stored; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = (await engine.handle('explain:average-get', { runId, model: 'cnn', setting: SETTING })) as AveragedMaps | null;
    }
    expect(stored).not.toBeNull();
    const preds = await engine.workspace.all('SELECT label FROM predictions WHERE run_id = $1 AND model = $2 AND setting = $3', [runId, 'cnn', SETTING]);
    expect(stored!.normal.count + stored!.anomalous.count).toBe(preds.length);
    expect(stored!.anomalous.count).toBe(preds.filter((p) => Number(p['label']) === 1).length);
    expect(stored!.folds).toEqual([0, 1]);
    expect(stored!.anomalous.maps).toHaveLength(5);
  });
});

describe('vigil explain', () => {
  it('writes the maps of an outage window as JSON, SVG and PNG', async () => {
    await engine.close();
    const out = join(tmp, 'out');
    const stdout = execFileSync(process.execPath, [join(root, 'bin/vigil.mjs'), 'explain', '--workspace', wsDir, '--run', runId, '--model', 'cnn', '--window', 'outage:1', '--out', out, '--average', '--max-windows', '200'], { encoding: 'utf8', timeout: 120_000 });
    expect(stdout).toMatch(/window \d+: .* \(label 1, score/);
    expect(stdout).toMatch(/averaged \d+ normal \/ \d+ anomalous/);
    const files = readdirSync(out);
    const json = files.find((f) => /^window-\d+\.json$/.test(f))!;
    const e = JSON.parse(readFileSync(join(out, json), 'utf8')) as WindowExplanation;
    expect(e.runId).toBe(runId);
    for (const m of ['values', 'gradcam-conv2', 'saliency']) {
      const base = json.replace('.json', `-${m}`);
      expect(readFileSync(join(out, `${base}.svg`), 'utf8')).toMatch(/^<svg[^>]*>.*<\/svg>$/s);
      const png = readFileSync(join(out, `${base}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(e.times.length * 16); // width: W cells of 16 px
    }
    expect(existsSync(join(out, 'average.json'))).toBe(true);
    expect(files.some((f) => f.startsWith('average-anomalous-gradcam'))).toBe(true);
    const help = execFileSync(process.execPath, [join(root, 'bin/vigil.mjs'), 'explain', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/outage:N/);
  }, 180_000);
});
