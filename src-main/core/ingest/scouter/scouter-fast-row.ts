import { COMMA, DOT, MINUS, POW10 } from '../csv/number-cell-scan';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const ZERO = 48;

/**
 * Single-pass reader for the rows opencsv writes (SCOUTER-CSV.md §3): every field quoted, no
 * `""` escapes, numbers in the file's known decimal mark, LF or CRLF. It tokenizes and parses
 * numbers in the same pass over the characters, where CsvCursor + NumberCellReader take two.
 *
 * It is all-or-nothing and has no side effects on failure: any row that is not exactly that
 * shape (blank, ragged, unquoted, escaped quotes, `NaN`, a cell that would decide or contradict
 * the decimal mark, an unknown mark, line breaks in a field) returns false, and the caller
 * reads it with the general path, which also raises the errors. So both paths give the same
 * results; `parse-scouter-csv.test.ts` checks that on random files.
 */
export class FastRowReader {
  /** Offset after the row's line end (valid after `read` returned true). */
  end = 0;
  /** Range of the time field. */
  timeStart = 0;
  timeEnd = 0;
  /** Empty (`""`) value cells in the row. */
  missing = 0;
  /** [fields] parsed values by field index (the time slot is unused). */
  readonly values: Float64Array;

  constructor(
    private readonly width: number,
    private readonly timeIndex: number,
  ) {
    this.values = new Float64Array(width);
  }

  /**
   * Reads the row starting at `pos` with decimal mark `decimal` (`.` or `,`, char code).
   * True on success (results in the fields), false to fall back.
   */
  read(text: string, pos: number, decimal: number): boolean {
    const n = text.length;
    const grouping = decimal === DOT ? COMMA : DOT;
    const width = this.width;
    const values = this.values;
    let missing = 0;
    for (let k = 0; k < width; k++) {
      if (text.charCodeAt(pos) !== QUOTE) return false;
      pos++;
      if (k === this.timeIndex) {
        const start = pos;
        for (;;) {
          const c = text.charCodeAt(pos);
          if (c === QUOTE) break;
          if (c === LF || pos >= n) return false;
          pos++;
        }
        this.timeStart = start;
        this.timeEnd = pos;
      } else if (text.charCodeAt(pos) === QUOTE) {
        values[k] = Number.NaN;
        missing++;
      } else {
        // `[-]d{1,3}(Gddd)*(Ddigits)?` or plain digits, as NumberCellReader's strict path.
        let negative = false;
        if (text.charCodeAt(pos) === MINUS) {
          negative = true;
          pos++;
        }
        let mantissa = 0;
        let digits = 0;
        let run = 0;
        let groups = 0;
        let lead0 = false;
        let fraction = false;
        for (;;) {
          const c = text.charCodeAt(pos);
          const d = c - ZERO;
          if (d >= 0 && d <= 9) {
            if (digits === 0) lead0 = d === 0;
            mantissa = mantissa * 10 + d;
            digits++;
            run++;
          } else if (c === grouping) {
            if (fraction || (groups === 0 ? run === 0 || run > 3 || (lead0 && run === 1) : run !== 3)) return false;
            groups++;
            run = 0;
          } else if (c === decimal) {
            if (fraction || (groups > 0 && run !== 3)) return false;
            fraction = true;
            run = 0;
          } else if (c === QUOTE) break;
          else return false;
          pos++;
        }
        if (digits === 0 || digits > 15 || run === 0) return false;
        let v: number;
        if (fraction) v = mantissa / POW10[run]!;
        else {
          if (groups > 0 && run !== 3) return false;
          v = mantissa;
        }
        values[k] = negative ? -v : v;
      }
      pos++; // closing quote
      const c = text.charCodeAt(pos);
      if (k < width - 1) {
        if (c !== COMMA) return false;
        pos++;
      } else if (c === LF) pos++;
      else if (c === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
      else if (pos < n) return false;
    }
    this.end = pos;
    this.missing = missing;
    return true;
  }
}
