import { VigilError } from '../../../../shared/errors';
import { CsvCursor, decodeText } from '../csv';

/**
 * A labelled wide CSV (torch_ref PROTOCOL.md §1, `--format csv`): a header; the last column is
 * `label` (0/1); columns named timestamp/time/date/datetime are ignored; every other column is a
 * feature. Thousands separators inside quoted cells are removed; empty cells are missing
 * (NaN here; windows fill them forward, windows/fill-missing.ts).
 */
export interface LabelledCsv {
  file: string;
  features: string[];
  /** [T, F] row-major, NaN = missing. */
  values: Float64Array;
  /** [T] 0/1. */
  labels: Uint8Array;
  rows: number;
}

const TIME_COLUMNS = new Set(['timestamp', 'time', 'date', 'datetime']);

export function parseLabelledCsv(bytes: Uint8Array, file: string): LabelledCsv {
  const { text } = decodeText(bytes, file);
  const cur = new CsvCursor(text, { file });
  if (!cur.next()) throw new VigilError('EMPTY_INPUT', 'the file is empty', { where: { file, line: 1 }, hint: 'A labelled CSV has a header, feature columns and a last column named label.' });
  const header = cur.fields().map((h) => h.trim());
  const last = header.length - 1;
  if (header[last]?.toLowerCase() !== 'label') {
    throw new VigilError('PARSE_ERROR', `the last column must be named "label" (found "${header[last] ?? ''}")`, { where: { file, line: 1, column: header.length, field: header[last] ?? '' }, hint: 'Put the 0/1 label in the last column, named label.' });
  }
  const featureCols: number[] = [];
  header.slice(0, last).forEach((h, i) => {
    if (!TIME_COLUMNS.has(h.toLowerCase())) featureCols.push(i);
  });
  if (featureCols.length === 0) throw new VigilError('PARSE_ERROR', 'no feature columns besides time and label', { where: { file, line: 1 } });
  const F = featureCols.length;
  let cap = 1024;
  let values = new Float64Array(cap * F);
  let labels = new Uint8Array(cap);
  let T = 0;
  while (cur.next()) {
    if (cur.isBlank()) continue;
    if (cur.count !== header.length) {
      throw new VigilError('PARSE_ERROR', `${cur.count} fields where the header has ${header.length}`, { where: { file, line: cur.recordLine }, hint: 'Every row needs one value per header column (empty cells are allowed).' });
    }
    if (T === cap) {
      cap *= 2;
      const v = new Float64Array(cap * F);
      v.set(values);
      values = v;
      const l = new Uint8Array(cap);
      l.set(labels);
      labels = l;
    }
    for (let j = 0; j < F; j++) {
      const col = featureCols[j]!;
      const raw = cur.field(col).trim();
      if (raw === '') {
        values[T * F + j] = NaN;
        continue;
      }
      const v = Number(raw.replace(/,/g, ''));
      if (!Number.isFinite(v) && !/^[-+]?(nan|inf(inity)?)$/i.test(raw)) {
        throw new VigilError('PARSE_ERROR', `"${raw.slice(0, 40)}" is not a number`, { where: { file, line: cur.recordLine, column: col + 1, field: header[col] ?? '' } });
      }
      values[T * F + j] = Number.isFinite(v) ? v : NaN;
    }
    const lab = cur.field(last).trim();
    if (lab !== '0' && lab !== '1') throw new VigilError('PARSE_ERROR', `label "${lab}" is not 0 or 1`, { where: { file, line: cur.recordLine, column: last + 1, field: 'label' } });
    labels[T] = lab === '1' ? 1 : 0;
    T++;
  }
  if (T === 0) throw new VigilError('EMPTY_INPUT', 'the file has a header but no rows', { where: { file, line: 2 } });
  return { file, features: featureCols.map((c) => header[c]!), values: values.slice(0, T * F), labels: labels.slice(0, T), rows: T };
}
