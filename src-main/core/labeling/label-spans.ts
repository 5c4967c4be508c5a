import type { Outage } from '../../../shared/domain/outage';
import type { LabelSpan } from '../../../shared/domain/labels';
import { VigilError } from '../../../shared/errors';

/** Health-check outages become the first version of a label set, each span citing its outage. */
export function spansFromOutages(outages: readonly Outage[]): LabelSpan[] {
  return outages.map((o) => ({ id: `hc-${o.id}`, object: o.object, startMs: o.startMs, endMs: o.endMs, provenance: 'health-check', outageId: o.id }));
}

const HEADER = 'object,start,end,provenance,note';

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Labels as CSV: one span per line, times ISO 8601 UTC; object empty = every object. */
export function spansToCsv(spans: readonly LabelSpan[]): string {
  const lines = spans.map((s) => [csvCell(s.object ?? ''), new Date(s.startMs).toISOString(), new Date(s.endMs).toISOString(), s.provenance, csvCell(s.note ?? '')].join(','));
  return `${HEADER}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads labels written by `spansToCsv` (or by hand); every problem names the line and field. */
export function spansFromCsv(text: string, file: string): Omit<LabelSpan, 'id'>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase();
  if (!header.startsWith('object,start,end')) {
    throw new VigilError('PARSE_ERROR', `expected the header "${HEADER}"`, { where: { file, line: 1 }, hint: 'Export a label set first to see the format.' });
  }
  const spans: Omit<LabelSpan, 'id'>[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 2;
    const [object = '', start = '', end = '', provenance = 'human', note = ''] = splitCsvLine(raw);
    const s = Date.parse(start);
    const e = Date.parse(end);
    if (Number.isNaN(s)) throw new VigilError('PARSE_ERROR', `"${start}" is not a time`, { where: { file, line, column: 2, field: 'start' }, hint: 'Use ISO 8601, e.g. 2024-03-05T09:10:00+09:00.' });
    if (Number.isNaN(e)) throw new VigilError('PARSE_ERROR', `"${end}" is not a time`, { where: { file, line, column: 3, field: 'end' }, hint: 'Use ISO 8601, e.g. 2024-03-05T09:40:00+09:00.' });
    if (e <= s) throw new VigilError('PARSE_ERROR', 'the span ends before it starts', { where: { file, line, column: 3, field: 'end' } });
    if (provenance !== 'health-check' && provenance !== 'human' && provenance !== 'model') {
      throw new VigilError('PARSE_ERROR', `unknown provenance "${provenance}"`, { where: { file, line, column: 4, field: 'provenance' }, hint: 'Use health-check, human or model.' });
    }
    spans.push({ object: object === '' ? null : object, startMs: s, endMs: e, provenance, ...(note ? { note } : {}) });
  });
  return spans;
}
