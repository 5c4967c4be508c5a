import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import type { AccessRecord } from './access-record';
import { readAccessLog } from './access-log-reader';
import { compileLogPattern, createPatternFormat } from './log-pattern';
import { chunked } from './testing/log-fixtures';

const parse = (pattern: string, line: string) => {
  const b = Buffer.from(line);
  return createPatternFormat(pattern).parse(b, 0, b.length, 1, 'p.log');
};

describe('user-supplied LogFormat / log_format patterns', () => {
  it('Apache combined LogFormat (%t prints its own brackets)', () => {
    const r = parse('%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"', '10.0.0.1 - - [30/Apr/2022:08:13:47 +0900] "GET /?a=1 HTTP/1.1" 200 13651 "-" "ELB-HealthChecker/2.0"') as AccessRecord;
    expect(r).toMatchObject({ client: '10.0.0.1', method: 'GET', path: '/', query: 'a=1', status: 200, userAgent: 'ELB-HealthChecker/2.0', utcOffsetMinutes: 540 });
    expect(r.timeMs).toBe(Date.UTC(2022, 3, 29, 23, 13, 47));
  });

  it('virtual host + upstream + ISO time (nginx)', () => {
    const r = parse('$host $remote_addr [$time_iso8601] "$request" $status $upstream_addr "$http_user_agent"', 'api.example.com 10.0.0.2 [2021-07-13T19:17:39+02:00] "GET /healthz HTTP/1.1" 503 10.1.1.1:8080 "kube-probe/1.27"') as AccessRecord;
    expect(r).toMatchObject({ host: 'api.example.com', client: '10.0.0.2', path: '/healthz', status: 503, upstream: '10.1.1.1:8080', userAgent: 'kube-probe/1.27', utcOffsetMinutes: 120 });
    expect(r.timeMs).toBe(Date.UTC(2021, 6, 13, 17, 17, 39));
  });

  it('%m %U %q %{sec}t and ignored directives', () => {
    const r = parse('%a %{sec}t %m %U%q %s %D', '10.0.0.3 1626203859 GET /status?full 200 1234') as AccessRecord;
    expect(r).toMatchObject({ client: '10.0.0.3', timeMs: 1626203859000, method: 'GET', path: '/status', query: 'full', status: 200 });
  });

  it('reports the column of a mismatch', () => {
    expect(parse('%h [%t] %>s "%r"', '10.0.0.1 [30/Apr/2022:08:13:47 +0900] 200 GET')).toMatch(/expected " "|followed/);
  });

  it('rejects patterns it cannot follow, naming the column', () => {
    const bad = (p: string) => {
      try {
        compileLogPattern(p);
      } catch (e) {
        expect(e).toBeInstanceOf(VigilError);
        expect((e as VigilError).code).toBe('UNSUPPORTED_FORMAT');
        return (e as VigilError).message;
      }
      return 'accepted';
    };
    expect(bad('%h%u %t "%r" %>s')).toMatch(/column 3/);
    expect(bad('%h "%r" %>s')).toMatch(/no time/);
    expect(bad('%h %t "%r"')).toMatch(/no status/);
    expect(bad('%h %{%Y}t "%r" %s')).toMatch(/not supported/);
  });

  it('is used by the reader with format "pattern"', async () => {
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(chunked('10.0.0.1 2021-07-13T19:17:39Z GET / 200\nbad line\n'), {
      file: 'p.log', format: 'pattern', pattern: '%h %t %m %U %>s', onRecord: (r) => recs.push(r),
    });
    expect(recs).toHaveLength(1);
    expect(res.malformedLines).toBe(1);
    expect(res.errors[0]!.where).toMatchObject({ file: 'p.log', line: 2 });
  });
});
