export type { GenericCsvResult, GenericLayout, ParseGenericOptions } from './parse-generic-csv';
export { parseGenericCsv } from './parse-generic-csv';
export type { GenericTimeFormat } from './generic-time-reader';
export { detectTimeFormat } from './generic-time-reader';
