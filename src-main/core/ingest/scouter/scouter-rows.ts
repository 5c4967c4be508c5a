import type { CsvCursor } from '../csv/csv-cursor';
import { newDateTimeScan, scanClockTime, scanDateTime } from '../csv/date-time-cells';
import { inputError, numberCellError, quoteCell } from '../csv/input-error';
import type { NumberCellReader } from '../csv/number-cell-reader';
import { COMMA, DOT } from '../csv/number-cell-scan';
import { SEQ_DUPLICATE, SEQ_NONEXISTENT, SEQ_OK, type LocalTimeSequence } from '../../time/local-time-sequence';
import type { ScouterExportKind } from './scouter-file-name';
import { FastRowReader } from './scouter-fast-row';
import type { ScouterHeader } from './scouter-header';

/**
 * Data rows of a Scouter export (SCOUTER-CSV.md §5, §6): the per-row hot loop of
 * parse-scouter-csv.ts (one-pass FastRowReader for opencsv-shaped rows, CsvCursor for the rest)
 * and the errors it raises, each naming file, line, column and field.
 */

const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

/** Growable per-row storage: [rows] times and lines, [objects][rows] values. */
export class RowStore {
  rows = 0;
  times: Float64Array;
  lines: Int32Array;
  columns: Float64Array[];

  constructor(capacity: number, objects: number) {
    this.times = new Float64Array(capacity);
    this.lines = new Int32Array(capacity);
    this.columns = Array.from({ length: objects }, () => new Float64Array(capacity));
  }

  /** Makes room for one more row (only CR-only line ends outgrow the LF count). */
  reserve(): void {
    if (this.rows < this.times.length) return;
    const size = Math.max(16, this.times.length * 2);
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const lines = new Int32Array(size);
    lines.set(this.lines);
    this.lines = lines;
    this.columns = this.columns.map((c) => {
      const next = new Float64Array(size);
      next.set(c);
      return next;
    });
  }
}

/**
 * The hot loop (one call per file, ~100k rows), starting on the record the cursor holds. Rows of
 * the exact opencsv shape go through FastRowReader (one pass); any other row, and every error,
 * through the cursor. Kept free of closures so V8 holds its locals in registers.
 *
 * @param fastPath false forces the general path (tests compare both).
 */
export function readRows(
  cursor: CsvCursor,
  header: ScouterHeader,
  kind: ScouterExportKind,
  pastDayStartAtFirst: number,
  sequence: LocalTimeSequence,
  reader: NumberCellReader,
  store: RowStore,
  fastPath = true,
): void {
  const text = cursor.text;
  const n = text.length;
  const width = header.fields.length;
  const timeIndex = header.timeIndex;
  const objectFields = Int32Array.from(header.objectFields);
  const objectCount = objectFields.length;
  const dateScan = newDateTimeScan();
  const fast = fastPath ? new FastRowReader(width, timeIndex) : undefined;
  let pastDayStart = pastDayStartAtFirst; // wall ms of 00:00 on the Past All date
  let previousClock = -1;
  let previousDateKey = -1; // yyyymmdd of the previous Daily All row
  let previousDayStart = 0;
  let previousLine = 0;
  let rows = 0;
  let loaded = true; // the cursor holds the current record (else FastRowReader read it)
  for (;;) {
    let line: number;
    let ts: number;
    let te: number;
    const rowStart = cursor.position;
    if (loaded) {
      if (cursor.isBlank()) {
        if (!cursor.next()) break;
        continue;
      }
      line = cursor.recordLine;
      if (cursor.count !== width) throw raggedRow(cursor, header.fields);
      ts = cursor.starts[timeIndex]!;
      te = cursor.ends[timeIndex]!;
    } else {
      line = cursor.nextLine;
      ts = fast!.timeStart;
      te = fast!.timeEnd;
    }
    let wall: number;
    let bad = '';
    if (kind === 'past') {
      const clock = scanClockTime(text, ts, te);
      if (clock !== clock) bad = 'HH:mm:ss (Past All)';
      // A Past All window never spans midnight in practice (§1); if one does, the clock wraps.
      if (clock < previousClock - HALF_DAY_MS) pastDayStart += DAY_MS;
      previousClock = clock;
      wall = pastDayStart + clock;
    } else {
      const key = te - ts === 16 ? dateKey(text, ts) : -1;
      if (key === previousDateKey && key >= 0) {
        // Same day as the previous row (288 rows a day): read only HH:mm.
        const clock = scanClockTime(text, ts + 11, te);
        if (clock !== clock || text.charCodeAt(ts + 10) !== 32) bad = 'yyyy-MM-dd HH:mm (Daily All)';
        wall = previousDayStart + clock;
      } else {
        if (!scanDateTime(text, ts, te, dateScan) || !dateScan.hasTime || dateScan.offsetMinutes === dateScan.offsetMinutes) {
          bad = 'yyyy-MM-dd HH:mm (Daily All)';
        }
        wall = dateScan.wallMs;
        previousDateKey = key;
        previousDayStart = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
      }
    }
    const status = bad === '' ? sequence.push(wall) : SEQ_OK;
    if (bad !== '' || status !== SEQ_OK) {
      // Errors are built from the cursor: put it on this row first.
      if (!loaded) reload(cursor, rowStart, line);
      throw bad !== '' ? badTime(cursor, timeIndex, bad) : timeOrderError(cursor, timeIndex, status, previousLine, sequence);
    }
    previousLine = line;

    store.reserve();
    store.times[rows] = sequence.previous;
    store.lines[rows] = line;
    const columns = store.columns;
    if (loaded) {
      const starts = cursor.starts;
      const ends = cursor.ends;
      for (let j = 0; j < objectCount; j++) {
        const k = objectFields[j]!;
        const v = reader.read(text, starts[k]!, ends[k]!, k, rows);
        if (v !== v && reader.failure !== undefined) throw valueError(reader, cursor, k, header, store.lines);
        columns[j]![rows] = v;
      }
    } else {
      const values = fast!.values;
      for (let j = 0; j < objectCount; j++) columns[j]![rows] = values[objectFields[j]!]!;
      reader.missing += fast!.missing;
      cursor.seek(fast!.end, line + 1);
    }
    store.rows = ++rows;

    // Next row: the fast reader when the decimal mark is known, else (or if it declines) the cursor.
    const pos = cursor.position;
    if (pos >= n) break;
    const mark = reader.mark;
    if (fast !== undefined && mark !== undefined && fast.read(text, pos, mark === '.' ? DOT : COMMA)) {
      loaded = false;
    } else {
      if (!cursor.next()) break;
      loaded = true;
    }
  }
}

/** Puts the cursor back on the row FastRowReader read at `pos` (line `line`), for messages. */
function reload(cursor: CsvCursor, pos: number, line: number): void {
  cursor.seek(pos, line);
  cursor.next();
}

/** `yyyy-MM-dd` at `at` as the number yyyymmdd (only to spot "same day as before"); -1 if not digits. */
function dateKey(text: string, at: number): number {
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = text.charCodeAt(at + i) - 48;
    if (d < 0 || d > 9) return -1;
    key = key * 10 + d;
  }
  return key;
}

function valueError(reader: NumberCellReader, cursor: CsvCursor, k: number, header: ScouterHeader, lines: Int32Array) {
  return numberCellError(reader, cursor, k, header.fields[k] ?? '', header.fields, (r) => lines[r] ?? 0);
}

/** A row whose field count differs from the header's: names the first missing or extra column. */
export function raggedRow(cursor: CsvCursor, header: readonly string[]) {
  const width = header.length;
  const short = cursor.count < width;
  const column = short ? cursor.count + 1 : width + 1;
  return inputError(
    'PARSE_ERROR',
    { file: cursor.file, line: cursor.recordLine, column, ...(short ? { field: header[cursor.count] ?? '' } : {}) },
    `this row has ${cursor.count} fields but the header has ${width}.`,
    'Every row must have one value per header column; the file may be truncated or hand-edited. Export it again.',
  );
}

/** A time cell that is not in the export's format (`expected` says which). */
export function badTime(cursor: CsvCursor, timeIndex: number, expected: string) {
  return inputError(
    'PARSE_ERROR',
    { file: cursor.file, line: cursor.lineOfField(timeIndex), column: timeIndex + 1, field: 'Time' },
    `${quoteCell(cursor.field(timeIndex))} is not a time in the format ${expected}.`,
    'Scouter writes "yyyy-MM-dd HH:mm" in Daily All and "HH:mm:ss" in Past All exports; correct the cell or export again.',
  );
}

/** A time that repeats or precedes the previous row's, or falls in a DST gap (LocalTimeSequence status). */
function timeOrderError(cursor: CsvCursor, timeIndex: number, status: number, previousLine: number, sequence: LocalTimeSequence) {
  const timeZone = sequence.timeZone;
  const where = { file: cursor.file, line: cursor.recordLine, column: timeIndex + 1, field: 'Time' };
  const cell = quoteCell(cursor.field(timeIndex));
  if (status === SEQ_NONEXISTENT) {
    return inputError(
      'PARSE_ERROR',
      where,
      `${cell} does not exist in ${timeZone}: clocks jump forward over it (daylight saving).`,
      `Scouter writes times in the client machine's zone, so this file was not written in ${timeZone}. Choose the zone of the machine that exported it.`,
    );
  }
  const what = status === SEQ_DUPLICATE ? 'repeats the time of' : 'is earlier than';
  return inputError(
    'PARSE_ERROR',
    where,
    `${cell} ${what} the previous row (line ${previousLine}); rows must be in increasing time order.`,
    status === SEQ_DUPLICATE
      ? 'The file may hold two exports pasted together, or the time zone is wrong around a daylight-saving change. Remove the repeated rows or pick the exporting machine\'s zone.'
      : 'The file may hold two exports pasted together or was edited. Import each export as its own file.',
  );
}

/**
 * Data rows if every line after the header is a row: exact for a Scouter export (one header,
 * trailing LF, §3), so the arrays need no trimming copy. Blank lines only leave spare room;
 * CR-only files outgrow it and `RowStore.reserve` grows.
 */
export function dataRowCapacity(text: string): number {
  let lines = text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? 1 : 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines++;
  return Math.max(1, lines - 1);
}
