import { describe, expect, it } from 'vitest';
import { formatLogEvent, formatLogLine, jobTag, levelOfLine, liveLinesAfterBacklog, sanitize } from './log-format';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('log-format', () => {
  it('tags lines with a short job id and a stable colour', () => {
    expect(strip(formatLogLine('0123456789abcdef', '12:00:01 started'))).toBe('[01234567] 12:00:01 started');
    expect(jobTag('job-a')).toBe(jobTag('job-a'));
  });

  it('colours warnings and errors', () => {
    expect(formatLogEvent({ kind: 'log', jobId: 'j', level: 'error', line: 'boom', atMs: 0 })).toContain('\x1b[31mboom');
    expect(levelOfLine('12:00:01 WARN slow epoch')).toBe('warn');
    expect(levelOfLine('12:00:01 ERROR failed')).toBe('error');
    expect(levelOfLine('12:00:01 WARNING is a word')).toBe('info');
  });

  it('removes control characters that could move the cursor', () => {
    expect(sanitize('a\x1b[2Jb\tc\x07')).toBe('a[2Jb\tc');
  });

  it('drops live lines the backlog already holds, once each', () => {
    const ev = (line: string) => ({ kind: 'log' as const, jobId: 'j', level: 'info' as const, line, atMs: 0 });
    const backlog = ['t1 a', 't2 b', 't3 c'];
    expect(liveLinesAfterBacklog(backlog, [ev('t3 c'), ev('t4 d')]).map((e) => e.line)).toEqual(['t4 d']);
    expect(liveLinesAfterBacklog([], [ev('x')]).map((e) => e.line)).toEqual(['x']);
  });
});
