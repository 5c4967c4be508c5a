import type { AccessRecord } from './access-record';
import { closingQuote, parseUint, QUOTE, SP, splitQuery, strOrEmpty } from './byte-utils';
import type { LineFormat } from './line-format';
import { parsedTime, parseIsoTime } from './log-time';

/**
 * AWS load-balancer access logs (times are ISO 8601 UTC):
 * - ALB: `type time elb client:port target:port rpt tpt rspt elb_status target_status rx tx "request" "ua" …`
 * - Classic ELB: `time elb client:port backend:port rpt bpt rspt elb_status backend_status rx tx "request" "ua" …`
 * The request target is an absolute URL (`GET http://host:80/path HTTP/1.1`); its host becomes
 * `host`, `target:port` becomes `upstream`, and `status` is what the balancer returned.
 * Note: ALBs do not log their own health checks; these logs matter when the balancer sits in
 * front of a probed service or when outages are inferred from a probing client.
 */
export function createAwsLbFormat(id: 'aws-alb' | 'aws-elb-classic'): LineFormat {
  const skip = id === 'aws-alb' ? 1 : 0; // ALB lines start with the request type
  return {
    id,
    parse(buf, start, end, line, file): AccessRecord | string | null {
      if (end <= start) return null;
      // Tokenise the first 11 (+skip) space-separated fields; the request is quoted after them.
      const s: number[] = [];
      const e: number[] = [];
      let i = start;
      const want = 11 + skip;
      while (s.length < want && i < end) {
        let j = i;
        while (j < end && buf[j] !== SP) j++;
        s.push(i);
        e.push(j);
        i = j + 1;
      }
      if (s.length < want || buf[i] !== QUOTE) return `expected ${want} fields and a quoted request`;
      if (!parseIsoTime(buf, s[skip]!, e[skip]!)) return 'time is not ISO 8601';
      const timeMs = parsedTime.ms;
      const utcOffsetMinutes = parsedTime.offsetMinutes;
      const re = closingQuote(buf, i + 1, end);
      if (re < 0) return 'request has no closing quote';
      let ua = '';
      if (buf[re + 1] === SP && buf[re + 2] === QUOTE) {
        const ue = closingQuote(buf, re + 3, end);
        if (ue >= 0) ua = strOrEmpty(buf, re + 3, ue);
      }
      const request = buf.toString('latin1', i + 1, re);
      const parts = request.split(' ');
      const method = parts.length >= 2 ? parts[0]! : '';
      const target = parts.length >= 2 ? parts[1]! : '';
      let host: string | undefined;
      let pathAndQuery = target;
      const m = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)(\/.*)?$/i.exec(target);
      if (m) {
        host = m[1]!;
        pathAndQuery = m[2] ?? '/';
      }
      const [path, query] = splitQuery(pathAndQuery);
      const clientField = strOrEmpty(buf, s[skip + 2]!, e[skip + 2]!);
      const upstream = strOrEmpty(buf, s[skip + 3]!, e[skip + 3]!);
      const st = parseUint(buf, s[skip + 7]!, e[skip + 7]!);
      const rec: AccessRecord = {
        timeMs,
        utcOffsetMinutes,
        client: stripPort(clientField),
        method,
        path,
        query,
        status: st < 0 ? 0 : st,
        userAgent: ua,
        file,
        line,
      };
      if (host !== undefined) rec.host = host;
      if (upstream) rec.upstream = upstream;
      return rec;
    },
  };
}

function stripPort(a: string): string {
  const c = a.lastIndexOf(':');
  if (c < 0) return a;
  // IPv6 without brackets has several colons and no port in ALB logs: keep as is.
  return a.indexOf(':') === c ? a.slice(0, c) : a;
}
