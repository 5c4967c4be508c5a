import { describe, expect, it } from 'vitest';
import type { AccessRecord } from './access-record';
import { combinedRequestPathStart, parseCombinedLine } from './combined-format';

const parse = (line: string): AccessRecord | string | null => {
  const b = Buffer.from(line, 'latin1');
  return parseCombinedLine(b, 0, b.length, 7, 'f.log');
};

describe('combined/common format', () => {
  it('parses the paper example and honours the +0900 offset', () => {
    const r = parse('10.1.2.3 - - [30/Apr/2022:08:13:47 +0900] "GET / HTTP/1.1" 200 13651') as AccessRecord;
    expect(r.timeMs).toBe(Date.UTC(2022, 3, 29, 23, 13, 47));
    expect(r.utcOffsetMinutes).toBe(540);
    expect(r).toMatchObject({ client: '10.1.2.3', method: 'GET', path: '/', status: 200, userAgent: '', line: 7, file: 'f.log' });
  });

  it('parses combined with referer, user agent, query and a negative offset', () => {
    const r = parse('83.149.9.216 - bob [17/May/2015:10:05:03 -0430] "GET /a/b.png?x=1 HTTP/1.1" 200 203023 "http://r/" "Mozilla/5.0 (Mac)"') as AccessRecord;
    expect(r.timeMs).toBe(Date.UTC(2015, 4, 17, 14, 35, 3));
    expect(r.utcOffsetMinutes).toBe(-270);
    expect(r).toMatchObject({ path: '/a/b.png', query: 'x=1', userAgent: 'Mozilla/5.0 (Mac)', status: 200 });
  });

  it('accepts nginx main (combined + "$http_x_forwarded_for") and escaped quotes', () => {
    const r = parse('172.31.29.20 - - [13/Jul/2021:15:08:30 +0000] "GET / HTTP/1.1" 200 446 "-" "ELB-HealthChecker/2.0" "-"') as AccessRecord;
    expect(r.userAgent).toBe('ELB-HealthChecker/2.0');
    const q = parse('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET /x\\"y HTTP/1.1" 404 1 "-" "a \\"b\\""') as AccessRecord;
    expect(q.status).toBe(404);
    expect(q.userAgent).toBe('a \\"b\\"');
  });

  it('keeps junk requests from scanners and "-" status/bytes', () => {
    const r = parse('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "-" 400 - "-" "-"') as AccessRecord;
    expect(r).toMatchObject({ method: '', path: '', status: 400, userAgent: '' });
    expect((parse('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "\\x16\\x03\\x01" - 0') as AccessRecord).status).toBe(0);
  });

  it('says why a line is malformed', () => {
    expect(parse('hello world')).toMatch(/time/);
    expect(parse('1.2.3.4 - - [13/Foo/2021:15:08:30 +0000] "GET / HTTP/1.1" 200 1')).toMatch(/time/);
    expect(parse('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET / HTTP/1.1 200 1')).toMatch(/quote/);
    expect(parse('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET / HTTP/1.1" abc 1')).toMatch(/status/);
  });

  it('finds the request path without parsing (fast path)', () => {
    const line = '1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET /healthz HTTP/1.1" 200 1';
    const b = Buffer.from(line);
    expect(b.toString('latin1', combinedRequestPathStart(b, 0, b.length), combinedRequestPathStart(b, 0, b.length) + 8)).toBe('/healthz');
    const odd = Buffer.from('1.2.3.4 - "weird" "GET /x HTTP/1.1" 200 1');
    expect(combinedRequestPathStart(odd, 0, odd.length)).toBeGreaterThan(0);
  });
});
