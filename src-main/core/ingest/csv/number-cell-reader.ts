import {
  CELL_AMBIGUOUS,
  CELL_COMMA_EVIDENCE,
  CELL_DOT_EVIDENCE,
  CELL_MISSING,
  CELL_NEUTRAL,
  CELL_NON_FINITE,
  COMMA,
  DOT,
  newNumberScan,
  parseStrict,
  scanNumberCell,
} from './number-cell-scan';

/**
 * The value cells of one file, with its decimal mark decided from all cells (rules in
 * number-cell-scan.ts; SCOUTER-CSV.md §6). Missing (`""`) and non-finite cells (`NaN`, `∞`, `-∞`)
 * both come back as NaN and are counted apart; a zero is a zero (METHODS.md §1).
 */

/** Where a cell sits, for messages: column index and row index as the caller numbers them. */
export interface CellRef {
  column: number;
  row: number;
  text: string;
}

/** The outcome a caller must turn into an error: set when `read` returns NaN for a bad cell. */
export type NumberFailure = { kind: 'invalid' } | { kind: 'mixed'; mark: '.' | ','; evidence: CellRef | undefined };

/**
 * Reads the value cells of one file, deciding its decimal mark as it goes (module comment).
 * Call `read` per cell, check `failure` when it returns NaN, then `finish` once.
 */
export class NumberCellReader {
  /** Decided decimal mark; undefined until evidence (or a forced mark). */
  mark: '.' | ',' | undefined;
  missing = 0;
  nonFinite = 0;
  /** Set by `read` when the cell is not a number or contradicts the file's mark. */
  failure: NumberFailure | undefined;
  /** The first cell that decided the mark (undefined when forced or never decided). */
  evidence: CellRef | undefined;
  /** Ambiguous cells (`1,454`) read before any evidence; the first one, for messages. */
  ambiguousBeforeEvidence = 0;
  firstAmbiguous: CellRef | undefined;
  /** Set by `finish`: the mark was assumed (dot) although some cells read differently under a comma. */
  defaulted = false;
  private readonly scan = newNumberScan();
  private pendingCount = 0;
  private pendingColumns = new Int32Array(256);
  private pendingRows = new Int32Array(256);
  private pendingValues = new Float64Array(256);

  /** @param forcedMark a mark chosen by the user; evidence against it is then an error. */
  constructor(forcedMark?: '.' | ',') {
    this.mark = forcedMark;
  }

  /** Value of text[start, end); NaN for missing / non-finite / failure (check `failure`). */
  read(text: string, start: number, end: number, column: number, row: number): number {
    // Hot path once the mark is known: a strict `1,234.5` / `1.234,5` reader; anything else
    // (missing, NaN, evidence for the other mark, odd grouping) takes the classifying path.
    if (this.mark !== undefined) {
      const v = this.mark === '.' ? parseStrict(text, start, end, DOT, COMMA) : parseStrict(text, start, end, COMMA, DOT);
      if (v === v) return v;
    }
    const s = this.scan;
    scanNumberCell(text, start, end, s);
    switch (s.kind) {
      case CELL_NEUTRAL:
        return s.value;
      case CELL_MISSING:
        this.missing++;
        return Number.NaN;
      case CELL_NON_FINITE:
        this.nonFinite++;
        return Number.NaN;
      case CELL_AMBIGUOUS:
        if (this.mark === undefined) {
          if (this.ambiguousBeforeEvidence++ === 0) this.firstAmbiguous = { column, row, text: text.slice(start, end) };
          this.remember(column, row, s.altValue);
        }
        return this.mark === ',' ? s.altValue : s.value;
      case CELL_DOT_EVIDENCE:
      case CELL_COMMA_EVIDENCE: {
        const mark = s.kind === CELL_DOT_EVIDENCE ? '.' : ',';
        if (this.mark === undefined) {
          this.mark = mark;
          this.evidence = { column, row, text: text.slice(start, end) };
        } else if (this.mark !== mark) {
          this.failure = { kind: 'mixed', mark, evidence: this.evidence };
          return Number.NaN;
        }
        return s.value;
      }
      default:
        this.failure = { kind: 'invalid' };
        return Number.NaN;
    }
  }

  /**
   * Settles the mark (dot when nothing decided it) and hands back corrections for ambiguous cells
   * read before comma evidence appeared: `fix(column, row, value)`.
   */
  finish(fix: (column: number, row: number, value: number) => void): '.' | ',' {
    // Decided by default (no evidence, not forced) while ambiguous cells exist: callers warn.
    this.defaulted = this.mark === undefined && this.ambiguousBeforeEvidence > 0;
    const mark = this.mark ?? '.';
    if (mark === ',') {
      for (let i = 0; i < this.pendingCount; i++) fix(this.pendingColumns[i]!, this.pendingRows[i]!, this.pendingValues[i]!);
    }
    this.pendingCount = 0;
    this.mark = mark;
    return mark;
  }

  private remember(column: number, row: number, alt: number): void {
    if (this.pendingCount === this.pendingRows.length) {
      const size = this.pendingCount * 2;
      const c = new Int32Array(size);
      const r = new Int32Array(size);
      const v = new Float64Array(size);
      c.set(this.pendingColumns);
      r.set(this.pendingRows);
      v.set(this.pendingValues);
      this.pendingColumns = c;
      this.pendingRows = r;
      this.pendingValues = v;
    }
    this.pendingColumns[this.pendingCount] = column;
    this.pendingRows[this.pendingCount] = row;
    this.pendingValues[this.pendingCount] = alt;
    this.pendingCount++;
  }
}
