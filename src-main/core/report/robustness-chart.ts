import type { RobustnessCurve, RobustnessKind, RobustnessMetric } from '../../../shared/domain/models';
import { modelLabel } from '../../../shared/domain/models';
import { escapeHtml } from './escape';
import { PALETTE } from './svg-charts';

export const ROBUSTNESS_METRIC_LABEL: Record<RobustnessMetric, string> = { f1: 'F1', rocAuc: 'ROC-AUC', prAuc: 'PR-AUC', eventRecall: 'event recall' };

export const ROBUSTNESS_LEVEL_LABEL: Record<RobustnessKind, string> = {
  noise: 'noise sd (share of the training range)',
  'label-noise': 'share of test labels flipped',
  shift: 'share of the earliest time trained on',
  reduced: 'share of training windows kept (latest)',
  'reduced-first': 'share of training windows kept (earliest)',
};

/**
 * One robustness curve as standalone SVG (no script, no external font): a line per model of the
 * metric's mean over folds against the level (METHODS.md §6.1 robustness tests), a ±1 sd bar at
 * every point, the x axis in % at the planned levels. Undefined points (no fold defines the metric)
 * break the line instead of being drawn as 0.
 */
export function robustnessChartSvg(curve: RobustnessCurve, metric: RobustnessMetric, opts: { title?: string; xLabel?: string; yLabel?: string; width?: number; height?: number } = {}): string {
  const W = opts.width ?? 420;
  const H = opts.height ?? 300;
  const m = { l: 48, r: 12, t: 28, b: 40 };
  const levels = curve.levels.length ? curve.levels : [0, 1];
  const x0 = Math.min(...levels);
  const x1 = Math.max(...levels);
  const px = (x: number) => (x1 === x0 ? (m.l + W - m.r) / 2 : m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r));
  const py = (y: number) => H - m.b - Math.max(0, Math.min(1, y)) * (H - m.t - m.b);
  const title = opts.title ?? `${ROBUSTNESS_METRIC_LABEL[metric]} under ${curve.kind}`;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}" font-family="sans-serif" font-size="11">`);
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-weight="600" font-size="12">${escapeHtml(title)}</text>`);
  for (const l of levels) parts.push(`<line x1="${px(l).toFixed(1)}" x2="${px(l).toFixed(1)}" y1="${m.t}" y2="${H - m.b}" stroke="#e5e7eb"/><text x="${px(l).toFixed(1)}" y="${H - m.b + 14}" text-anchor="middle" fill="#4b5563">${+(l * 100).toFixed(1)}%</text>`);
  for (let i = 0; i <= 5; i++) {
    const t = i / 5;
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#e5e7eb"/><text x="${m.l - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end" fill="#4b5563">${t.toFixed(1)}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#9ca3af"/>`);
  curve.models.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    let d = '';
    let pen = false;
    for (const p of s.points) {
      const st = p.metrics[metric];
      if (st.mean === null) {
        pen = false;
        continue;
      }
      const x = px(p.level).toFixed(1);
      d += `${pen ? 'L' : 'M'}${x},${py(st.mean).toFixed(1)}`;
      pen = true;
      const sd = st.std ?? 0;
      if (sd > 0) parts.push(`<line x1="${x}" x2="${x}" y1="${py(st.mean - sd).toFixed(1)}" y2="${py(st.mean + sd).toFixed(1)}" stroke="${colour}" stroke-opacity="0.6"/>`);
      parts.push(`<circle cx="${x}" cy="${py(st.mean).toFixed(1)}" r="2.5" fill="${colour}"/>`);
    }
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.6"/>`);
  });
  // Legend in the lower-left corner: metrics usually fall as the level rises, to the right.
  const lh = 13;
  const lw = 150;
  const lx = m.l + 8;
  const ly = H - m.b - 8 - curve.models.length * lh;
  if (curve.models.length) parts.push(`<rect x="${lx - 6}" y="${ly - 4}" width="${lw}" height="${curve.models.length * lh + 6}" fill="#ffffff" fill-opacity="0.92" stroke="#d1d5db"/>`);
  curve.models.forEach((s, i) => {
    const y = ly + i * lh;
    parts.push(`<rect x="${lx}" y="${y + 4}" width="12" height="3" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 16}" y="${y + 9}" fill="#111827">${escapeHtml(modelLabel(s.model))}</text>`);
  });
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle" fill="#374151">${escapeHtml(opts.xLabel ?? ROBUSTNESS_LEVEL_LABEL[curve.kind])}</text>`);
  parts.push(`<text transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" fill="#374151">${escapeHtml(opts.yLabel ?? ROBUSTNESS_METRIC_LABEL[metric])}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** Every chart of a run's robustness curves, for the report: per curve, one SVG per metric. */
export function robustnessFigures(curves: readonly RobustnessCurve[], metrics: readonly RobustnessMetric[] = ['f1', 'rocAuc', 'prAuc', 'eventRecall']): { kind: RobustnessKind; metric: RobustnessMetric; svg: string }[] {
  return curves.flatMap((c) => metrics.map((metric) => ({ kind: c.kind, metric, svg: robustnessChartSvg(c, metric) })));
}
