import { describe, expect, it } from 'vitest';
import { csvBytes, expectInputError } from '../ingest-test-helpers';
import { detectTimeFormat } from './generic-time-reader';
import { parseGenericCsv } from './parse-generic-csv';

const UTC = { timeZone: 'UTC' };

describe('detectTimeFormat', () => {
  it.each([
    ['2024-03-04T10:00:00+09:00', 'iso-offset'],
    ['2024-03-04T10:00:00Z', 'iso-offset'],
    ['2024-03-04 10:00', 'local'],
    ['2024-03-04 10:00:05', 'local'],
    ['1709546400', 'epoch-s'],
    ['1709546400.5', 'epoch-s'],
    ['1709546400000', 'epoch-ms'],
    ['04/03/2024', undefined],
  ])('%s → %s', (cell, format) => expect(detectTimeFormat(cell)).toBe(format));
});

describe('parseGenericCsv: wide layout', () => {
  it('reads time + one column per metric, one series named after the file', () => {
    const r = parseGenericCsv(csvBytes(['time,cpu,TPS', '2024-03-04 10:00,1.5,10', '2024-03-04 10:01,,0', '2024-03-04 10:02,2.5,11']), 'web-01.csv', { timeZone: '+09:00' });
    expect(r).toMatchObject({ layout: 'wide', timeFormat: 'local', cadenceMs: 60_000, decimalMark: '.' });
    const s = r.series[0]!;
    expect(s).toMatchObject({ object: 'web-01', objType: 'generic', counters: ['TPS', 'cpu'] });
    expect(Array.from(s.times)).toEqual([0, 1, 2].map((i) => Date.UTC(2024, 2, 4, 1, i)));
    expect(Array.from(s.values)).toEqual([10, 1.5, 0, NaN, 11, 2.5]);
    expect(r.stats).toEqual({ rows: 3, cells: 6, missing: 1, nonFinite: 0 });
  });

  it('splits rows by an object/label column', () => {
    const r = parseGenericCsv(csvBytes(['timestamp,host,heap', '2024-03-04T10:00:00Z,b,1', '2024-03-04T10:00:00Z,a,2', '2024-03-04T10:05:00Z,a,3', '2024-03-04T10:05:00Z,b,4']), 'x.csv', { ...UTC, objectColumn: 'host' });
    expect(r.series.map((s) => [s.object, Array.from(s.values)])).toEqual([
      ['a', [2, 3]],
      ['b', [1, 4]],
    ]);
    expect(r.cadenceMs).toBe(300_000);
  });

  it('reads epoch seconds and milliseconds', () => {
    const s = parseGenericCsv(csvBytes(['ts,v', '1709546400,1', '1709546460,2']), 'x.csv', UTC);
    expect(s.timeFormat).toBe('epoch-s');
    expect(s.series[0]!.times[0]).toBe(1_709_546_400_000);
    const ms = parseGenericCsv(csvBytes(['ts,v', '1709546400000,1', '1709546460000,2']), 'x.csv', UTC);
    expect(ms.timeFormat).toBe('epoch-ms');
    expect(ms.series[0]!.times[1]).toBe(1_709_546_460_000);
  });

  it('resamples to a chosen cadence', () => {
    const r = parseGenericCsv(csvBytes(['time,v', '2024-03-04 10:00,1', '2024-03-04 10:01,3', '2024-03-04 10:05,5']), 'x.csv', { ...UTC, cadenceMs: 300_000 });
    expect(Array.from(r.series[0]!.values)).toEqual([2, 5]);
  });

  it('converts local times with an IANA zone across a DST change', () => {
    const r = parseGenericCsv(csvBytes(['time,v', '2024-03-31 01:30,1', '2024-03-31 03:00,2', '2024-03-31 03:30,3']), 'x.csv', { timeZone: 'Europe/Berlin', cadenceMs: 1_800_000 });
    // 01:30 CET = 00:30 UTC; 03:00 CEST = 01:00 UTC: one half-hour step apart.
    expect(Array.from(r.series[0]!.times)).toEqual([Date.UTC(2024, 2, 31, 0, 30), Date.UTC(2024, 2, 31, 1, 0), Date.UTC(2024, 2, 31, 1, 30)]);
    expectInputError(() => parseGenericCsv(csvBytes(['time,v', '2024-03-31 02:30,1']), 'x.csv', { timeZone: 'Europe/Berlin' }), { code: 'PARSE_ERROR', file: 'x.csv', line: 2, column: 1, field: 'time', says: 'does not exist' });
  });
});

describe('parseGenericCsv: long layout', () => {
  it('reads time, object, metric, value rows', () => {
    const r = parseGenericCsv(
      csvBytes(['time,object,metric,value', '2024-03-04T10:00:00Z,/a,TPS,1', '2024-03-04T10:00:00Z,/a,HeapUsed,"1,024.5"', '2024-03-04T10:05:00Z,/a,TPS,2', '2024-03-04T10:00:00Z,/b,TPS,7']),
      'long.csv',
      UTC,
    );
    expect(r.layout).toBe('long');
    expect(r.series.map((s) => s.object)).toEqual(['/a', '/b']);
    expect(r.series[0]!.counters).toEqual(['TPS', 'HeapUsed']);
    expect(Array.from(r.series[0]!.values)).toEqual([1, 1024.5, 2, NaN]);
    expect(Array.from(r.series[1]!.values)).toEqual([7, NaN, NaN, NaN]);
  });

  it('rejects a repeated (object, metric, time) row with its line', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,object,metric,value', '2024-03-04T10:00:00Z,/a,TPS,1', '2024-03-04T10:00:00Z,/a,TPS,2']), 'long.csv', UTC), {
      code: 'PARSE_ERROR',
      file: 'long.csv',
      line: 3,
      column: 1,
      field: 'time',
      says: 'repeats the time of the previous row of "/a TPS" (line 2)',
    });
  });

  it('names the object and metric of a non-numeric value', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,object,metric,value', '2024-03-04T10:00:00Z,/a,TPS,high']), 'long.csv', UTC), { code: 'PARSE_ERROR', file: 'long.csv', line: 2, column: 4, field: '/a TPS' });
  });
});

describe('parseGenericCsv: bad input', () => {
  it('a time cell in another format than the first', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,v', '2024-03-04T10:00:00Z,1', '2024-03-04 10:05,2']), 'x.csv', UTC), { code: 'PARSE_ERROR', file: 'x.csv', line: 3, column: 1, field: 'time', says: 'with an offset' });
  });

  it('duplicate header names', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,v,v', '2024-03-04 10:00,1,2']), 'x.csv', UTC), { code: 'PARSE_ERROR', file: 'x.csv', line: 1, column: 3, field: 'v' });
  });

  it('semicolon-separated file', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time;v', '2024-03-04 10:00;1,5']), 'x.csv', UTC), { code: 'UNSUPPORTED_FORMAT', file: 'x.csv', line: 1, column: 1, says: 'semicolons' });
  });

  it('an explicit column that does not exist', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,v', '2024-03-04 10:00,1']), 'x.csv', { ...UTC, objectColumn: 'host' }), { code: 'INVALID_SETTINGS', file: 'x.csv', field: 'objectColumn' });
  });

  it('rows out of order', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,v', '2024-03-04 10:05,1', '2024-03-04 10:00,1']), 'x.csv', UTC), { code: 'PARSE_ERROR', file: 'x.csv', line: 3, column: 1, field: 'time', says: 'earlier than' });
  });

  it('header only', () => {
    expectInputError(() => parseGenericCsv(csvBytes(['time,v']), 'x.csv', UTC), { code: 'EMPTY_INPUT', file: 'x.csv', line: 2 });
  });
});
