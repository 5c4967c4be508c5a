import { describe, expect, it } from 'vitest';
import { expectInputError } from '../ingest-test-helpers';
import { parseIsoDate, parseScouterFileName } from './scouter-file-name';

describe('parseScouterFileName (SCOUTER-CSV.md §2)', () => {
  it('reads a Daily All name', () => {
    expect(parseScouterFileName('[20240304-20240305]tomcat_TPS.csv')).toEqual({ kind: 'daily', objType: 'tomcat', counter: 'TPS', date: '2024-03-04', endDate: '2024-03-05', prefix: '' });
  });

  it('reads a Past All name and its date', () => {
    expect(parseScouterFileName('[20240305_100000-100500]tomcat_ElapsedTime.csv')).toMatchObject({ kind: 'past', objType: 'tomcat', counter: 'ElapsedTime', date: '2024-03-05' });
  });

  it('splits at the last underscore: objTypes may hold _ and $', () => {
    expect(parseScouterFileName('[20240304-20240305]my_obj_type_HeapUsed.csv')).toMatchObject({ objType: 'my_obj_type', counter: 'HeapUsed' });
    expect(parseScouterFileName('[20240304-20240305]z$zipkin_svc_ElapsedTime.csv')).toMatchObject({ objType: 'z$zipkin_svc', counter: 'ElapsedTime' });
  });

  it('ignores a prefix, directories and a browser copy suffix', () => {
    expect(parseScouterFileName('/tmp/x/SYNTHETIC_[20240304-20240305]tomcat_TPS.csv')).toMatchObject({ prefix: 'SYNTHETIC_', objType: 'tomcat', counter: 'TPS' });
    expect(parseScouterFileName('C:\\exports\\[20240304-20240305]tomcat_TPS (1).csv')).toMatchObject({ counter: 'TPS' });
  });

  it.each([
    ['tps.csv', 'no [date] part'],
    ['[20240304-20240305]tomcat.csv', 'not objType_Counter'],
    ['[20240230-20240305]tomcat_TPS.csv', 'impossible date'],
    ['[2024-03-04]tomcat_TPS.csv', 'neither'],
  ])('rejects %s with a hint to enter the facts by hand', (name, says) => {
    const err = expectInputError(() => parseScouterFileName(name), { code: 'UNSUPPORTED_FORMAT', file: name, field: 'file name', says });
    expect(err.hint).toMatch(/by hand/);
  });

  it('parses override dates', () => {
    expect(parseIsoDate('2024-03-05')).toEqual([2024, 3, 5]);
    expect(parseIsoDate('2024-02-30')).toBeUndefined();
  });
});
