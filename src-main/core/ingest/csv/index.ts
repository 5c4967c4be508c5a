export type { CsvCursorOptions } from './csv-cursor';
export { CsvCursor, FIELD_ESCAPED, FIELD_QUOTED } from './csv-cursor';
export type { DecodedText, TextEncodingName } from './decode-text';
export { decodeText } from './decode-text';
export type { NumberFailure } from './number-cell-reader';
export { NumberCellReader } from './number-cell-reader';
