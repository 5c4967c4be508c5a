import { modelLabel } from '../../../shared/domain/models';
import { formatInOffset, offsetLabel } from '../../../shared/domain/time';
import type { MetricSummary, SummarizedMetric } from '../eval/metrics';
import { html, raw, type Html } from './escape';
import type { ReportGroup, ReportModel } from './report-model';
import { REPORT_STRINGS, type ReportStrings } from './report-strings';
import { lineChartSvg } from './svg-charts';
import { explanationsSection } from './report-explanations';
import { robustnessFigures } from './robustness-chart';

const METRIC_COLUMNS: { key: SummarizedMetric; label: string; better: 'high' | 'low'; digits: number }[] = [
  { key: 'acc', label: 'ACC', better: 'high', digits: 3 },
  { key: 'balancedAcc', label: 'BalACC', better: 'high', digits: 3 },
  { key: 'tpr', label: 'TPR', better: 'high', digits: 3 },
  { key: 'fpr', label: 'FPR', better: 'low', digits: 3 },
  { key: 'precision', label: 'Precision', better: 'high', digits: 3 },
  { key: 'f1', label: 'F1', better: 'high', digits: 3 },
  { key: 'rocAuc', label: 'ROC-AUC', better: 'high', digits: 3 },
  { key: 'prAuc', label: 'PR-AUC', better: 'high', digits: 3 },
  { key: 'eventRecall', label: 'Event recall', better: 'high', digits: 3 },
  { key: 'meanLeadTimeMin', label: 'Lead (min)', better: 'high', digits: 1 },
  { key: 'alertsPerDay', label: 'Alerts/day', better: 'low', digits: 1 },
];

// Print-friendly, no web fonts, no script: the CSP forbids everything but inline styles and data: images.
const CSS = `
:root{color-scheme:light}body{font:13px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK KR","Malgun Gothic",sans-serif;color:#111827;margin:0;background:#fff}
main{max-width:1100px;margin:0 auto;padding:28px 32px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
h3{font-size:14px;margin:18px 0 6px}.meta{color:#4b5563}table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-variant-numeric:tabular-nums}
th,td{border:1px solid #e5e7eb;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f4f6;font-weight:600}td.num{text-align:right;white-space:nowrap}
td.best{font-weight:700;background:#ecfdf5}.note{color:#374151;background:#f9fafb;border-left:3px solid #9ca3af;padding:6px 10px;margin:8px 0}
.warn{border-left-color:#d97706;background:#fffbeb}.charts{display:flex;flex-wrap:wrap;gap:12px}.small{font-size:11px;color:#4b5563}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
@page{size:A4 landscape;margin:10mm}@media print{main{padding:0;max-width:none}body{font-size:11px}table{font-size:10px}h2{break-after:avoid}table,svg,.charts{break-inside:avoid}}`;

function fmt(m: MetricSummary, digits: number): string {
  return m.mean === null ? 'undef' : `${m.mean.toFixed(digits)} ± ${(m.std ?? 0).toFixed(digits)}`;
}

function hm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function groupTitle(s: ReportStrings, g: ReportGroup): string {
  const split = g.split === 'kfold' ? s.kfold : s.blocked;
  const sampling = g.sampling === 'ns' ? s.ns : g.sampling === 'paper' ? s.paper : s.full;
  return `${split} · ${sampling}`;
}

function groupTable(s: ReportStrings, g: ReportGroup): Html {
  const best = new Map<SummarizedMetric, number>();
  for (const c of METRIC_COLUMNS) {
    const vals = g.rows.map((r) => r.metrics[c.key].mean).filter((v): v is number => v !== null);
    if (vals.length > 1) best.set(c.key, c.better === 'high' ? Math.max(...vals) : Math.min(...vals));
  }
  return html`<table class="comparison"><thead><tr><th>${s.model}</th><th>${s.folds}</th>${METRIC_COLUMNS.map((c) => html`<th>${c.label}</th>`)}<th>${s.winPerSec}</th></tr></thead><tbody>
${g.rows.map(
  (r) =>
    html`<tr><td>${modelLabel(r.model)}</td><td class="num">${r.folds}</td>${METRIC_COLUMNS.map((c) => {
      const m = r.metrics[c.key];
      const isBest = m.mean !== null && best.get(c.key) === m.mean;
      return html`<td class="${isBest ? 'num best' : 'num'}">${fmt(m, c.digits)}</td>`;
    })}<td class="num">${r.trainWindowsPerSec === null ? '–' : Math.round(r.trainWindowsPerSec).toLocaleString('en-US')}</td></tr>`,
)}
</tbody></table>`;
}

/**
 * The self-contained offline report (issue: workbench UI, item 6): one HTML file, charts as
 * inline SVG, no script, a CSP that forbids loading anything; every user-provided string is
 * escaped by the `html` template.
 */
export function renderReportHtml(r: ReportModel): string {
  const s = REPORT_STRINGS[r.locale] as ReportStrings;
  const offset = r.labelling?.rules.businessHours?.utcOffsetMinutes ?? r.outages[0]?.utcOffsetMinutes ?? 0;
  const t = (ms: number) => `${formatInOffset(ms, offset)}`;
  const c = r.comparison;
  const blockedBest = c?.groups
    .filter((g) => g.split === 'blocked')
    .flatMap((g) => g.rows.map((row) => ({ g, row })))
    .filter((x) => x.row.metrics.rocAuc.mean !== null)
    .sort((a, b) => (b.row.metrics.rocAuc.mean ?? 0) - (a.row.metrics.rocAuc.mean ?? 0))[0];
  const bh = r.labelling?.rules.businessHours;
  const body = html`
<main>
<h1>${r.title}</h1>
<div class="meta">${s.generated}: ${formatInOffset(r.generatedAtMs, offset)} ${offsetLabel(offset)} · ${s.workspace}: <code>${r.workspace.path}</code></div>
<p class="small">${s.offline}</p>

<h2>1. ${s.summary}</h2>
<ul>
<li>${r.series.length} ${s.object.toLowerCase()}(s), ${[...new Set(r.series.flatMap((x) => x.counters))].length} ${s.counters.toLowerCase()}, ${r.series.reduce((a, x) => a + x.rows, 0).toLocaleString('en-US')} ${s.rows.toLowerCase()}.</li>
<li>${r.outages.length} outage(s) from health checks.</li>
${blockedBest ? html`<li>${s.best(modelLabel(blockedBest.row.model), fmt(blockedBest.row.metrics.rocAuc, 3), groupTitle(s, blockedBest.g))}</li>` : raw('')}
</ul>
${c ? html`<div class="note warn">${s.leak}</div>` : raw('')}

<h2>2. ${s.data}</h2>
<table><thead><tr><th>${s.object}</th><th>${s.type}</th><th>${s.counters}</th><th>${s.rows}</th><th>${s.from}</th><th>${s.to}</th><th>${s.cadence}</th><th>${s.missing}</th></tr></thead><tbody>
${r.series.map((x) => html`<tr><td>${x.object}</td><td>${x.objType}</td><td>${x.counters.join(', ')}</td><td class="num">${x.rows.toLocaleString('en-US')}</td><td>${t(x.fromMs)}</td><td>${t(x.toMs)}</td><td class="num">${x.cadenceMs / 1000} s</td><td class="num">${x.missing.toLocaleString('en-US')}</td></tr>`)}
</tbody></table>
<h3>${s.file}</h3>
<table><thead><tr><th>${s.file}</th><th>${s.kind}</th><th>${s.rows}</th></tr></thead><tbody>
${r.imports.map((i) => html`<tr><td><code>${i.file.split(/[\\/]/).pop() ?? i.file}</code></td><td>${i.kind}</td><td class="num">${i.rows.toLocaleString('en-US')}</td></tr>`)}
</tbody></table>

<h2>3. ${s.labelling}</h2>
${r.labelling ? html`<p>${s.rule(r.labelling.rules.gapFactor)} ${bh ? s.hours(`${hm(bh.startMinute)}–${hm(bh.endMinute)} ${offsetLabel(bh.utcOffsetMinutes)}${bh.weekdaysOnly ? ', weekdays' : ''}`) : s.allDay}</p>
<p>${s.labelSet(r.labelling.name, r.labelling.version, r.labelling.spans, r.labelling.humanSpans)} <span class="small">(${r.labelling.labelSetId})</span></p>` : raw('')}
${r.outages.length === 0 ? html`<p>${s.noOutages}</p>` : html`<table><thead><tr><th>${s.object}</th><th>${s.date}</th><th>${s.from} (${offsetLabel(offset)})</th><th>${s.to}</th><th>${s.seconds}</th><th>${s.sources}</th><th>${s.statuses}</th><th>${s.evidence}</th></tr></thead><tbody>
${r.outages.map((o) => {
  const e = o.evidence;
  const statuses = Object.entries(e.statusCounts).map(([k, v]) => `${k}×${v}`).join(' ') || e.kind;
  const at = (p: typeof e.lastOkBefore) => (p ? `${formatInOffset(p.timeMs, o.utcOffsetMinutes).slice(11)} (${p.file}:${p.line})` : '–');
  const ev = `${s.lastOk} ${at(e.lastOkBefore)} → ${s.firstOk} ${at(e.firstOkAfter)}; ${e.kind === 'silence' ? s.silence : s.failedProbes(e.failedProbes)}`;
  return html`<tr><td>${o.object ?? '*'}</td><td>${formatInOffset(o.startMs, o.utcOffsetMinutes).slice(0, 10)}</td><td>${formatInOffset(o.startMs, o.utcOffsetMinutes).slice(11)}</td><td>${formatInOffset(o.endMs, o.utcOffsetMinutes).slice(11)}</td><td class="num">${o.seconds}</td><td>${e.sources.join(', ')}</td><td>${statuses}</td><td class="small">${ev}</td></tr>`;
})}
</tbody></table>`}

<h2>4. ${s.models}</h2>
${c ? html`<table><tbody>
<tr><th>${s.run}</th><td><code>${c.runId}</code> · ${formatInOffset(c.createdAtMs, offset)}</td></tr>
<tr><th>${s.seed}</th><td>${c.seed ?? '–'}</td></tr>
<tr><th>${s.dataHash}</th><td><code>${c.dataHash ?? '–'}</code>${c.labelVersion !== null ? ` · label-set version ${c.labelVersion}` : ''}</td></tr>
<tr><th>${s.backend}</th><td>${c.backend ? `${c.backend.name} (${c.backend.device})` : '–'}${c.backend?.skipped.length ? html`<div class="small">${s.skipped}: ${c.backend.skipped.map((x) => `${x.name} — ${x.reason}`).join('; ')}</div>` : raw('')}</td></tr>
<tr><th>${s.settings}</th><td><code>${JSON.stringify(c.settings)}</code></td></tr>
</tbody></table>` : html`<p>${s.noComparison}</p>`}

<h2>5. ${s.comparison}</h2>
${c ? html`<p class="small">${s.undefinedNote}</p>
${c.groups.map(
  (g) => html`<h3>${groupTitle(s, g)}</h3><p class="small">${s.foldsWithAnomalies(g.foldsWithAnomalies, g.folds)}</p>${groupTable(s, g)}
<div class="charts">${raw(lineChartSvg(g.roc, { title: 'ROC (pooled out-of-fold)', xLabel: 'FPR', yLabel: 'TPR', diagonal: true }))}${raw(lineChartSvg(g.pr, { title: 'Precision–recall (pooled)', xLabel: 'Recall', yLabel: 'Precision' }))}</div>`,
)}` : html`<p>${s.noComparison}</p>`}

${r.robustness?.length ? html`<h3>${s.robustness}</h3><p class="small">${s.robustnessNote}</p><div class="charts">${robustnessFigures(r.robustness, ['f1', 'rocAuc']).map((f) => raw(f.svg))}</div>` : raw('')}

<h2>6. ${s.explanations}</h2>
${explanationsSection(s, r.explanations)}

<h2>7. ${s.environment}</h2>
<table><tbody>
<tr><th>Vigil</th><td>${r.environment.vigil}</td></tr>
<tr><th>Node.js</th><td>${r.environment.node}</td></tr>
<tr><th>Platform</th><td>${r.environment.platform} · ${r.environment.cpu}</td></tr>
${Object.entries(r.environment.versions).map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
</tbody></table>
</main>`;
  return `<!doctype html>
<html lang="${r.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html`${r.title}`.value}</title>
<style>${CSS}</style>
</head>
<body>${body.value}</body>
</html>
`;
}
