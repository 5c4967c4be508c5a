export type { AccessLogFormatId, AccessLogFormatOption, AccessRecord, RecordObjectField } from './access-record';
export type { CandidateFilter, ReadAccessLogOptions, ReadAccessLogResult } from './access-log-reader';
export { readAccessLog } from './access-log-reader';
export { createFormat, detectFormat } from './format-detect';
export { compileLogPattern, createPatternFormat } from './log-pattern';
export type { LineFormat } from './line-format';
