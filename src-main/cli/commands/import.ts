import type { Command } from 'commander';
import type { ImportSummary } from '../../services/import/run-import';
import { defaultWorkspace, followJobs, withEngine } from '../cli-context';
import { fmtCount, fmtTime, parseDuration, table } from '../format';
import { formatOutageTable } from '../../core/labeling';

export interface ImportCliOptions {
  workspace: string;
  dryRun?: boolean;
  tz: string;
  counter?: string;
  objType?: string;
  date?: string;
  cadence?: string;
  k?: string;
  logObject?: string[];
}

export function importParams(paths: string[], o: ImportCliOptions): Record<string, unknown> {
  const override = { ...(o.counter ? { counter: o.counter } : {}), ...(o.objType ? { objType: o.objType } : {}), ...(o.date ? { date: o.date } : {}) };
  return {
    paths,
    timeZone: o.tz,
    dryRun: o.dryRun ?? false,
    ...(Object.keys(override).length ? { scouterOverride: override } : {}),
    ...(o.cadence ? { cadenceMs: parseDuration(o.cadence) } : {}),
    ...(o.k ? { gapFactor: Number(o.k) } : {}),
    ...(o.logObject?.length ? { logObjects: Object.fromEntries(o.logObject.map((kv) => kv.split('=', 2) as [string, string])) } : {}),
  };
}

/** What an import recognised, in the words of the issue: counter, objType, objects, range, cadence, encoding, locale; log format, lines, health check, interval. */
export function printImportSummary(s: ImportSummary, out: (t: string) => void): void {
  const offset = s.outages[0]?.utcOffsetMinutes ?? 0;
  const rows = s.files.map((f) => {
    const d = f.detail as Record<string, unknown>;
    const name = f.file.split(/[\\/]/).pop() ?? f.file;
    if (f.kind === 'scouter') return [name, `Scouter ${String(d['export'])}`, `${String(d['objType'])}/${String(d['counter'])}`, `${(d['objects'] as string[]).length} objects`, `${fmtCount(f.rows)} rows`, `${String(d['encoding'])}, decimal '${String(d['decimalMark'])}'`];
    if (f.kind === 'generic-csv') return [name, `CSV ${String(d['layout'])}`, (d['counters'] as string[]).join(' '), `${(d['objects'] as string[]).length} objects`, `${fmtCount(f.rows)} rows`, `${String(d['encoding'])}, decimal '${String(d['decimalMark'])}'`];
    return [name, `log ${String(d['format'])}${d['gzip'] ? ' (gz)' : ''}`, d['object'] ? String(d['object']) : 'all objects', `${fmtCount(Number(d['records']))} records`, `${fmtCount(f.rows)} lines`, Number(d['malformedLines']) ? `${fmtCount(Number(d['malformedLines']))} malformed` : ''];
  });
  out(`${table(['file', 'recognised as', 'what', 'objects', 'size', 'notes'], rows)}\n`);
  if (s.series.length) {
    out(`\nseries (one multivariate series per object):\n${table(['object', 'type', 'counters', 'rows', 'from', 'to', 'cadence'], s.series.map((x) => [x.object, x.objType, x.counters.length, fmtCount(x.rows), fmtTime(x.fromMs, offset), fmtTime(x.toMs, offset), `${x.cadenceMs / 1000} s`]))}\n`);
  }
  if (s.logs) {
    const hc = s.logs.healthCheck;
    out(`\nhealth check: ${hc.method ?? '*'} ${hc.path ?? '*'} → ${hc.statusClass}${hc.userAgentPattern ? `, user agent ~ ${hc.userAgentPattern}` : ''}${hc.clients?.length ? `, from ${hc.clients.join(', ')}` : ''} (${s.logs.detected ? `detected: ${s.logs.detectedReason}` : 'as given'})\n`);
    out(`probes: ${fmtCount(s.logs.probes)} (${fmtCount(s.logs.okProbes)} answered 2xx); intervals: ${s.logs.intervals.map((i) => `${i.source}${i.object ? `@${i.object}` : ''} ${(i.intervalMs / 1000).toFixed(1)} s`).join(', ')}\n`);
    for (const n of s.objectNotes) out(`  ${n}\n`);
    out(`\noutages (no 2xx health-check answer for longer than k × interval):\n${s.outages.length ? formatOutageTable(s.outages) : '(none)'}\n`);
  }
  for (const w of s.warnings) out(`warning: ${w}\n`);
  if (s.dryRun) out('\ndry run: nothing was written.\n');
  else if (s.labelSet) out(`\nlabel set ${s.labelSet.labelSetId} version ${s.labelSet.version} created from the outages.\n`);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import Scouter counter exports (CSV), generic CSV and access logs (plain or .gz) into a workspace')
    .argument('<paths...>', 'files or folders')
    .option('-w, --workspace <dir>', 'workspace folder (created if missing)', defaultWorkspace())
    .option('-n, --dry-run', 'parse everything, write nothing, print what was recognised and the row/line counts')
    .option('--tz <zone>', 'time zone of the Scouter client / CSV times without offset (IANA like Asia/Seoul, or +09:00)', process.env['TZ'] || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
    .option('--counter <name>', 'counter of a renamed Scouter file (e.g. TPS)')
    .option('--obj-type <type>', 'object type of a renamed Scouter file (e.g. tomcat)')
    .option('--date <YYYY-MM-DD>', 'day of a renamed Scouter "Past All" file')
    .option('--cadence <duration>', 'resample every series to this step (e.g. 5m)')
    .option('-k, --k <factor>', 'outage = no 2xx health-check answer for longer than k × probe interval', '4')
    .option('--log-object <file=object...>', 'which object an access log belongs to (repeatable); default: by file name, else every object')
    .action(async (paths: string[], o: ImportCliOptions) => {
      await withEngine(o.dryRun ? {} : { workspace: o.workspace }, async (engine) => {
        const stop = followJobs(engine);
        const { done } = engine.startJob('import', importParams(paths, o));
        const summary = (await done) as ImportSummary;
        stop();
        printImportSummary(summary, (t) => process.stdout.write(t));
      });
    });
}
