import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AveragedMaps, HeatMap } from '../../../shared/domain/explain';
import { summarizeFolds } from '../eval/metrics';
import { heatMapPng } from '../explain/heatmap-png';
import { crc32 } from '../explain/png';
import { viridis } from '../explain/colormap';
import { renderReportHtml } from './render-report';
import type { ReportModel } from './report-model';
import { heatmapSvg } from './heatmap-svg';

const evil = '<script>alert("x")</script>';
const F = 3;
const W = 4;
const map = (method: HeatMap['method'], layer: string | null, seed: number): HeatMap => {
  const values = Array.from({ length: F * W }, (_, i) => ((i * 7 + seed) % 11) / 10);
  return { method, layer, grid: 'counter-time', rows: F, cols: W, values, counterImportance: [0, 1, 2].map((f) => values.slice(f * W, f * W + W).reduce((a, b) => a + b, 0)) };
};
const avg: AveragedMaps = {
  runId: 'run1',
  model: 'cnn',
  setting: 'blocked/full',
  folds: [0, 1],
  counters: ['TPS', evil, 'Heap'],
  W,
  normal: { count: 90, maps: [map('activation', 'conv1', 1), map('activation', 'conv2', 2), map('gradcam', 'conv2', 3), map('saliency', null, 4)] },
  anomalous: { count: 10, maps: [map('activation', 'conv1', 5), map('activation', 'conv2', 6), map('gradcam', 'conv2', 7), map('saliency', null, 8)] },
  elapsedMs: 12,
  createdAtMs: 0,
};
const base: ReportModel = {
  title: 'r',
  generatedAtMs: 0,
  locale: 'en',
  workspace: { path: '/tmp/ws' },
  series: [],
  imports: [],
  labelling: null,
  outages: [],
  comparison: { runId: 'run1', createdAtMs: 0, seed: 0, dataHash: 'abc', labelVersion: 1, backend: null, settings: {}, groups: [{ split: 'blocked', sampling: 'full', folds: 2, foldsWithAnomalies: 1, rows: [{ model: 'cnn', folds: 2, trainWindowsPerSec: 1, metrics: summarizeFolds([]).metrics }], roc: [], pr: [] }] },
  environment: { vigil: '0', node: '20', platform: 'linux', cpu: 'x', versions: {} },
};

describe('report heatmaps section', () => {
  it('shows normal vs anomalous averaged maps, deepest layer per method, counters escaped', () => {
    const out = renderReportHtml({ ...base, explanations: [avg] });
    expect(out).toContain('6. Explanations: heatmaps');
    expect(out).toContain('7. Environment');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('90 normal and 10 anomalous test windows.');
    // 3 methods (activation conv2, Grad-CAM, saliency) × 2 classes = 6 heatmaps of F·W cells each
    expect(out.match(/aria-label="[^"]*(normal|anomalous) windows \(\d+\)"/g)).toHaveLength(6);
    expect(out).toContain('Activation (conv2) · anomalous windows (10)');
    expect(out).not.toContain('Activation (conv1)');
    const ko = renderReportHtml({ ...base, locale: 'ko', explanations: [avg] });
    expect(ko).toContain('설명: 히트맵');
    expect(ko).toContain('이상 윈도우');
  });

  it('says when attention maps average more windows than the occlusion sample', () => {
    const withAttention = (windows: number, count: number, seed: number): AveragedMaps['normal'] => ({ count, maps: [{ ...map('occlusion', null, seed), windows: count }, { ...map('occlusion', null, seed), method: 'adjacency', grid: 'counter-counter', windows }] });
    const det: AveragedMaps = { ...avg, model: 'metric-graph', normal: withAttention(900, 300, 1), anomalous: withAttention(17, 17, 2) };
    const out = renderReportHtml({ ...base, explanations: [det] });
    expect(out).toContain('300 normal and 17 anomalous test windows in the occlusion maps (a sample); the attention maps average every test window');
    expect(out).toContain('normal windows (900)');
    expect(renderReportHtml({ ...base, explanations: [avg] })).toContain('90 normal and 10 anomalous test windows.');
  });

  it('says how to compute explanations when none are stored', () => {
    expect(renderReportHtml(base)).toContain('No explanation has been computed for this run yet');
  });

  it('draws one cell per value with the maximum in the top colour', () => {
    const m = map('gradcam', 'conv2', 3);
    const svg = heatmapSvg(m, { title: 't', rowLabels: ['a', 'b', 'c'], colLabels: ['1', '2', '3', '4'] });
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(F * W);
    const max = Math.max(...m.values);
    const [r, g, b] = viridis(1);
    const hex = `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
    const maxCells = [...svg.matchAll(/fill="(#[0-9a-f]{6})"><title>[^<]*: ([0-9.]+)<\/title>/g)].filter((x) => Number(x[2]) === Number(max.toPrecision(3)));
    expect(maxCells.length).toBeGreaterThan(0);
    for (const c of maxCells) expect(c[1]).toBe(hex);
    const minCells = [...svg.matchAll(/fill="(#[0-9a-f]{6})"><title>[^<]*: 0\.00<\/title>/g)];
    for (const c of minCells) expect(c[1]).toBe('#440154');
  });

  it('writes a valid PNG: signature, CRCs, size, and the pixel colours of the scale', () => {
    const m = map('saliency', null, 4);
    const png = heatMapPng(m, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let o = 8;
    let idat = Buffer.alloc(0);
    while (o < png.length) {
      const len = png.readUInt32BE(o);
      const type = png.subarray(o + 4, o + 8).toString('ascii');
      expect(png.readUInt32BE(o + 8 + len)).toBe(crc32(png.subarray(o + 4, o + 8 + len)));
      if (type === 'IHDR') {
        expect(png.readUInt32BE(o + 8)).toBe(W * 2);
        expect(png.readUInt32BE(o + 12)).toBe(F * 2);
      }
      if (type === 'IDAT') idat = Buffer.concat([idat, png.subarray(o + 8, o + 8 + len)]);
      o += 12 + len;
    }
    const raw = inflateSync(idat);
    const stride = 1 + W * 2 * 3;
    expect(raw.length).toBe(F * 2 * stride);
    const max = Math.max(...m.values);
    const at = m.values.indexOf(max);
    const px = raw.subarray(Math.floor(at / W) * 2 * stride + 1 + (at % W) * 2 * 3, Math.floor(at / W) * 2 * stride + 1 + (at % W) * 2 * 3 + 3);
    expect([...px]).toEqual(viridis(1));
  });
});
