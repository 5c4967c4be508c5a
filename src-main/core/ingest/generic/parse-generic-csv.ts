import type { ObjectSeries } from '../../../../shared/domain/series';
import { CsvCursor } from '../csv/csv-cursor';
import { decodeText, type TextEncodingName } from '../csv/decode-text';
import { assumedDecimalMarkWarning, inputError, numberCellError, quoteCell } from '../csv/input-error';
import { NumberCellReader } from '../csv/number-cell-reader';
import { gridCovering, layOnGrid, orderCounters, type CounterSamples } from '../series-grid';
import { LocalTimeSequence, SEQ_DUPLICATE, SEQ_NONEXISTENT, SEQ_OK, type NonexistentPolicy } from '../../time/local-time-sequence';
import { ZonedTimeConverter } from '../../time/zoned-time';
import { assertUniqueHeader, findColumn, METRIC_NAMES, OBJECT_NAMES, TIME_NAMES, VALUE_NAMES } from './generic-header';
import { GenericTimeReader, type GenericTimeFormat } from './generic-time-reader';

/** Wide: time + one column per metric (+ optional object column). Long: time, object, metric, value. */
export type GenericLayout = 'wide' | 'long';

/** Options of `parseGenericCsv`; column names are matched exactly, defaults case-insensitively. */
export interface ParseGenericOptions {
  /** Zone for times without an offset: IANA (`Europe/Berlin`) or `+01:00`. */
  timeZone: string;
  /** Default 'auto': long when the header has metric and value columns, else wide. */
  layout?: GenericLayout | 'auto';
  /** Header of the time column; default the first of time/timestamp/datetime/date/ts, else column 1. */
  timeColumn?: string;
  /** Header of the column naming each row's object (wide: optional label column; long: the object column). */
  objectColumn?: string;
  /** Long layout: header of the metric-name column (default metric/counter). */
  metricColumn?: string;
  /** Long layout: header of the value column (default value). */
  valueColumn?: string;
  /** Object name when the file has no object column (default: the file name without `.csv`). */
  object?: string;
  /** objType of the series (default `generic`). */
  objType?: string;
  /** Grid step in ms; default the most common step between consecutive times. */
  cadenceMs?: number;
  decimalMark?: '.' | ',';
  nonexistentLocalTime?: NonexistentPolicy;
  zone?: ZonedTimeConverter;
}

/** What `parseGenericCsv` returns: the series plus what was detected. */
export interface GenericCsvResult {
  file: string;
  layout: GenericLayout;
  /** One series per object, sorted by object name, all on one grid. */
  series: ObjectSeries[];
  timeFormat: GenericTimeFormat;
  encoding: TextEncodingName;
  decimalMark: '.' | ',';
  cadenceMs: number;
  timeZone: string;
  stats: { rows: number; cells: number; missing: number; nonFinite: number };
  warnings: string[];
}

/** A growable Float64 buffer. */
class Column {
  data = new Float64Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Time-ordered samples of one series (wide: one object; long: one object × metric). */
interface Track {
  object: string;
  times: Column;
  /** Wide: [metrics]; long: [1]. */
  values: Column[];
  sequence: LocalTimeSequence;
  lastLine: number;
}

/**
 * Imports a CSV that is not a Scouter export: wide (time + one column per metric, optional
 * object/label column) or long (time, object, metric, value). Same cell rules as Scouter files
 * (number-cells.ts: decimal mark detection, `""` = missing, never zero; errors name file, line,
 * column, field); times auto-detected (generic-time-reader.ts); rows of each series must be in
 * increasing time order (DST handled as in LocalTimeSequence). Output is resampled onto one
 * regular grid (series-grid.ts).
 *
 * @throws VigilError EMPTY_INPUT / UNSUPPORTED_FORMAT / PARSE_ERROR / INVALID_SETTINGS.
 */
export function parseGenericCsv(bytes: Uint8Array, fileName: string, opts: ParseGenericOptions): GenericCsvResult {
  const file = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const decoded = decodeText(bytes, file);
  const zone = opts.zone ?? new ZonedTimeConverter(opts.timeZone);
  const cursor = new CsvCursor(decoded.text, { file });
  const text = decoded.text;

  let found = cursor.next();
  while (found && cursor.isBlank()) found = cursor.next();
  if (!found) throw inputError('EMPTY_INPUT', { file, line: 1 }, 'the file holds no header row and no data.', 'Choose a CSV whose first row names the columns.');
  cursor.assertDelimiterLooksRight();
  const headerLine = cursor.recordLine;
  const fields = cursor.fields().map((f) => f.trim());
  assertUniqueHeader(file, headerLine, fields);
  const width = fields.length;

  const metricIdx = findColumn(file, fields, opts.metricColumn, METRIC_NAMES, 'metricColumn');
  const valueIdx = findColumn(file, fields, opts.valueColumn, VALUE_NAMES, 'valueColumn');
  const layout: GenericLayout = opts.layout === 'wide' || opts.layout === 'long' ? opts.layout : metricIdx >= 0 && valueIdx >= 0 ? 'long' : 'wide';
  const timeIdxFound = findColumn(file, fields, opts.timeColumn, TIME_NAMES, 'timeColumn');
  const timeIdx = timeIdxFound >= 0 ? timeIdxFound : 0;
  const objectIdx = findColumn(file, fields, opts.objectColumn, OBJECT_NAMES, 'objectColumn');
  const defaultObject = opts.object ?? file.replace(/\.csv$/i, '');

  let metrics: string[];
  let metricFields: number[];
  if (layout === 'long') {
    if (metricIdx < 0 || valueIdx < 0) {
      throw inputError(
        'UNSUPPORTED_FORMAT',
        { file, line: headerLine, column: 1, field: fields[0] ?? '' },
        'a long-layout file needs a metric column and a value column.',
        'Name them "metric" and "value", or choose them in the import settings.',
      );
    }
    metrics = [];
    metricFields = [valueIdx];
  } else {
    metricFields = fields.map((_, k) => k).filter((k) => k !== timeIdx && k !== objectIdx);
    metrics = metricFields.map((k) => fields[k]!);
    if (metrics.length === 0) {
      throw inputError('UNSUPPORTED_FORMAT', { file, line: headerLine, column: timeIdx + 1, field: fields[timeIdx] ?? '' }, 'the file has a time column but no value columns.', 'A wide CSV needs one column per metric after the time column.');
    }
  }

  const reader = new NumberCellReader(opts.decimalMark);
  const times = new GenericTimeReader();
  const tracks = new Map<string, Track>();
  const longMetrics = new Set<string>();
  // Per data row, for decimal-mark fixups and messages: its track, its index there, its line.
  const rowTrack: Track[] = [];
  const rowIndex: number[] = [];
  const rowLine: number[] = [];
  let rows = 0;

  while (cursor.next()) {
    if (cursor.isBlank()) continue;
    const line = cursor.recordLine;
    if (cursor.count !== width) {
      const short = cursor.count < width;
      throw inputError(
        'PARSE_ERROR',
        { file, line, column: short ? cursor.count + 1 : width + 1, ...(short ? { field: fields[cursor.count] ?? '' } : {}) },
        `this row has ${cursor.count} fields but the header has ${width}.`,
        'Every row needs one value per header column. Check for a missing or extra delimiter on this line.',
      );
    }
    const object = objectIdx >= 0 ? cursor.field(objectIdx).trim() : defaultObject;
    const metric = layout === 'long' ? cursor.field(metricIdx).trim() : '';
    const key = layout === 'long' ? `${object}\u0000${metric}` : object;
    let track = tracks.get(key);
    if (!track) {
      track = { object, times: new Column(), values: metricFields.map(() => new Column()), sequence: new LocalTimeSequence(zone, opts.nonexistentLocalTime ?? 'reject'), lastLine: 0 };
      tracks.set(key, track);
      if (layout === 'long') longMetrics.add(metric);
    }

    const t = times.read(text, cursor.starts[timeIdx]!, cursor.ends[timeIdx]!);
    if (Number.isNaN(t)) {
      throw inputError(
        'PARSE_ERROR',
        { file, line: cursor.lineOfField(timeIdx), column: timeIdx + 1, field: fields[timeIdx] ?? '' },
        `${quoteCell(cursor.field(timeIdx))} is not ${times.describe()}.`,
        'All time cells of a file must share one format: ISO 8601 (with or without offset), yyyy-MM-dd HH:mm[:ss], or epoch seconds/milliseconds.',
      );
    }
    const status = times.isWall ? track.sequence.push(t) : track.sequence.pushInstant(t);
    if (status !== SEQ_OK) throw orderError(cursor, timeIdx, fields[timeIdx] ?? '', status, track, zone.timeZone, layout === 'long' ? metric : undefined);
    track.lastLine = line;

    rowTrack.push(track);
    rowIndex.push(track.times.length);
    rowLine.push(line);
    track.times.push(track.sequence.previous);
    for (let j = 0; j < metricFields.length; j++) {
      const k = metricFields[j]!;
      const v = reader.read(text, cursor.starts[k]!, cursor.ends[k]!, k, rows);
      if (v !== v && reader.failure !== undefined) {
        throw numberCellError(reader, cursor, k, layout === 'long' ? `${object} ${metric}` : fields[k]!, fields, (r) => rowLine[r] ?? 0);
      }
      track.values[j]!.push(v);
    }
    rows++;
  }
  if (rows === 0) throw inputError('EMPTY_INPUT', { file, line: headerLine + 1 }, 'the file has a header but no data rows.', 'Choose a file that holds data rows.');

  const fieldSlot = new Map(metricFields.map((k, j) => [k, j]));
  const decimalMark = reader.finish((k, row, value) => {
    rowTrack[row]!.values[fieldSlot.get(k)!]!.data[rowIndex[row]!] = value;
  });

  const allTracks = [...tracks.values()];
  const warnings: string[] = [];
  const assumed = assumedDecimalMarkWarning(file, reader, (r) => rowLine[r] ?? 0);
  if (assumed) warnings.push(assumed);
  const cadenceMs = opts.cadenceMs ?? detectCadence(allTracks, warnings, file);
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (const tr of allTracks) {
    minMs = Math.min(minMs, tr.times.data[0]!);
    maxMs = Math.max(maxMs, tr.times.data[tr.times.length - 1]!);
  }
  const grid = gridCovering(minMs, maxMs, cadenceMs);
  const objType = opts.objType ?? 'generic';
  const counters = orderCounters(layout === 'long' ? longMetrics : metrics);
  const counterIndex = new Map(counters.map((c, i) => [c, i]));
  const byObject = new Map<string, CounterSamples[][]>();
  for (const [key, tr] of tracks) {
    let perCounter = byObject.get(tr.object);
    if (!perCounter) {
      perCounter = counters.map(() => []);
      byObject.set(tr.object, perCounter);
    }
    if (layout === 'long') {
      perCounter[counterIndex.get(key.slice(key.indexOf('\u0000') + 1))!]!.push({ times: tr.times.view(), values: tr.values[0]!.view() });
    } else {
      metrics.forEach((m, j) => perCounter[counterIndex.get(m)!]!.push({ times: tr.times.view(), values: tr.values[j]!.view() }));
    }
  }
  const series = [...byObject.keys()].sort().map((object) => layOnGrid(object, objType, counters, byObject.get(object)!, grid));
  return {
    file,
    layout,
    series,
    timeFormat: times.format!,
    encoding: decoded.encoding,
    decimalMark,
    cadenceMs,
    timeZone: zone.timeZone,
    stats: { rows, cells: rows * metricFields.length, missing: reader.missing, nonFinite: reader.nonFinite },
    warnings,
  };
}

/** Most common positive step between consecutive times over all series (ties: the smaller). */
function detectCadence(tracks: readonly Track[], warnings: string[], file: string): number {
  const counts = new Map<number, number>();
  for (const tr of tracks) {
    const t = tr.times.data;
    for (let i = 1; i < tr.times.length; i++) {
      const d = t[i]! - t[i - 1]!;
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount || (n === bestCount && d < best)) {
      best = d;
      bestCount = n;
    }
  }
  if (best > 0) return best;
  warnings.push(`${file}: every series has a single row, so the cadence cannot be measured; using 1 minute.`);
  return 60_000;
}

function orderError(cursor: CsvCursor, timeIdx: number, field: string, status: number, track: Track, timeZone: string, metric: string | undefined) {
  const where = { file: cursor.file, line: cursor.recordLine, column: timeIdx + 1, field };
  const cell = quoteCell(cursor.field(timeIdx));
  if (status === SEQ_NONEXISTENT) {
    return inputError('PARSE_ERROR', where, `${cell} does not exist in ${timeZone}: clocks jump forward over it (daylight saving).`, 'Choose the time zone the file was written in, or write times with an offset (ISO 8601).');
  }
  const of = metric === undefined ? track.object : `${track.object} ${metric}`;
  const what = status === SEQ_DUPLICATE ? 'repeats the time of' : 'is earlier than';
  return inputError(
    'PARSE_ERROR',
    where,
    `${cell} ${what} the previous row of ${quoteCell(of)} (line ${track.lastLine}); each series must be in increasing time order.`,
    status === SEQ_DUPLICATE ? 'Remove the repeated row (or check the time zone around a daylight-saving change).' : 'Sort the file by time before importing.',
  );
}
