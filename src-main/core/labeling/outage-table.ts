import type { Outage } from '../../../shared/domain/outage';
import { formatInOffset, offsetLabel } from '../../../shared/domain/time';

/** One row of the `vigil gaps` table: the paper's date, time_from, time_to, seconds (METHODS.md §2) plus evidence. */
export interface OutageTableRow {
  object: string;
  date: string;
  from: string;
  to: string;
  seconds: string;
  sources: string;
  statuses: string;
}

export function outageTableRows(outages: readonly Outage[]): OutageTableRow[] {
  return outages.map((o) => {
    const from = formatInOffset(o.startMs, o.utcOffsetMinutes);
    const counts = Object.entries(o.evidence.statusCounts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const statuses = o.evidence.kind === 'silence' ? 'silence' : o.evidence.kind === 'mixed' ? `${counts} +silence` : counts;
    return {
      object: o.object ?? '*',
      date: from.slice(0, 10),
      from,
      to: formatInOffset(o.endMs, o.utcOffsetMinutes),
      seconds: String(Math.round(o.seconds)),
      sources: o.evidence.sources.join(','),
      statuses,
    };
  });
}

/**
 * Fixed-width text table for the CLI. Times are printed in each outage's own log offset
 * (`formatInOffset`), named in the header when all rows share one offset.
 */
export function formatOutageTable(outages: readonly Outage[]): string {
  const rows = outageTableRows(outages);
  const withObject = outages.some((o) => o.object !== null);
  const offsets = new Set(outages.map((o) => o.utcOffsetMinutes));
  const tz = offsets.size === 1 ? ` (${offsetLabel([...offsets][0]!)})` : '';
  const head = [...(withObject ? ['object'] : []), 'date', `from${tz}`, `to${tz}`, 'seconds', 'sources', 'statuses'];
  const body = rows.map((r) => [...(withObject ? [r.object] : []), r.date, r.from, r.to, r.seconds, r.sources, r.statuses]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const secCol = head.indexOf('seconds');
  const line = (row: string[]) =>
    row.map((cell, c) => (c === secCol ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  if (!body.length) out.push('(no outages)');
  return out.join('\n');
}
