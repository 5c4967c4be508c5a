import type { AccessRecord } from './access-record';
import { HASH, parseUint, SP, TAB, strOrEmpty } from './byte-utils';
import type { LineFormat } from './line-format';
import { parsedTime, parseDateAndTime } from './log-time';

/**
 * IIS / W3C Extended Log File Format. Columns are declared by `#Fields:` and IIS rewrites the
 * directive block whenever the worker process reopens the log, so a new `#Fields:` may appear
 * anywhere and replaces the column map from the next line on. `date`/`time` are UTC (IIS
 * default). Spaces inside values are written as `+` (user agent).
 */
export function createIisW3cFormat(): LineFormat {
  let cols: Columns | null = null;
  let maxCol = -1;
  const starts: number[] = [];
  const ends: number[] = [];

  return {
    id: 'iis-w3c',
    parse(buf, start, end, line, file): AccessRecord | string | null {
      if (end <= start) return null;
      if (buf[start] === HASH) {
        if (buf.toString('latin1', start, Math.min(end, start + 8)) === '#Fields:') {
          const names = buf.toString('latin1', start + 8, end).trim().split(/\s+/);
          const next = columnsFrom(names);
          if (typeof next === 'string') {
            cols = null;
            return next;
          }
          cols = next;
          maxCol = names.length - 1;
        }
        return null;
      }
      if (!cols) return 'data line before any #Fields: directive';
      const c = cols;
      // Split on spaces (tabs tolerated) into the reusable start/end arrays.
      let n = 0;
      let s = start;
      for (let i = start; i <= end; i++) {
        const b = i < end ? buf[i] : SP;
        if (b === SP || b === TAB) {
          starts[n] = s;
          ends[n] = i;
          n++;
          s = i + 1;
        }
      }
      if (n !== maxCol + 1) return `expected ${maxCol + 1} fields from #Fields:, got ${n}`;
      const f = (k: number): [number, number] => [starts[k]!, ends[k]!];
      const [ds, de] = f(c.date);
      const [ts, te] = f(c.time);
      if (!parseDateAndTime(buf, ds, de, ts, te)) return 'date/time is not yyyy-mm-dd HH:MM:SS';
      const timeMs = parsedTime.ms;
      const get = (k: number): string => (k < 0 ? '' : strOrEmpty(buf, starts[k]!, ends[k]!));
      let status = 0;
      if (c.status >= 0) {
        status = parseUint(buf, starts[c.status]!, ends[c.status]!);
        if (status < 0) return 'sc-status is not a number';
      }
      const rec: AccessRecord = {
        timeMs,
        utcOffsetMinutes: 0,
        client: get(c.client),
        method: get(c.method),
        path: get(c.path),
        query: get(c.query),
        status,
        userAgent: get(c.userAgent).replace(/\+/g, ' '),
        file,
        line,
      };
      if (c.host >= 0) rec.host = get(c.host);
      if (c.server >= 0) rec.server = get(c.server);
      return rec;
    },
  };
}

interface Columns {
  date: number;
  time: number;
  client: number;
  method: number;
  path: number;
  query: number;
  status: number;
  userAgent: number;
  host: number;
  server: number;
}

function columnsFrom(names: string[]): Columns | string {
  const at = (n: string) => names.findIndex((x) => x.toLowerCase() === n);
  const c: Columns = {
    date: at('date'),
    time: at('time'),
    client: at('c-ip'),
    method: at('cs-method'),
    path: at('cs-uri-stem'),
    query: at('cs-uri-query'),
    status: at('sc-status'),
    userAgent: at('cs(user-agent)'),
    host: at('cs-host'),
    server: at('s-ip'),
  };
  if (c.date < 0 || c.time < 0) return '#Fields: lacks date and time';
  if (c.path < 0 || c.status < 0) return '#Fields: lacks cs-uri-stem or sc-status';
  return c;
}
