import type { JobEvent } from '../../shared/domain/jobs';

/**
 * Turns job log lines into terminal lines: a short, coloured job tag (so interleaved jobs stay
 * readable) and the level coloured the way terminals do. Pure; the console writes the result.
 */

type LogEvent = Extract<JobEvent, { kind: 'log' }>;
export type LogLevel = LogEvent['level'];

const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
/** ANSI colours for job tags, chosen by a stable hash of the job id. */
const TAG_COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[34m', '\x1b[32m', '\x1b[33m', '\x1b[96m'];
const LEVEL_COLOURS: Record<LogLevel, string> = { info: '', warn: '\x1b[33m', error: '\x1b[31m' };

export function jobTag(jobId: string): string {
  let h = 0;
  for (let i = 0; i < jobId.length; i++) h = (h * 31 + jobId.charCodeAt(i)) >>> 0;
  const colour = TAG_COLOURS[h % TAG_COLOURS.length] as string;
  return `${colour}${jobId.slice(0, 8)}${RESET}`;
}

/** Strips control characters a log line might carry, except tab; keeps the terminal sane. */
export function sanitize(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Backlog lines (`jobs:log`) carry no level; the engine writes WARN/ERROR after the time stamp. */
export function levelOfLine(line: string): LogLevel {
  if (/^\S+ ERROR /.test(line)) return 'error';
  if (/^\S+ WARN /.test(line)) return 'warn';
  return 'info';
}

export function formatLogLine(jobId: string, line: string, level: LogLevel = levelOfLine(line)): string {
  const colour = LEVEL_COLOURS[level];
  const body = sanitize(line);
  return `${DIM}[${RESET}${jobTag(jobId)}${DIM}]${RESET} ${colour}${body}${colour ? RESET : ''}`;
}

export function formatLogEvent(ev: LogEvent): string {
  return formatLogLine(ev.jobId, ev.line, ev.level);
}

/**
 * Live lines that arrived while a job's backlog was being fetched, minus those the backlog
 * already holds (the engine sends the same stamped text in both).
 */
export function liveLinesAfterBacklog(backlog: readonly string[], buffered: readonly LogEvent[]): LogEvent[] {
  const seen = new Map<string, number>();
  for (const l of backlog.slice(-buffered.length - 1)) seen.set(l, (seen.get(l) ?? 0) + 1);
  return buffered.filter((ev) => {
    const n = seen.get(ev.line) ?? 0;
    if (n === 0) return true;
    seen.set(ev.line, n - 1);
    return false;
  });
}
