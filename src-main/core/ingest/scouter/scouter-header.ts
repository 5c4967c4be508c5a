import type { CsvCursor } from '../csv/csv-cursor';
import { inputError, quoteCell } from '../csv/input-error';

/** The header row of a Scouter export, keyed by name (SCOUTER-CSV.md §4). */
export interface ScouterHeader {
  /** Line of the header row. */
  line: number;
  /** Header cells as written (trimmed). */
  fields: string[];
  /** Field index of `Time`. */
  timeIndex: number;
  /** Object names, header order. */
  objects: string[];
  /** [objects] field index of each object's column. */
  objectFields: number[];
  warnings: string[];
}

/**
 * Reads the header: `Time` plus one column per objName, in server order, not sorted (§4).
 *
 * Choices: `Time` is found by name (any position); a duplicate object name is an error, since
 * Scouter merges same-named traces and the file cannot say which object a column is (§4);
 * an empty name (unresolved object, §4) is kept as `(unnamed column N)` with a warning.
 *
 * @throws VigilError EMPTY_INPUT (no header), UNSUPPORTED_FORMAT (wrong delimiter, no `Time`),
 *   PARSE_ERROR (duplicate names).
 */
export function readScouterHeader(cursor: CsvCursor): ScouterHeader {
  const file = cursor.file;
  let found = cursor.next();
  while (found && cursor.isBlank()) found = cursor.next();
  if (!found) {
    throw inputError('EMPTY_INPUT', { file, line: 1 }, 'the file holds no header row and no data.', 'Export the counter again from Scouter ("Export CSV" in the view menu).');
  }
  cursor.assertDelimiterLooksRight();
  const line = cursor.recordLine;
  const fields = cursor.fields().map((f) => f.trim());
  const timeIndex = fields.indexOf('Time');
  if (timeIndex < 0) {
    throw inputError(
      'UNSUPPORTED_FORMAT',
      { file, line, column: 1, field: fields[0] ?? '' },
      `the header has no "Time" column (it starts with ${quoteCell(fields[0] ?? '')}).`,
      'A Scouter counter export starts with the header "Time" followed by one column per object. Check that this is a Scouter "Export CSV" file and that no rows were added above the header.',
    );
  }
  const second = fields.indexOf('Time', timeIndex + 1);
  if (second >= 0) throw duplicate(file, line, second, 'Time', timeIndex);
  const objects: string[] = [];
  const objectFields: number[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (let k = 0; k < fields.length; k++) {
    if (k === timeIndex) continue;
    let name = fields[k]!;
    const earlier = seen.get(name);
    if (earlier !== undefined) throw duplicate(file, line, k, name, earlier);
    seen.set(name, k);
    if (name === '') {
      name = `(unnamed column ${k + 1})`;
      warnings.push(`${file}:${line}: column ${k + 1} has an empty object name (Scouter could not resolve it); imported as "${name}".`);
    }
    objects.push(name);
    objectFields.push(k);
  }
  return { line, fields, timeIndex, objects, objectFields, warnings };
}

function duplicate(file: string, line: number, k: number, name: string, earlier: number) {
  return inputError(
    'PARSE_ERROR',
    { file, line, column: k + 1, field: name },
    `column ${k + 1} repeats the name ${quoteCell(name)} of column ${earlier + 1}; columns are matched by name, so each must be unique.`,
    'Two objects share a name (Scouter merges their data). Rename one object in Scouter, or remove the duplicate column.',
  );
}
