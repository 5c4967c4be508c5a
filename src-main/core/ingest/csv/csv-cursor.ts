import { VigilError } from '../../../../shared/errors';

/**
 * RFC-4180 CSV tokenizer that walks a decoded string record by record without allocating a
 * string per cell: each field is a [start, end) range into the text, so numeric cells can be
 * parsed straight from char codes (a Scouter import is ~1M cells per counter file).
 *
 * Accepts quoted fields with `""` escapes and embedded newlines, LF / CRLF / CR line ends, a
 * leading BOM, and a missing final line end (SCOUTER-CSV.md §3: opencsv writes every field
 * quoted, LF, trailing LF). Unquoted fields are taken literally.
 *
 * Positions reported: `line` is the 1-based physical line; `column` in `where` is the 1-based
 * *field number*, the column a spreadsheet shows, not a character offset (messages add the
 * character offset for syntax errors).
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SEMICOLON = 59;
const TAB = 9;

/** How a CsvCursor reads its text. */
export interface CsvCursorOptions {
  /** Name used in error messages. */
  file: string;
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Longest field accepted, in characters (default 1 Mi): stops a 10 MB line early and clearly. */
  maxFieldChars?: number;
  /** Most fields per record (default 65 536). */
  maxFields?: number;
}

/** Field flag: the field was quoted. */
export const FIELD_QUOTED = 1;
/** Field flag: the quoted field holds `""` escapes (needs unescaping before use as a string). */
export const FIELD_ESCAPED = 2;

/** Reads one record at a time; field ranges are valid until the next `next()`. */
export class CsvCursor {
  readonly text: string;
  readonly file: string;
  /** True when the text started with a U+FEFF byte-order mark (skipped). */
  readonly hadBom: boolean;
  /** 1-based line where the current record starts. */
  recordLine = 0;
  /** Number of fields in the current record. */
  count = 0;
  /** [count] start offsets of field content (inside quotes). */
  starts: Int32Array;
  /** [count] end offsets (exclusive) of field content. */
  ends: Int32Array;
  /** [count] FIELD_QUOTED | FIELD_ESCAPED. */
  flags: Uint8Array;

  private pos: number;
  private line = 1;
  private recordStart = 0;
  private readonly delimiter: number;
  private readonly maxFieldChars: number;
  private readonly maxFields: number;
  // Offset of the next LF at or after `pos`: tells in O(1) whether a quoted field spans lines.
  private nextLf = -1;

  constructor(text: string, opts: CsvCursorOptions) {
    this.text = text;
    this.file = opts.file;
    this.hadBom = text.charCodeAt(0) === 0xfeff;
    this.pos = this.hadBom ? 1 : 0;
    const delimiter = opts.delimiter ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new VigilError('INVALID_SETTINGS', `CSV delimiter must be one character other than a quote or line end, got ${JSON.stringify(delimiter)}.`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.maxFieldChars = opts.maxFieldChars ?? 1 << 20;
    this.maxFields = opts.maxFields ?? 1 << 16;
    this.starts = new Int32Array(64);
    this.ends = new Int32Array(64);
    this.flags = new Uint8Array(64);
  }

  /** Advances to the next record; false at end of text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    if (pos >= n) return false;
    const delim = this.delimiter;
    this.recordLine = this.line;
    this.recordStart = pos;
    let count = 0;
    for (;;) {
      if (count === this.starts.length) this.grow(count);
      let start: number;
      let end: number;
      let flags = 0;
      if (text.charCodeAt(pos) === QUOTE) {
        flags = FIELD_QUOTED;
        start = pos + 1;
        // A plain loop beats indexOf here: Scouter cells are ~8 characters, shorter than the
        // cost of a builtin call.
        let q = start;
        for (;;) {
          while (q < n && text.charCodeAt(q) !== QUOTE) q++;
          if (q >= n) throw this.syntaxError(count, start - 1, 'a quoted field is never closed', 'Check for a stray double quote in this field; inside a quoted field a quote must be written as "".');
          if (text.charCodeAt(q + 1) === QUOTE) {
            flags |= FIELD_ESCAPED;
            q += 2;
            continue;
          }
          break;
        }
        end = q;
        pos = q + 1;
        if (end > this.nextLf) this.countLinesInside(start, end);
      } else {
        start = pos;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === delim || c === LF || c === CR) break;
          pos++;
        }
        end = pos;
      }
      if (end - start > this.maxFieldChars) {
        throw this.syntaxError(count, start, `a field is ${end - start} characters long (limit ${this.maxFieldChars})`, 'This does not look like a counter CSV; check that the right file was chosen.');
      }
      this.starts[count] = start;
      this.ends[count] = end;
      this.flags[count] = flags;
      count++;
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      if (c === delim) {
        pos++;
        if (pos >= n) {
          // A delimiter right before end of text still opens one (empty) field.
          if (count === this.starts.length) this.grow(count);
          this.starts[count] = pos;
          this.ends[count] = pos;
          this.flags[count] = 0;
          count++;
          break;
        }
        continue;
      }
      if (c === LF) {
        pos++;
        this.line++;
        break;
      }
      if (c === CR) {
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        this.line++;
        break;
      }
      // Only reachable after a closing quote.
      if (c === SEMICOLON || c === TAB) throw this.wrongDelimiter(c, count - 1, pos);
      throw this.syntaxError(count - 1, pos, `unexpected character ${JSON.stringify(text[pos])} after a closing quote`, 'A quoted field must be followed by a delimiter or a line end.');
    }
    this.pos = pos;
    this.count = count;
    return true;
  }

  /** Offset where the next record starts (for readers that scan some records themselves). */
  get position(): number {
    return this.pos;
  }

  /** 1-based line on which the next record starts. */
  get nextLine(): number {
    return this.line;
  }

  /** Continues at `pos`, which starts line `line`: after records read by another scanner. */
  seek(pos: number, line: number): void {
    this.pos = pos;
    this.line = line;
    this.nextLf = -1;
  }

  /** True when the current record is an empty line (skipped by importers). */
  isBlank(): boolean {
    return this.count === 1 && this.ends[0] === this.starts[0] && this.flags[0] === 0;
  }

  /** Field `i` as a string, `""` unescaped. */
  field(i: number): string {
    const s = this.text.slice(this.starts[i]!, this.ends[i]!);
    return (this.flags[i]! & FIELD_ESCAPED) !== 0 ? s.replaceAll('""', '"') : s;
  }

  /** All fields of the current record as strings. */
  fields(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }

  /** Physical line on which field `i` of the current record starts (differs only after embedded newlines). */
  lineOfField(i: number): number {
    let line = this.recordLine;
    const to = this.starts[i] ?? this.recordStart;
    for (let p = this.text.indexOf('\n', this.recordStart); p >= 0 && p < to; p = this.text.indexOf('\n', p + 1)) line++;
    return line;
  }

  /**
   * Throws UNSUPPORTED_FORMAT when a one-field header holds `;` or tabs: the file was saved with
   * another delimiter (e.g. by a spreadsheet in a comma-decimal locale).
   */
  assertDelimiterLooksRight(): void {
    if (this.count !== 1) return;
    const header = this.text.slice(this.starts[0]!, this.ends[0]!);
    const semi = header.indexOf(';');
    const tab = header.indexOf('\t');
    if (semi < 0 && tab < 0) return;
    const c = semi >= 0 && (tab < 0 || semi < tab) ? SEMICOLON : TAB;
    throw this.wrongDelimiter(c, 0, this.starts[0]! + Math.max(semi, tab));
  }

  private countLinesInside(start: number, end: number): void {
    const text = this.text;
    if (this.nextLf < start) {
      const p = text.indexOf('\n', start);
      // No LF left: park past the end so later fields do not rescan (a 10 MB single line).
      this.nextLf = p < 0 ? text.length : p;
    }
    if (this.nextLf >= end) return;
    // Rare: a quoted field with embedded line breaks (CR-only breaks are not counted).
    let p = this.nextLf;
    while (p >= 0 && p < end) {
      this.line++;
      p = text.indexOf('\n', p + 1);
    }
    this.nextLf = p < 0 ? text.length : p;
  }

  private grow(count: number): void {
    if (count >= this.maxFields) {
      throw new VigilError('PARSE_ERROR', `${this.file}:${this.recordLine}: more than ${this.maxFields} fields in one record.`, {
        where: { file: this.file, line: this.recordLine, column: count + 1 },
        hint: 'This does not look like a counter CSV; check that the right file was chosen.',
      });
    }
    const size = Math.min(this.starts.length * 2, this.maxFields);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }

  private charColumn(offset: number): number {
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart + 1;
  }

  private lineAt(offset: number): number {
    let line = this.recordLine;
    for (let p = this.text.indexOf('\n', this.recordStart); p >= 0 && p < offset; p = this.text.indexOf('\n', p + 1)) line++;
    return line;
  }

  private syntaxError(fieldIndex: number, offset: number, what: string, hint: string): VigilError {
    const line = this.lineAt(offset);
    return new VigilError('PARSE_ERROR', `${this.file}:${line}: column ${fieldIndex + 1} (character ${this.charColumn(offset)}): ${what}.`, {
      where: { file: this.file, line, column: fieldIndex + 1 },
      hint,
    });
  }

  private wrongDelimiter(c: number, fieldIndex: number, offset: number): VigilError {
    const name = c === SEMICOLON ? 'semicolons (;)' : 'tabs';
    const line = this.lineAt(offset);
    return new VigilError(
      'UNSUPPORTED_FORMAT',
      `${this.file}:${line}: column ${fieldIndex + 1} (character ${this.charColumn(offset)}): fields are separated by ${name}, expected commas.`,
      {
        where: { file: this.file, line, column: fieldIndex + 1 },
        hint: 'Use the CSV exactly as Scouter exported it (comma-separated), or re-save it from the spreadsheet as "CSV (comma delimited)".',
      },
    );
  }
}
