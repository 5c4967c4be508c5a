/**
 * Explanations written as files (`vigil explain --out`): the data as JSON, every map as SVG
 * (report style) and PNG (core/explain/png.ts), named `<prefix>-<method>[-<layer>].{svg,png}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AveragedMaps, HeatMap, WindowExplanation } from '../../../shared/domain/explain';
import { heatMapPng } from '../../core/explain/heatmap-png';
import { heatmapSvg, mapTitle } from '../../core/report/heatmap-svg';

const fmtTime = (ms: number): string => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

function labelsOf(m: HeatMap, counters: readonly string[], cols: readonly string[]): { rowLabels: string[]; colLabels: string[] } {
  if (m.grid === 'counter-counter') return { rowLabels: [...counters], colLabels: [...counters] };
  if (m.grid === 'time') return { rowLabels: ['α'], colLabels: [...cols] };
  return { rowLabels: [...counters], colLabels: [...cols] };
}

function writeMap(dir: string, base: string, m: HeatMap, title: string, counters: readonly string[], cols: readonly string[], files: string[]): void {
  const name = `${base}-${m.method}${m.layer ? `-${m.layer}` : ''}`;
  writeFileSync(join(dir, `${name}.svg`), heatmapSvg(m, { title, ...labelsOf(m, counters, cols) }));
  writeFileSync(join(dir, `${name}.png`), heatMapPng(m));
  files.push(`${name}.svg`, `${name}.png`);
}

export function writeWindowFiles(dir: string, e: WindowExplanation): string[] {
  mkdirSync(dir, { recursive: true });
  const base = `window-${e.window.windowIndex}`;
  const files = [`${base}.json`];
  writeFileSync(join(dir, `${base}.json`), JSON.stringify(e, null, 1));
  const cols = e.times.map(fmtTime);
  const F = e.counters.length;
  const W = e.times.length;
  const valueMap: HeatMap = { method: 'activation', layer: null, grid: 'counter-time', rows: F, cols: W, values: e.scaled, counterImportance: [] };
  writeFileSync(join(dir, `${base}-values.svg`), heatmapSvg(valueMap, { title: `${e.window.object} · scaled values`, rowLabels: e.counters, colLabels: cols }));
  writeFileSync(join(dir, `${base}-values.png`), heatMapPng(valueMap));
  files.push(`${base}-values.svg`, `${base}-values.png`);
  for (const m of e.maps) writeMap(dir, base, m, `${e.model} · ${mapTitle(m)}`, e.counters, cols, files);
  return files;
}

export function writeAverageFiles(dir: string, a: AveragedMaps): string[] {
  mkdirSync(dir, { recursive: true });
  const files = ['average.json'];
  writeFileSync(join(dir, 'average.json'), JSON.stringify(a, null, 1));
  const cols = Array.from({ length: a.W }, (_, t) => `t${t - a.W + 1}`);
  for (const [cls, part] of [['normal', a.normal], ['anomalous', a.anomalous]] as const) {
    for (const m of part.maps) writeMap(dir, `average-${cls}`, m, `${a.model} · ${mapTitle(m)} · ${cls} (${part.count})`, a.counters, cols, files);
  }
  return files;
}
