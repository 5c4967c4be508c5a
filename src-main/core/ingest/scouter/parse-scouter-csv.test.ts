import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvBytes, expectInputError, q, seededRandom } from '../ingest-test-helpers';
import { parseScouterCsv, type ScouterFile } from './parse-scouter-csv';

const DAILY = '[20240304-20240305]tomcat_TPS.csv';
const PAST = '[20240305_100000-100500]tomcat_ElapsedTime.csv';
const SEOUL = { timeZone: 'Asia/Seoul' };
const H = q('Time', '/WAS/A', '/WAS/B');

describe('parseScouterCsv: good files', () => {
  it('reads a Daily All export: values, missing vs zero, times in the client zone', () => {
    const f = parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1,454.5', '0'), q('2024-03-04 00:05', '', '7')]), DAILY, SEOUL);
    expect(f).toMatchObject({ kind: 'daily', counter: 'TPS', objType: 'tomcat', objects: ['/WAS/A', '/WAS/B'], encoding: 'utf-8', decimalMark: '.', cadenceMs: 300_000 });
    expect([...f.times]).toEqual([Date.UTC(2024, 2, 3, 15, 0), Date.UTC(2024, 2, 3, 15, 5)]);
    expect(f.columns[0]![0]).toBe(1454.5);
    expect(f.columns[0]![1]).toBeNaN();
    expect(f.columns[1]![0]).toBe(0);
    expect(f.stats).toEqual({ rows: 2, cells: 4, missing: 1, nonFinite: 0 });
  });

  it('reads a Past All export with the date from the bracket', () => {
    const f = parseScouterCsv(csvBytes([H, q('10:00:00', '1', '2'), q('10:00:02', '3', '4')]), PAST, { timeZone: '+09:00' });
    expect(f.kind).toBe('past');
    expect(f.cadenceMs).toBe(2000);
    expect([...f.times]).toEqual([Date.UTC(2024, 2, 5, 1, 0, 0), Date.UTC(2024, 2, 5, 1, 0, 2)]);
  });

  it('takes counter, objType and date from an override when the file was renamed', () => {
    const f = parseScouterCsv(csvBytes([H, q('10:00:00', '1', '2')]), 'renamed.csv', { timeZone: 'UTC', override: { counter: 'GcTime', objType: 'java', date: '2024-01-02' } });
    expect(f).toMatchObject({ counter: 'GcTime', objType: 'java', kind: 'past' });
    expect(f.times[0]).toBe(Date.UTC(2024, 0, 2, 10));
  });

  it('rolls a Past All clock over midnight', () => {
    const f = parseScouterCsv(csvBytes([H, q('23:59:58', '1', '2'), q('00:00:00', '3', '4')]), '[20240305_235958-000002]tomcat_TPS.csv', { timeZone: 'UTC' });
    expect(f.times[1]! - f.times[0]!).toBe(2000);
  });

  it('reads a comma-decimal (de_DE) export', () => {
    const f = parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1.454', '12,5'), q('2024-03-04 00:05', '1.234,56', '-0,5')]), DAILY, SEOUL);
    expect(f.decimalMark).toBe(',');
    expect([...f.columns[0]!]).toEqual([1454, 1234.56]);
    expect([...f.columns[1]!]).toEqual([12.5, -0.5]);
  });

  it('counts NaN and ∞ cells as non-finite, stored as NaN', () => {
    const f = parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', 'NaN', '∞'), q('2024-03-04 00:05', '-∞', '1')]), DAILY, SEOUL);
    expect(f.stats.nonFinite).toBe(3);
    expect(f.columns[0]![0]).toBeNaN();
  });

  it('keys columns by name and finds Time anywhere', () => {
    const f = parseScouterCsv(csvBytes([q('/WAS/B', 'Time', '/WAS/A'), q('2', '2024-03-04 00:00', '1')]), DAILY, SEOUL);
    expect(f.objects).toEqual(['/WAS/B', '/WAS/A']);
    expect(f.columns.map((c) => c[0])).toEqual([2, 1]);
  });

  it('reads a UTF-8 BOM and CRLF line ends', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csvBytes([H, q('2024-03-04 00:00', '1', '2')], '\r\n')]);
    const f = parseScouterCsv(bytes, DAILY, SEOUL);
    expect(f.objects).toEqual(['/WAS/A', '/WAS/B']);
    expect(f.stats.rows).toBe(1);
  });

  it('reads CP949 object names (Korean Windows client, SCOUTER-CSV.md §3)', () => {
    const bytes = iconv.encode(`${q('Time', '/결제/WAS-가', '/결제/WAS-나')}\n${q('2024-03-04 00:00', '1', '2')}\n`, 'cp949');
    const f = parseScouterCsv(bytes, DAILY, SEOUL);
    expect(f.encoding).toBe('cp949');
    expect(f.objects).toEqual(['/결제/WAS-가', '/결제/WAS-나']);
  });

  it('keeps an unresolved (empty) object name with a warning', () => {
    const f = parseScouterCsv(csvBytes([q('Time', '/WAS/A', ''), q('2024-03-04 00:00', '1', '2')]), DAILY, SEOUL);
    expect(f.objects).toEqual(['/WAS/A', '(unnamed column 3)']);
    expect(f.warnings[0]).toMatch(/column 3/);
  });

  it('reads CR-only line ends (more rows than LFs: storage grows)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => q(`2024-03-04 ${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`, String(i), '1'));
    const f = parseScouterCsv(csvBytes([H, ...rows], '\r'), DAILY, SEOUL);
    expect(f.stats.rows).toBe(40);
    expect(f.times.length).toBe(40);
    expect(f.columns[0]![39]).toBe(39);
  });

  it('skips blank lines', () => {
    const f = parseScouterCsv(Buffer.from(`${H}\n\n${q('2024-03-04 00:00', '1', '2')}\n\n`), DAILY, SEOUL);
    expect(f.stats.rows).toBe(1);
  });
});

describe('parseScouterCsv: bad input names file, line, column and field', () => {
  it('wrong delimiter (;)', () => {
    expectInputError(() => parseScouterCsv(Buffer.from('"Time";"/WAS/A"\n"2024-03-04 00:00";"1"\n'), DAILY, SEOUL), { code: 'UNSUPPORTED_FORMAT', file: DAILY, line: 1, column: 1, says: 'semicolons' });
  });

  it('wrong delimiter (tab, unquoted)', () => {
    expectInputError(() => parseScouterCsv(Buffer.from('Time\t/WAS/A\n2024-03-04 00:00\t1\n'), DAILY, SEOUL), { code: 'UNSUPPORTED_FORMAT', file: DAILY, line: 1, column: 1, says: 'tabs' });
  });

  it('header without Time', () => {
    expectInputError(() => parseScouterCsv(csvBytes([q('Zeit', '/WAS/A'), q('2024-03-04 00:00', '1')]), DAILY, SEOUL), { code: 'UNSUPPORTED_FORMAT', file: DAILY, line: 1, column: 1, field: 'Zeit', says: 'no "Time" column' });
  });

  it('duplicate object columns', () => {
    expectInputError(() => parseScouterCsv(csvBytes([q('Time', '/WAS/A', '/WAS/B', '/WAS/A'), q('2024-03-04 00:00', '1', '2', '3')]), DAILY, SEOUL), {
      code: 'PARSE_ERROR',
      file: DAILY,
      line: 1,
      column: 4,
      field: '/WAS/A',
      says: 'repeats the name "/WAS/A" of column 2',
    });
  });

  it('ragged rows (too few and too many fields)', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1', '2'), q('2024-03-04 00:05', '1')]), DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 3, column: 3, field: '/WAS/B', says: '2 fields but the header has 3' });
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1', '2', '3')]), DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 2, column: 4, says: '4 fields' });
  });

  it('non-numeric cell', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1', '2'), q('2024-03-04 00:05', '3', 'n/a')]), DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 3, column: 3, field: '/WAS/B', says: '"n/a" is not a number' });
  });

  it('mixed number locales, naming both cells', () => {
    const err = expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1,234.5', '2'), q('2024-03-04 00:05', '3', '1.234,5')]), DAILY, SEOUL), {
      code: 'PARSE_ERROR',
      file: DAILY,
      line: 3,
      column: 3,
      field: '/WAS/B',
      says: 'mixes number locales',
    });
    expect(err.message).toContain('line 2, column 2 (/WAS/A) holds "1,234.5"');
  });

  it('empty file, header only, and blank lines only', () => {
    expectInputError(() => parseScouterCsv(new Uint8Array(0), DAILY, SEOUL), { code: 'EMPTY_INPUT', file: DAILY });
    expectInputError(() => parseScouterCsv(csvBytes([H]), DAILY, SEOUL), { code: 'EMPTY_INPUT', file: DAILY, line: 2, says: 'no data rows' });
    expectInputError(() => parseScouterCsv(Buffer.from('\n\n'), DAILY, SEOUL), { code: 'EMPTY_INPUT', file: DAILY, line: 1 });
  });

  it('binary garbage', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expectInputError(() => parseScouterCsv(bytes, DAILY, SEOUL), { code: 'UNSUPPORTED_FORMAT', file: DAILY, field: 'bytes', says: 'binary' });
  });

  it('a 10 MB single line neither hangs nor passes', () => {
    const t0 = performance.now();
    const header = Buffer.from(`"Time","${'x'.repeat(10 * 1024 * 1024)}`);
    expectInputError(() => parseScouterCsv(header, DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 1, column: 2, says: 'never closed' });
    const row = Buffer.from(`${H}\n${q('2024-03-04 00:00', ...Array.from({ length: 60_000 }, () => '1,234.5'))}`);
    expect(row.length).toBeGreaterThan(600_000);
    expectInputError(() => parseScouterCsv(row, DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 2, column: 4, says: 'the header has 3' });
    const unquoted = Buffer.from(`Time,${'9'.repeat(10 * 1024 * 1024)}\n`);
    expectInputError(() => parseScouterCsv(unquoted, DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 1, column: 2, says: 'characters long' });
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('timestamps out of order', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:05', '1', '2'), q('2024-03-04 00:00', '1', '2')]), DAILY, SEOUL), {
      code: 'PARSE_ERROR',
      file: DAILY,
      line: 3,
      column: 1,
      field: 'Time',
      says: 'is earlier than the previous row (line 2)',
    });
  });

  it('timestamps duplicated', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:05', '1', '2'), q('2024-03-04 00:05', '1', '2')]), DAILY, SEOUL), {
      code: 'PARSE_ERROR',
      file: DAILY,
      line: 3,
      column: 1,
      field: 'Time',
      says: 'repeats the time of the previous row (line 2)',
    });
  });

  it('a time cell in the wrong format', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('2024-03-04 00:00', '1', '2'), q('04.03.2024 00:05', '1', '2')]), DAILY, SEOUL), { code: 'PARSE_ERROR', file: DAILY, line: 3, column: 1, field: 'Time' });
  });

  it('a Daily All name with Past All times (renamed file)', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('10:00:00', '1', '2')]), DAILY, SEOUL), { code: 'UNSUPPORTED_FORMAT', file: DAILY, line: 2, column: 1, field: 'Time', says: 'file name says Daily All' });
  });

  it('a Past All file without a date', () => {
    expectInputError(() => parseScouterCsv(csvBytes([H, q('10:00:00', '1', '2')]), 'x.csv', { timeZone: 'UTC', override: { counter: 'TPS', objType: 'tomcat' } }), { code: 'UNSUPPORTED_FORMAT', file: 'x.csv', field: 'date' });
  });
});

describe('parseScouterCsv: daylight-saving changes', () => {
  /** Rows as a client in `zone` writes them: a UTC 5-minute grid formatted in local time (§5). */
  function localGrid(fromUtc: number, toUtc: number, zone: string): string[] {
    const f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const rows: string[] = [];
    for (let t = fromUtc; t < toUtc; t += 300_000) rows.push(f.format(t));
    return rows;
  }

  it('America/New_York fall-back: the repeated 01:00–01:55 hour maps back onto the UTC grid', () => {
    const from = Date.UTC(2024, 10, 3, 4, 0); // 00:00 EDT
    const to = Date.UTC(2024, 10, 4, 5, 0); // 00:00 EST next day
    const times = localGrid(from, to, 'America/New_York');
    expect(times.filter((t) => t === '2024-11-03 01:30')).toHaveLength(2);
    const f = parseScouterCsv(csvBytes([H, ...times.map((t, i) => q(t, String(i), '1'))]), '[20241103-20241103]tomcat_TPS.csv', { timeZone: 'America/New_York' });
    expect(f.stats.rows).toBe(300); // 25 hours
    expect(f.times[0]).toBe(from);
    expect(f.times.every((t, i) => t === from + i * 300_000)).toBe(true);
  });

  it('America/New_York spring-forward: a 23-hour day parses, a 02:30 row is rejected', () => {
    const from = Date.UTC(2024, 2, 10, 5, 0);
    const to = Date.UTC(2024, 2, 11, 4, 0);
    const times = localGrid(from, to, 'America/New_York');
    expect(times).not.toContain('2024-03-10 02:30');
    const f = parseScouterCsv(csvBytes([H, ...times.map((t) => q(t, '1', '2'))]), '[20240310-20240310]tomcat_TPS.csv', { timeZone: 'America/New_York' });
    expect(f.stats.rows).toBe(276);
    expect(f.times.every((t, i) => t === from + i * 300_000)).toBe(true);

    const bad = [H, q('2024-03-10 01:55', '1', '2'), q('2024-03-10 02:30', '1', '2')];
    const err = expectInputError(() => parseScouterCsv(csvBytes(bad), '[20240310-20240310]tomcat_TPS.csv', { timeZone: 'America/New_York' }), {
      code: 'PARSE_ERROR',
      file: '[20240310-20240310]tomcat_TPS.csv',
      line: 3,
      column: 1,
      field: 'Time',
      says: 'does not exist in America/New_York',
    });
    expect(err.hint).toMatch(/zone/);
    const shifted = parseScouterCsv(csvBytes(bad), '[20240310-20240310]tomcat_TPS.csv', { timeZone: 'America/New_York', nonexistentLocalTime: 'shift-forward' });
    expect(shifted.times[1]).toBe(Date.UTC(2024, 2, 10, 7, 30));
  });

  it('Europe/Berlin Past All inside the fall-back hour takes the earlier (CEST) reading, then follows the clock', () => {
    const rows = [H, q('02:59:58', '1', '2'), q('02:00:00', '3', '4'), q('02:00:02', '5', '6')];
    const f = parseScouterCsv(csvBytes(rows), '[20241027_025958-020002]tomcat_TPS.csv', { timeZone: 'Europe/Berlin' });
    expect([...f.times]).toEqual([Date.UTC(2024, 9, 27, 0, 59, 58), Date.UTC(2024, 9, 27, 1, 0, 0), Date.UTC(2024, 9, 27, 1, 0, 2)]);
  });
});

describe('parseScouterCsv: the one-pass row reader agrees with the general path', () => {
  /** Result or error message, with typed arrays as plain arrays for comparison. */
  function outcome(bytes: Buffer, fastPath: boolean): unknown {
    try {
      const f: ScouterFile = parseScouterCsv(bytes, DAILY, { timeZone: 'Europe/Berlin', fastPath });
      return { ...f, times: Array.from(f.times), columns: f.columns.map((c) => Array.from(c)) };
    } catch (e) {
      return { error: (e as Error).message, where: (e as { where?: unknown }).where };
    }
  }

  it('on 400 random files with missing, non-finite, de/en numbers, blank lines, CRLF and the odd bad cell', () => {
    const rand = seededRandom(2024);
    const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const de = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
    let errors = 0;
    let timeErrors = 0;
    for (let t = 0; t < 400; t++) {
      const fmt = rand(2) === 0 ? en : de;
      const objects = 1 + rand(4);
      const lines = [q('Time', ...Array.from({ length: objects }, (_, j) => `/WAS/${j}`))];
      for (let r = 0; r < 30; r++) {
        // Now and then a repeated or malformed time, to compare errors raised on fast rows too.
        const rr = rand(150) === 0 ? Math.max(0, r - 1) : r;
        const time = rand(300) === 0 ? '2024-03-04 7:00' : `2024-03-0${4 + Math.floor(rr / 12)} ${String(rr % 12).padStart(2, '0')}:${['00', '05'][rr % 2]}`;
        const cells = Array.from({ length: objects }, () => {
          const roll = rand(40);
          if (roll === 0) return '';
          if (roll === 1) return 'NaN';
          if (roll === 2) return '∞';
          if (roll === 3 && rand(8) === 0) return 'oops';
          if (roll === 4 && rand(8) === 0) return en === fmt ? '12,5' : '1,234.5'; // other locale
          return fmt.format((rand(2_000_000) - 500_000) / 100).replace('\u2212', '-');
        });
        const roll = rand(60);
        if (roll === 0) lines.push('');
        if (roll === 1 && rand(4) === 0) cells.pop(); // ragged
        // Now and then a row the way a spreadsheet re-saves it: quotes only where needed.
        lines.push(rand(10) === 0 ? [time, ...cells].map((c) => (c.includes(',') || c === '' ? q(c) : c)).join(',') : q(time, ...cells));
      }
      const bytes = csvBytes(lines, rand(3) === 0 ? '\r\n' : '\n');
      const general = outcome(bytes, false);
      expect(outcome(bytes, true), `file ${t}`).toEqual(general);
      const error = (general as { error?: string }).error;
      if (error) errors++;
      if (error && /previous row|not a time/.test(error)) timeErrors++;
    }
    // Both outcomes occur, so both branches were compared.
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(300);
    expect(timeErrors).toBeGreaterThan(5);
  });
});
