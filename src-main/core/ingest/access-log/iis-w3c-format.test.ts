import { describe, expect, it } from 'vitest';
import type { AccessRecord } from './access-record';
import { readAccessLog } from './access-log-reader';
import { chunked } from './testing/log-fixtures';

const IIS = [
  '#Software: Microsoft Internet Information Services 8.5',
  '#Version: 1.0',
  '#Date: 2016-01-10 00:07:26',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  '2016-01-10 00:07:26 172.31.22.76 GET /httptest.php - 80 - 188.68.224.62 Mozilla/5.0+(compatible;+Googlebot/2.1) - 404 0 2 591',
  '#Software: Microsoft Internet Information Services 8.5',
  '#Version: 1.0',
  '#Date: 2016-01-10 00:29:52',
  // The column set changes mid-file: fewer fields, different order, host added.
  '#Fields: time date c-ip cs-method cs-uri-stem sc-status cs-host cs(User-Agent)',
  '00:29:52 2016-01-10 10.0.0.9 GET / 200 www.example.com kube-probe/1.27',
  '',
].join('\r\n');

describe('IIS W3C extended', () => {
  it('follows #Fields: changes anywhere in the file, decodes + in the agent, times are UTC', async () => {
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(chunked(IIS, 17), { file: 'u_ex160110.log', onRecord: (r) => recs.push(r) });
    expect(res.format).toBe('iis-w3c');
    expect(res.malformedLines).toBe(0);
    expect(res.lines).toBe(10);
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({
      timeMs: Date.UTC(2016, 0, 10, 0, 7, 26), utcOffsetMinutes: 0, client: '188.68.224.62', method: 'GET', path: '/httptest.php',
      status: 404, userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)', server: '172.31.22.76', line: 5,
    });
    expect(recs[1]).toMatchObject({ timeMs: Date.UTC(2016, 0, 10, 0, 29, 52), client: '10.0.0.9', path: '/', status: 200, host: 'www.example.com', userAgent: 'kube-probe/1.27', line: 10 });
  });

  it('reports data before any #Fields: and a wrong field count as malformed lines with their line numbers', async () => {
    const text = '#Software: IIS\n2016-01-10 00:07:26 x\n#Fields: date time cs-uri-stem sc-status\n2016-01-10 00:07:27 / 200\n2016-01-10 00:07:28 / 200 extra\n';
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(chunked(text), { file: 'u.log', onRecord: (r) => recs.push(r) });
    expect(recs).toHaveLength(1);
    expect(res.malformedLines).toBe(2);
    expect(res.errors.map((e) => e.where?.line)).toEqual([2, 5]);
    expect(res.errors[0]!.code).toBe('PARSE_ERROR');
    expect(res.errors[0]!.message).toMatch(/u\.log:2: data line before any #Fields/);
  });
});
