import type { ErrorCode } from '../../../../shared/errors';
import { VigilError, locate } from '../../../../shared/errors';
import type { SerializedError } from '../../../../shared/domain/jobs';
import type { CsvCursor } from './csv-cursor';
import type { NumberCellReader } from './number-cell-reader';

type Where = NonNullable<SerializedError['where']>;

/**
 * An input error whose message starts with `file:line:column (field)` (shared/errors.ts
 * `locate`), so the user sees where to look even when only the message is shown.
 */
export function inputError(code: ErrorCode, where: Where, what: string, hint: string): VigilError {
  return new VigilError(code, `${locate(where).trim()}: ${what}`, { where, hint });
}

/** Shortens a cell's text for a message (a 10 MB cell must not become a 10 MB message). */
export function quoteCell(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The error for a value cell `read` rejected: not a number, or a decimal mark that contradicts
 * the file's (SCOUTER-CSV.md §6). `lineOfRow` maps the reader's row index to a file line.
 */
export function numberCellError(
  reader: NumberCellReader,
  cursor: CsvCursor,
  fieldIndex: number,
  field: string,
  fieldNames: readonly string[],
  lineOfRow: (row: number) => number,
): VigilError {
  const where: Where = { file: cursor.file, line: cursor.lineOfField(fieldIndex), column: fieldIndex + 1, field };
  const cell = quoteCell(cursor.field(fieldIndex));
  const failure = reader.failure;
  if (failure?.kind === 'mixed') {
    const mark = failure.mark;
    const other = mark === '.' ? ',' : '.';
    const ev = failure.evidence;
    const first = ev
      ? `line ${lineOfRow(ev.row)}, column ${ev.column + 1} (${fieldNames[ev.column] ?? ''}) holds ${quoteCell(ev.text)}, which uses "${other}"`
      : `the decimal mark "${other}" was chosen for this import`;
    return inputError(
      'PARSE_ERROR',
      where,
      `${cell} uses "${mark}" as the decimal mark, but ${first}: the file mixes number locales.`,
      'One file must use one number format. Export it again from one Scouter client, or correct the cell.',
    );
  }
  return inputError(
    'PARSE_ERROR',
    where,
    `${cell} is not a number.`,
    'Value cells must be numbers such as 1,234.5 (or 1.234,5), NaN, ∞, or empty ("") for missing. Correct or clear the cell.',
  );
}

/**
 * Warning for a file whose decimal mark was assumed, not seen (every cell like `1,454`): the
 * import goes on with "." (Scouter's en/ko default, SCOUTER-CSV.md §6) but the user is told.
 */
export function assumedDecimalMarkWarning(file: string, reader: NumberCellReader, lineOfRow: (row: number) => number): string | undefined {
  const a = reader.firstAmbiguous;
  if (!reader.defaulted || !a) return undefined;
  return (
    `${file}: no cell shows the decimal mark, so "." was assumed (Scouter's en/ko default): ` +
    `${reader.ambiguousBeforeEvidence} cells such as ${quoteCell(a.text)} (line ${lineOfRow(a.row)}) would read differently with ",". ` +
    'If the exporting machine used a comma-decimal locale (de, fr …), import again with the decimal mark set to ",".'
  );
}
