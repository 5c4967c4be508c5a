/**
 * A heatmap (counters × time, counter × counter, or α over time; METHODS.md §7) as standalone SVG
 * in the style of svg-charts.ts: no script, no external font, every label escaped.
 */
import type { HeatMap } from '../../../shared/domain/explain.js';
import { hex, normalise, viridis } from '../explain/colormap.js';
import { escapeHtml } from './escape.js';

export interface HeatmapSvgOptions {
  title: string;
  /** Row labels (counters), column labels (time or counters). */
  rowLabels: readonly string[];
  colLabels: readonly string[];
  cell?: number;
}

export function heatmapSvg(m: HeatMap, o: HeatmapSvgOptions): string {
  const cell = o.cell ?? Math.max(10, Math.min(28, Math.floor(360 / Math.max(m.cols, 1))));
  const ch = Math.max(10, Math.min(cell, 18));
  const left = 8 + 6.2 * Math.min(28, Math.max(4, ...o.rowLabels.map((l) => l.length)));
  const top = 28;
  const bottom = 44;
  // wide enough for the title too: a 1 × W map (temporal α) is narrower than its name (12 px bold ≈ 7 px a character)
  const W = Math.ceil(Math.max(left + m.cols * cell + 56, o.title.length * 7 + 16));
  const H = Math.ceil(top + m.rows * ch + bottom);
  const v = normalise(m.values);
  let max = 0;
  for (const x of m.values) if (Number.isFinite(x) && x > max) max = x;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(o.title)}" font-family="sans-serif" font-size="10">`);
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-weight="600" font-size="12">${escapeHtml(o.title)}</text>`);
  for (let r = 0; r < m.rows; r++) {
    const label = o.rowLabels[r] ?? String(r + 1);
    parts.push(`<text x="${left - 4}" y="${top + r * ch + ch * 0.72}" text-anchor="end" fill="#374151">${escapeHtml(label.length > 28 ? `${label.slice(0, 27)}…` : label)}</text>`);
    for (let c = 0; c < m.cols; c++) {
      const val = m.values[r * m.cols + c] ?? 0;
      parts.push(`<rect x="${left + c * cell}" y="${top + r * ch}" width="${cell}" height="${ch}" fill="${hex(viridis(v[r * m.cols + c]!))}"><title>${escapeHtml(`${label} · ${o.colLabels[c] ?? c + 1}: ${val.toPrecision(3)}`)}</title></rect>`);
    }
  }
  const every = Math.max(1, Math.ceil(m.cols / 8));
  for (let c = 0; c < m.cols; c += every) {
    const x = left + c * cell + cell / 2;
    parts.push(`<text transform="translate(${x} ${top + m.rows * ch + 8}) rotate(40)" fill="#4b5563">${escapeHtml(o.colLabels[c] ?? String(c + 1))}</text>`);
  }
  // colour bar: 0 … max of this map
  const bx = left + m.cols * cell + 14;
  const bh = Math.max(40, m.rows * ch);
  for (let i = 0; i < 20; i++) parts.push(`<rect x="${bx}" y="${top + bh - ((i + 1) * bh) / 20}" width="10" height="${bh / 20 + 0.5}" fill="${hex(viridis(i / 19))}"/>`);
  parts.push(`<text x="${bx + 12}" y="${top + 8}" fill="#4b5563">${escapeHtml(max.toPrecision(2))}</text><text x="${bx + 12}" y="${top + bh}" fill="#4b5563">0</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The title of a map, e.g. "Grad-CAM (conv2)". */
export function mapTitle(m: HeatMap): string {
  const names: Record<HeatMap['method'], string> = { activation: 'Activation', gradcam: 'Grad-CAM', saliency: 'Saliency |∂p/∂x|', occlusion: 'Occlusion', adjacency: 'Counter adjacency A', temporal: 'Temporal attention α' };
  return `${names[m.method]}${m.layer ? ` (${m.layer})` : ''}`;
}
