import type { AccessLogFormatId, AccessRecord } from './access-record';

/**
 * One access-log format. `parse` returns a record, `null` for lines that carry no request
 * (blank lines, `#` directives), or a string saying why the line is malformed.
 */
export interface LineFormat {
  readonly id: AccessLogFormatId;
  parse(buf: Buffer, start: number, end: number, line: number, file: string): AccessRecord | string | null;
  /**
   * Optional fast path for health-check extraction: index of the first byte of the request
   * path (just after `METHOD `), or -1. Lets the reader reject a line by comparing a few path
   * bytes instead of parsing it (the ≥ 1 M lines/s budget).
   */
  requestPathStart?(buf: Buffer, start: number, end: number): number;
}
