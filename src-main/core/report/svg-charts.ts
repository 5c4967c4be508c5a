import { escapeHtml } from './escape';

export interface XYSeries {
  name: string;
  points: { x: number; y: number }[];
}

/** Colour-blind-safe palette (Okabe–Ito), printed and on screen alike. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

function ticks(lo: number, hi: number, n = 5): number[] {
  const step = (hi - lo) / n;
  return Array.from({ length: n + 1 }, (_, i) => lo + i * step);
}

/**
 * A line chart as standalone SVG (no script, no external font), e.g. ROC or PR curves.
 * Axes are fixed to [0, 1] unless given; a diagonal reference line is optional.
 */
export function lineChartSvg(series: readonly XYSeries[], opts: { title: string; xLabel: string; yLabel: string; width?: number; height?: number; diagonal?: boolean; xDomain?: [number, number]; yDomain?: [number, number] }): string {
  const W = opts.width ?? 420;
  const H = opts.height ?? 300;
  const m = { l: 48, r: 12, t: 28, b: 40 };
  const [x0, x1] = opts.xDomain ?? [0, 1];
  const [y0, y1] = opts.yDomain ?? [0, 1];
  const px = (x: number) => m.l + ((x - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const py = (y: number) => H - m.b - ((y - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(opts.title)}" font-family="sans-serif" font-size="11">`);
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-weight="600" font-size="12">${escapeHtml(opts.title)}</text>`);
  for (const t of ticks(x0, x1)) parts.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${m.t}" y2="${H - m.b}" stroke="#e5e7eb"/><text x="${px(t)}" y="${H - m.b + 14}" text-anchor="middle" fill="#4b5563">${t.toFixed(1)}</text>`);
  for (const t of ticks(y0, y1)) parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e7eb"/><text x="${m.l - 6}" y="${py(t) + 4}" text-anchor="end" fill="#4b5563">${t.toFixed(1)}</text>`);
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#9ca3af"/>`);
  if (opts.diagonal) parts.push(`<line x1="${px(x0)}" y1="${py(y0)}" x2="${px(x1)}" y2="${py(y1)}" stroke="#9ca3af" stroke-dasharray="4 3"/>`);
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="1.6"/>`);
  });
  // Legend in the lower-right corner on a white box, where ROC and PR curves rarely run.
  const lh = 13;
  const lx = W - m.r - 104;
  const ly = H - m.b - 8 - series.length * lh;
  if (series.length) parts.push(`<rect x="${lx - 6}" y="${ly - 4}" width="104" height="${series.length * lh + 6}" fill="#ffffff" fill-opacity="0.92" stroke="#d1d5db"/>`);
  series.forEach((s, i) => {
    const y = ly + i * lh;
    parts.push(`<rect x="${lx}" y="${y + 4}" width="12" height="3" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 16}" y="${y + 9}" fill="#111827">${escapeHtml(s.name)}</text>`);
  });
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle" fill="#374151">${escapeHtml(opts.xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" fill="#374151">${escapeHtml(opts.yLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
