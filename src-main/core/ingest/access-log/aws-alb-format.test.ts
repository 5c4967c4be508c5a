import { describe, expect, it } from 'vitest';
import type { AccessRecord } from './access-record';
import { readAccessLog } from './access-log-reader';
import { chunked } from './testing/log-fixtures';

const ALB =
  'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/health?x=1 HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"\n' +
  'https 2018-07-02T22:23:01.000000Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.40:2818 - -1 -1 -1 502 - 34 366 "GET https://www.example.com:443/ HTTP/1.1" "Mozilla/5.0 (X)" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn "Root=1" "-" "-" 0 2018-07-02T22:23:01.000000Z "forward" "-" "-" "-" "-" "-" "-"\n';
const ELB =
  '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -\n';

describe('AWS ALB / classic ELB access logs', () => {
  it('detects and parses ALB lines: ISO UTC time, client without port, host from the URL, target as upstream', async () => {
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(chunked(ALB), { file: 'alb.log', onRecord: (r) => recs.push(r) });
    expect(res.format).toBe('aws-alb');
    expect(res.malformedLines).toBe(0);
    expect(recs[0]).toMatchObject({
      timeMs: Date.UTC(2018, 6, 2, 22, 23, 0, 186), utcOffsetMinutes: 0, client: '192.168.131.39', method: 'GET', path: '/health', query: 'x=1',
      status: 200, userAgent: 'curl/7.46.0', host: 'www.example.com:80', upstream: '10.0.0.1:80',
    });
    expect(recs[1]).toMatchObject({ status: 502, path: '/', userAgent: 'Mozilla/5.0 (X)' });
    expect(recs[1]!.upstream).toBeUndefined();
  });

  it('detects and parses classic ELB lines', async () => {
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(chunked(ELB), { file: 'elb.log', onRecord: (r) => recs.push(r) });
    expect(res.format).toBe('aws-elb-classic');
    expect(recs[0]).toMatchObject({ timeMs: Date.UTC(2015, 4, 13, 23, 39, 43, 945), client: '192.168.131.39', path: '/', status: 200, userAgent: 'curl/7.38.0' });
  });
});
