import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultLabelSet, type LabelRules } from '../../../shared/domain/labels';
import { VigilError } from '../../../shared/errors';
import { getLabelVersion, importLabelSpans, listLabelSets, setLabelRules } from '../../services/workspace/label-store';
import { listSeries, readSeries } from '../../services/workspace/series-store';
import { businessHoursMask, rowLabels } from '../../core/labeling/row-labels';
import { spansFromCsv, spansToCsv } from '../../core/labeling/label-spans';
import { defaultWorkspace, withEngine } from '../cli-context';
import { fmtCount, parseHours, table } from '../format';

interface LabelOptions {
  workspace: string;
  set?: string;
  version?: string;
  businessHours?: string;
  weekdaysOnly?: boolean;
  allDays?: boolean;
  export?: string;
  import?: string;
}

/**
 * `vigil label`: shows how the label set labels each object's 5-minute rows (METHODS.md §2),
 * changes its rules (business hours) as a new version, and exports/imports labels as CSV.
 */
export function registerLabel(program: Command): void {
  program
    .command('label')
    .description('show, re-rule, export or import a label set (outage spans → 0/1 labels on each object\'s time grid)')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .option('--set <id>', "label set (default: the newest one from health checks or people, never a model's flags)")
    .option('--version <n>', 'version to show or export (default: the latest)')
    .option('--business-hours <HH:MM-HH:MM|all>', 'keep only rows inside these local hours (stored as a new version)')
    .option('--weekdays-only', 'with --business-hours: drop Saturdays and Sundays')
    .option('--export <file.csv>', 'write the spans as CSV')
    .option('--import <file.csv>', 'replace the spans with those of a CSV (a new version)')
    .action(async (o: LabelOptions) => {
      await withEngine({ workspace: o.workspace }, async (engine) => {
        const ws = engine.workspace;
        const sets = await listLabelSets(ws);
        const setId = o.set ?? defaultLabelSet(sets)?.labelSetId;
        if (!setId) throw new VigilError('NOT_FOUND', 'the workspace has no label set yet', { hint: 'Import access logs with `vigil import` (or run `vigil demo`) to create one from the health checks.' });
        const out = (t: string) => process.stdout.write(t);
        if (o.import) {
          const v = await importLabelSpans(ws, setId, spansFromCsv(readFileSync(o.import, 'utf8'), basename(o.import)), basename(o.import));
          out(`label set ${setId}: version ${v.version} holds ${v.spans.length} span(s) from ${o.import}\n`);
        }
        if (o.businessHours) {
          const latest = await getLabelVersion(ws, setId);
          const hours = parseHours(o.businessHours);
          const offset = latest.rules.businessHours?.utcOffsetMinutes ?? 0;
          const rules: LabelRules = { ...latest.rules, businessHours: hours ? { ...hours, weekdaysOnly: o.weekdaysOnly ?? false, utcOffsetMinutes: offset } : null };
          const v = await setLabelRules(ws, setId, rules);
          out(`label set ${setId}: version ${v.version} keeps ${hours ? `${o.businessHours}${o.weekdaysOnly ? ' on weekdays' : ''}` : 'all hours'}\n`);
        }
        const v = await getLabelVersion(ws, setId, o.version ? Number(o.version) : undefined);
        if (o.export) {
          writeFileSync(o.export, spansToCsv(v.spans));
          out(`wrote ${v.spans.length} span(s) of version ${v.version} to ${o.export}\n`);
        }
        const bh = v.rules.businessHours;
        const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        out(`label set ${setId} version ${v.version}: ${v.spans.length} span(s); gap factor k = ${v.rules.gapFactor}; business hours ${bh ? `${hm(bh.startMinute)}-${hm(bh.endMinute)}${bh.weekdaysOnly ? ' weekdays' : ''}` : 'all day'}\n`);
        const rows: (string | number)[][] = [];
        for (const s of await listSeries(ws)) {
          const series = await readSeries(ws, s.object, { counters: s.counters.slice(0, 1) });
          if (!series) continue;
          const y = rowLabels(series.times, v.spans, s.object);
          const m = businessHoursMask(series.times, bh);
          let kept = 0;
          let anomalous = 0;
          for (let i = 0; i < y.length; i++) {
            if (m[i]) {
              kept++;
              anomalous += y[i] ?? 0;
            }
          }
          rows.push([s.object, fmtCount(series.times.length), fmtCount(kept), fmtCount(anomalous), kept ? `${((100 * anomalous) / kept).toFixed(2)} %` : '-']);
        }
        if (rows.length) out(`${table(['object', 'rows', 'rows kept', 'anomalous', 'share'], rows)}\n`);
      });
    });
}
