import { FIVE_MINUTES_MS } from '../../../../shared/domain/time';
import { CsvCursor } from '../csv/csv-cursor';
import { daysFromCivil, newDateTimeScan, scanClockTime, scanDateTime } from '../csv/date-time-cells';
import { decodeText, type TextEncodingName } from '../csv/decode-text';
import { assumedDecimalMarkWarning, inputError, quoteCell } from '../csv/input-error';
import { NumberCellReader } from '../csv/number-cell-reader';
import { LocalTimeSequence, type NonexistentPolicy } from '../../time/local-time-sequence';
import { ZonedTimeConverter } from '../../time/zoned-time';
import { parseIsoDate, parseScouterFileName, type ScouterExportKind, type ScouterNameOverride } from './scouter-file-name';
import { scanDecimals, type DecimalSummary } from './column-decimals';
import { readScouterHeader } from './scouter-header';
import { RowStore, badTime, dataRowCapacity, raggedRow, readRows } from './scouter-rows';

const DAY_MS = 86_400_000;
/** Past All grid step (SCOUTER-CSV.md §5). */
export const PAST_ALL_CADENCE_MS = 2000;
/** Daily All grid step (SCOUTER-CSV.md §5). */
export const DAILY_ALL_CADENCE_MS = FIVE_MINUTES_MS;

/** Options of `parseScouterCsv`. */
export interface ParseScouterOptions {
  /** Zone of the machine that ran the Scouter client: IANA (`Asia/Seoul`) or `+09:00` (§5). */
  timeZone: string;
  /** Facts for a renamed file; each wins over the name. */
  override?: ScouterNameOverride;
  /** Force the decimal mark instead of detecting it. */
  decimalMark?: '.' | ',';
  /** Local times inside a spring-forward gap: 'reject' (default) or read with the pre-gap offset. */
  nonexistentLocalTime?: NonexistentPolicy;
  /** Reuse one converter (and its offset cache) across the files of one import. */
  zone?: ZonedTimeConverter;
  /** false = read every row with the general path (tests compare both; default true). */
  fastPath?: boolean;
}

/** One parsed Scouter counter export: one counter × one objType, one column per object. */
export interface ScouterFile {
  /** File name as given (without directories). */
  file: string;
  kind: ScouterExportKind;
  counter: string;
  objType: string;
  /** Object names in header order (unresolved `""` names become `(unnamed column N)`). */
  objects: string[];
  /** [rows] epoch ms UTC, strictly increasing. */
  times: Float64Array;
  /** [objects][rows]; NaN = missing (`""`) or non-finite, never zero. */
  columns: Float64Array[];
  /**
   * [objects] decimal shape of each column (column-decimals.ts), scanned here so the import
   * workers do it in parallel; it describes `columns` as returned: whoever changes a column's
   * values must drop it.
   */
  decimals?: DecimalSummary[];
  encoding: TextEncodingName;
  decimalMark: '.' | ',';
  /** Nominal grid step: 2 000 (Past All) or 300 000 (Daily All). */
  cadenceMs: number;
  timeZone: string;
  stats: { rows: number; cells: number; missing: number; nonFinite: number };
  /** Things the user should know that did not stop the import. */
  warnings: string[];
}

/**
 * Parses one Scouter "Daily All" or "Past All" counter export (SCOUTER-CSV.md §2–§6, §9).
 *
 * Choices (each tested): columns are keyed by name; duplicate object names, a header without
 * `Time`, ragged rows and non-numeric cells are errors; rows must be in strictly increasing time
 * order (Scouter writes its grid in order, so disorder or a repeated time means an edited or
 * concatenated file: reported, not silently sorted); blank lines are skipped; a Past All clock
 * that drops by more than 12 h rolls over to the next day; DST per LocalTimeSequence.
 *
 * @throws VigilError EMPTY_INPUT / UNSUPPORTED_FORMAT / PARSE_ERROR naming file, line, column, field.
 */
export function parseScouterCsv(bytes: Uint8Array, fileName: string, opts: ParseScouterOptions): ScouterFile {
  const file = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const decoded = decodeText(bytes, file);
  const name = resolveName(file, opts.override);
  const zone = opts.zone ?? new ZonedTimeConverter(opts.timeZone);
  const cursor = new CsvCursor(decoded.text, { file });
  const header = readScouterHeader(cursor);
  const { timeIndex, objects, objectFields, warnings } = header;

  const store = new RowStore(dataRowCapacity(decoded.text), objects.length);
  const reader = new NumberCellReader(opts.decimalMark);
  const sequence = new LocalTimeSequence(zone, opts.nonexistentLocalTime ?? 'reject');
  const first = firstDataRow(cursor);
  if (!first) {
    throw inputError('EMPTY_INPUT', { file, line: header.line + 1 }, 'the file has a header but no data rows.', 'Export a time range that holds data, then import again.');
  }
  if (cursor.count !== header.fields.length) throw raggedRow(cursor, header.fields);
  const kind = detectKind(cursor, timeIndex, name.kind);
  const pastDayStart = kind === 'past' ? pastDate(file, name.date, opts.override) : Number.NaN;
  readRows(cursor, header, kind, pastDayStart, sequence, reader, store, opts.fastPath ?? true);
  const rows = store.rows;
  const columns = store.columns;
  const fieldToObject = new Map(objectFields.map((k, j) => [k, j]));
  const decimalMark = reader.finish((k, row, value) => {
    columns[fieldToObject.get(k)!]![row] = value;
  });
  const times = store.times;
  const assumed = assumedDecimalMarkWarning(file, reader, (r) => store.lines[r] ?? 0);
  if (assumed) warnings.push(assumed);
  const finalColumns = columns.map((c) => (rows === c.length ? c : c.slice(0, rows)));
  return {
    file,
    kind,
    counter: name.counter,
    objType: name.objType,
    objects,
    times: rows === times.length ? times : times.slice(0, rows),
    columns: finalColumns,
    decimals: finalColumns.map((c) => scanDecimals(c, 0, 1, c.length)),
    encoding: decoded.encoding,
    decimalMark,
    cadenceMs: kind === 'past' ? PAST_ALL_CADENCE_MS : DAILY_ALL_CADENCE_MS,
    timeZone: zone.timeZone,
    stats: { rows, cells: rows * objects.length, missing: reader.missing, nonFinite: reader.nonFinite },
    warnings,
  };
}

/** Advances past blank lines to the first data row; false when there is none. */
function firstDataRow(cursor: CsvCursor): boolean {
  let found = cursor.next();
  while (found && cursor.isBlank()) found = cursor.next();
  return found;
}

interface ResolvedName {
  kind: ScouterExportKind | undefined;
  counter: string;
  objType: string;
  date: string | undefined;
}

/** Name facts, with the override winning; the name may be unparseable if the override covers it. */
function resolveName(file: string, override: ScouterNameOverride | undefined): ResolvedName {
  try {
    const n = parseScouterFileName(file);
    return { kind: n.kind, counter: override?.counter ?? n.counter, objType: override?.objType ?? n.objType, date: override?.date ?? n.date };
  } catch (e) {
    if (override?.counter && override.objType) return { kind: undefined, counter: override.counter, objType: override.objType, date: override.date };
    throw e;
  }
}

/** Daily All vs Past All from the first time cell; must agree with the bracket (§9.4). */
function detectKind(cursor: CsvCursor, timeIndex: number, fromName: ScouterExportKind | undefined): ScouterExportKind {
  const text = cursor.text;
  const s = cursor.starts[timeIndex]!;
  const e = cursor.ends[timeIndex]!;
  const scan = newDateTimeScan();
  const kind: ScouterExportKind | undefined = !Number.isNaN(scanClockTime(text, s, e))
    ? 'past'
    : scanDateTime(text, s, e, scan) && scan.hasTime
      ? 'daily'
      : undefined;
  if (kind === undefined) throw badTime(cursor, timeIndex, 'yyyy-MM-dd HH:mm (Daily All) or HH:mm:ss (Past All)');
  if (fromName !== undefined && fromName !== kind) {
    const label = (k: ScouterExportKind) => (k === 'past' ? 'Past All' : 'Daily All');
    throw inputError(
      'UNSUPPORTED_FORMAT',
      { file: cursor.file, line: cursor.recordLine, column: timeIndex + 1, field: 'Time' },
      `the file name says ${label(fromName)} but the time ${quoteCell(cursor.field(timeIndex))} is in the ${label(kind)} format.`,
      'The file was probably renamed: enter the counter, object type and date by hand.',
    );
  }
  return kind;
}

/** Wall ms of 00:00 on the Past All day: the time column has no date (§2, §5). */
function pastDate(file: string, date: string | undefined, override: ScouterNameOverride | undefined): number {
  const ymd = date === undefined ? undefined : parseIsoDate(date);
  if (!ymd) {
    throw inputError(
      override?.date !== undefined ? 'INVALID_SETTINGS' : 'UNSUPPORTED_FORMAT',
      { file, field: 'date' },
      override?.date !== undefined
        ? `the date ${JSON.stringify(override.date)} is not a YYYY-MM-DD calendar date.`
        : 'this Past All export holds times of day only, and its name holds no [yyyyMMdd_HHmmss-HHmmss] date.',
      'Enter the day the export covers as YYYY-MM-DD.',
    );
  }
  return daysFromCivil(ymd[0], ymd[1], ymd[2]) * DAY_MS;
}
