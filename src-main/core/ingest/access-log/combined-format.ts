import type { AccessRecord } from './access-record';
import { closingQuote, DASH, LBRACKET, parseUint, QUOTE, RBRACKET, SP, splitQuery, str, strOrEmpty } from './byte-utils';
import type { LineFormat } from './line-format';
import { parsedTime, parseClfTime } from './log-time';

/**
 * Apache/nginx `common` and `combined` (and nginx variants that append more quoted fields,
 * e.g. Elastic Beanstalk's `main` = combined + `"$http_x_forwarded_for"`):
 *
 *   host ident user [dd/Mon/yyyy:HH:MM:SS ±zzzz] "METHOD /path HTTP/x" status bytes ["referer" "user-agent" …]
 *
 * Hand-written byte scanner (no regex, no per-field strings until a line is accepted).
 */
export function createCombinedFormat(id: 'combined' | 'common' = 'combined'): LineFormat {
  return {
    id,
    parse: parseCombinedLine,
    requestPathStart: combinedRequestPathStart,
  };
}

/** First byte of the request path: after the first `"` and the method. */
export function combinedRequestPathStart(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] !== LBRACKET) i++;
  // `[dd/Mon/yyyy:HH:MM:SS +zzzz]` is fixed width: jump over it instead of scanning it.
  // `[` + 26 characters + `]`, then ` "`.
  if (buf[i + 27] === RBRACKET && buf[i + 29] === QUOTE) i += 30;
  else {
    // Unusual line: the first quote opens the request (host/ident/user/[time] hold none).
    i = start;
    while (i < end && buf[i] !== QUOTE) i++;
    i++;
  }
  const lim = Math.min(end, i + 24);
  while (i < lim && buf[i] !== SP) i++;
  return i < lim ? i + 1 : -1;
}

export function parseCombinedLine(buf: Buffer, start: number, end: number, line: number, file: string): AccessRecord | string | null {
  if (end <= start) return null;
  let i = start;
  while (i < end && buf[i] !== SP) i++;
  if (i >= end) return 'no space after the client address';
  const client = str(buf, start, i);
  // ident and user: skip to the opening bracket of the time.
  while (i < end && buf[i] !== LBRACKET) i++;
  if (i >= end) return 'no [time] field';
  const ts = i + 1;
  let te = ts;
  while (te < end && buf[te] !== RBRACKET) te++;
  if (te >= end || !parseClfTime(buf, ts, te)) return 'time is not dd/Mon/yyyy:HH:MM:SS ±zzzz';
  const timeMs = parsedTime.ms;
  const utcOffsetMinutes = parsedTime.offsetMinutes;
  i = te + 1;
  if (buf[i] !== SP || buf[i + 1] !== QUOTE) return 'no quoted request after the time';
  const rs = i + 2;
  const re = closingQuote(buf, rs, end);
  if (re < 0) return 'request has no closing quote';
  // Request: METHOD SP target SP protocol. Scanners send junk ("-", binary): keep it, method ''.
  let method = '';
  let path = '';
  let query = '';
  const m = indexOfSp(buf, rs, re);
  if (m > rs) {
    method = str(buf, rs, m);
    let t = indexOfSp(buf, m + 1, re);
    if (t < 0) t = re;
    [path, query] = splitQuery(str(buf, m + 1, t));
  } else {
    path = strOrEmpty(buf, rs, re);
  }
  i = re + 1;
  if (buf[i] !== SP) return 'no status after the request';
  i++;
  let se = i;
  while (se < end && buf[se] !== SP) se++;
  let status = parseUint(buf, i, se);
  if (status < 0) {
    if (se - i === 1 && buf[i] === DASH) status = 0;
    else return 'status is not a number';
  }
  // bytes (may be '-'), then optional "referer" "user-agent".
  i = se + 1;
  while (i < end && buf[i] !== SP) i++;
  let userAgent = '';
  if (i + 1 < end && buf[i + 1] === QUOTE) {
    const fe = closingQuote(buf, i + 2, end);
    if (fe >= 0 && buf[fe + 1] === SP && buf[fe + 2] === QUOTE) {
      const ue = closingQuote(buf, fe + 3, end);
      if (ue >= 0) userAgent = strOrEmpty(buf, fe + 3, ue);
    }
  }
  return { timeMs, utcOffsetMinutes, client, method, path, query, status, userAgent, file, line };
}

function indexOfSp(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === SP) return i;
  return -1;
}
