export type { ScouterExportKind, ScouterFileName, ScouterNameOverride } from './scouter-file-name';
export { parseScouterFileName } from './scouter-file-name';
export type { ParseScouterOptions, ScouterFile } from './parse-scouter-csv';
export { DAILY_ALL_CADENCE_MS, PAST_ALL_CADENCE_MS, parseScouterCsv } from './parse-scouter-csv';
export type { MergeScouterOptions, ObjectColumns } from './merge-scouter-files';
export { mergeScouterColumns, mergeScouterFiles } from './merge-scouter-files';
export type { DecimalSummary } from './column-decimals';
export { MAX_DECIMAL_SCALE, scanDecimals } from './column-decimals';
