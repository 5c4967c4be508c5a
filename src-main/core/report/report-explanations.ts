/**
 * The report's heatmaps section (METHODS.md §7): per explained model, its maps averaged over the
 * normal and over the anomalous test windows side by side — for each method the deepest layer's
 * map (activation, Grad-CAM), the saliency / occlusion map, and attention (A, α) when the model has
 * it. SVG inline (heatmap-svg.ts); every label escaped.
 */
import { averagedWindows, type AveragedMaps, type HeatMap } from '../../../shared/domain/explain';
import { modelLabel } from '../../../shared/domain/models';
import { html, raw, type Html } from './escape';
import { heatmapSvg, mapTitle } from './heatmap-svg';
import type { ReportStrings } from './report-strings';

/** One map per method: the last of each (the deepest conv layer for per-layer maps). */
function shown(maps: readonly HeatMap[]): HeatMap[] {
  const byMethod = new Map<string, HeatMap>();
  for (const m of maps) byMethod.set(m.method, m);
  return [...byMethod.values()];
}

function labels(m: HeatMap, a: AveragedMaps): { rowLabels: string[]; colLabels: string[] } {
  const steps = Array.from({ length: a.W }, (_, t) => (t === a.W - 1 ? 't' : `t−${a.W - 1 - t}`));
  if (m.grid === 'counter-counter') return { rowLabels: a.counters, colLabels: a.counters };
  if (m.grid === 'time') return { rowLabels: ['α'], colLabels: steps };
  return { rowLabels: a.counters, colLabels: steps };
}

export function explanationsSection(s: ReportStrings, averages: readonly AveragedMaps[] | undefined): Html {
  if (!averages || averages.length === 0) return html`<p>${s.noExplanations}</p>`;
  return html`<p class="small">${s.explanationsNote}</p>
${averages.map((a) => {
  const anomalous = shown(a.anomalous.maps);
  const normal = shown(a.normal.maps);
  return html`<h3>${modelLabel(a.model)} · ${a.setting} · ${s.folds.toLowerCase()} ${a.folds.join(', ')}</h3>
<p class="small">${s.explainedWindows(a.normal.count, a.anomalous.count, averagedWindows(a).sampled)}</p>
${anomalous.map((m) => {
  const n = normal.find((x) => x.method === m.method);
  return html`<div class="charts">${n ? raw(heatmapSvg(n, { title: `${mapTitle(n)} · ${s.normalWindows} (${n.windows ?? a.normal.count})`, ...labels(n, a) })) : raw('')}${raw(heatmapSvg(m, { title: `${mapTitle(m)} · ${s.anomalousWindows} (${m.windows ?? a.anomalous.count})`, ...labels(m, a) }))}</div>`;
})}`;
})}`;
}
