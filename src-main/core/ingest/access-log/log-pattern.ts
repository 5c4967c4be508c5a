import { VigilError } from '../../../../shared/errors';
import type { AccessRecord } from './access-record';
import { closingQuote, LBRACKET, parseUint, QUOTE, RBRACKET, splitQuery, strOrEmpty } from './byte-utils';
import type { LineFormat } from './line-format';
import { parsedTime, parseClfTime, parseIsoTime } from './log-time';

/**
 * User-supplied line patterns, written as an Apache `LogFormat` string or an nginx `log_format`
 * string, e.g. `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"` or
 * `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_user_agent"`.
 *
 * Supported (everything else that is well-formed is matched and ignored):
 *   client   %h %a %{c}a          $remote_addr $binary_remote_addr $realip_remote_addr
 *   time     %t (with or without [ ]), %{%d/%b/%Y:%H:%M:%S %z}t, %{sec}t, %{msec}t,
 *            ISO 8601 text in %t          $time_local $time_iso8601 $msec
 *   request  %r                   $request
 *   method   %m                   $request_method
 *   path     %U, %U%q (%q = query) $uri $document_uri ($args/$query_string = query) $request_uri
 *   status   %s %>s %<s           $status
 *   agent    %{User-agent}i       $http_user_agent
 *   host     %v %V %{Host}i       $host $http_host $server_name
 *   upstream %{BALANCER_WORKER_NAME}e  $upstream_addr
 *   server   %A                   $server_addr
 *   %% is a literal percent. Modifiers between % and the letter (`%>s`, `%<s`, `%!200s`) are accepted.
 * Rules: two fields need literal text between them (the reader splits on the next literal's
 * first byte); a field right after a `"` may contain `\"` escapes. The pattern must give a time,
 * a status and a path (`%r`, `%U` or `$request_uri`).
 */
type FieldKind =
  | 'client' | 'time' | 'timeSec' | 'timeMsec' | 'request' | 'method' | 'path' | 'pathQuery'
  | 'query' | 'status' | 'userAgent' | 'host' | 'upstream' | 'server' | 'skip';

type Token = { lit: Buffer } | { field: FieldKind; name: string };

const APACHE: Record<string, FieldKind> = {
  h: 'client', a: 'client', t: 'time', r: 'request', m: 'method', U: 'path', q: 'query',
  s: 'status', v: 'host', V: 'host', A: 'server',
};
const APACHE_BRACED: Record<string, FieldKind> = {
  'user-agent': 'userAgent', host: 'host', balancer_worker_name: 'upstream', c: 'client',
  sec: 'timeSec', msec: 'timeMsec', '%d/%b/%y:%h:%m:%s %z': 'time',
};
const NGINX: Record<string, FieldKind> = {
  remote_addr: 'client', binary_remote_addr: 'client', realip_remote_addr: 'client',
  time_local: 'time', time_iso8601: 'time', msec: 'timeMsec', request: 'request',
  request_method: 'method', uri: 'path', document_uri: 'path', request_uri: 'pathQuery',
  args: 'query', query_string: 'query', status: 'status', http_user_agent: 'userAgent',
  host: 'host', http_host: 'host', server_name: 'host', upstream_addr: 'upstream', server_addr: 'server',
};

function patternError(pattern: string, column: number, message: string): VigilError {
  return new VigilError('UNSUPPORTED_FORMAT', `log pattern, column ${column}: ${message}`, {
    where: { field: 'pattern', column },
    hint: `Write the pattern as an Apache LogFormat (%h %t "%r" %>s …) or nginx log_format ($remote_addr [$time_local] "$request" $status …): ${pattern}`,
  });
}

export function compileLogPattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let lit = '';
  const pushLit = () => {
    if (lit) tokens.push({ lit: Buffer.from(lit, 'latin1') });
    lit = '';
  };
  const pushField = (field: FieldKind, name: string, col: number) => {
    const prev = tokens[tokens.length - 1];
    // `%U%q` is Apache's usual idiom (%q prints its own `?`): read it as path + query.
    if (!lit && prev && 'field' in prev && prev.field === 'path' && field === 'query') {
      prev.field = 'pathQuery';
      prev.name += name;
      return;
    }
    if (!lit && prev && 'field' in prev) throw patternError(pattern, col, `${name} follows ${prev.name} with no literal text between them`);
    pushLit();
    tokens.push({ field, name });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const col = i + 1;
    if (c === '%') {
      if (pattern[i + 1] === '%') { lit += '%'; i += 2; continue; }
      let j = i + 1;
      let braced: string | null = null;
      // modifiers: < > ! and status lists like !200,304
      while (j < pattern.length && /[<>!,0-9]/.test(pattern[j]!)) j++;
      if (pattern[j] === '{') {
        const close = pattern.indexOf('}', j);
        if (close < 0) throw patternError(pattern, col, 'unclosed %{');
        braced = pattern.slice(j + 1, close);
        j = close + 1;
      }
      const letter = pattern[j];
      if (!letter || !/[A-Za-z]/.test(letter)) throw patternError(pattern, col, 'a % directive needs a letter');
      const name = pattern.slice(i, j + 1);
      let kind: FieldKind = 'skip';
      if (braced !== null) {
        const k = APACHE_BRACED[braced.toLowerCase()];
        if (letter === 'i' || letter === 'e' || letter === 't' || letter === 'a') {
          if (k) kind = k;
          else if (letter === 't') throw patternError(pattern, col, `time format ${name} is not supported (use %t, %{sec}t or %{msec}t)`);
        }
      } else kind = APACHE[letter] ?? 'skip';
      pushField(kind, name, col);
      i = j + 1;
    } else if (c === '$' && /[A-Za-z_]/.test(pattern[i + 1] ?? '')) {
      let j = i + 1;
      while (j < pattern.length && /[A-Za-z0-9_]/.test(pattern[j]!)) j++;
      const v = pattern.slice(i + 1, j);
      pushField(NGINX[v] ?? 'skip', `$${v}`, col);
      i = j;
    } else if (c === '{' && pattern[i - 1] === '$') {
      throw patternError(pattern, col, 'braced nginx variables ${…} are not supported');
    } else {
      lit += c;
      i++;
    }
  }
  pushLit();
  const has = (...k: FieldKind[]) => tokens.some((t) => 'field' in t && k.includes(t.field));
  if (!has('time', 'timeSec', 'timeMsec')) throw patternError(pattern, 1, 'no time field (%t, $time_local, …)');
  if (!has('status')) throw patternError(pattern, 1, 'no status field (%>s, $status)');
  if (!has('request', 'path', 'pathQuery')) throw patternError(pattern, 1, 'no request or path field (%r, %U, $request, $uri)');
  return tokens;
}

export function createPatternFormat(pattern: string): LineFormat {
  const tokens = compileLogPattern(pattern);
  return {
    id: 'pattern',
    parse(buf, start, end, line, file): AccessRecord | string | null {
      if (end <= start) return null;
      const rec: AccessRecord = {
        timeMs: NaN, utcOffsetMinutes: 0, client: '', method: '', path: '', query: '', status: 0, userAgent: '', file, line,
      };
      let pos = start;
      for (let t = 0; t < tokens.length; t++) {
        const tok = tokens[t]!;
        if ('lit' in tok) {
          const l = tok.lit;
          if (pos + l.length > end || buf.compare(l, 0, l.length, pos, pos + l.length) !== 0) return `expected "${l.toString('latin1')}" at column ${pos - start + 1}`;
          pos += l.length;
          continue;
        }
        const next = tokens[t + 1];
        const prev = tokens[t - 1];
        let fe: number;
        if (tok.field === 'time' && buf[pos] === LBRACKET && !(prev && 'lit' in prev && prev.lit[prev.lit.length - 1] === LBRACKET)) {
          // Apache's %t prints its own brackets.
          let k = pos;
          while (k < end && buf[k] !== RBRACKET) k++;
          if (k >= end) return 'time has no closing ]';
          if (!setTime(rec, 'time', buf, pos + 1, k)) return `time ${tok.name} not understood`;
          pos = k + 1;
          continue;
        }
        if (!next) fe = end;
        else {
          const stop = (next as { lit: Buffer }).lit[0]!;
          const quoted = prev && 'lit' in prev && prev.lit[prev.lit.length - 1] === QUOTE && stop === QUOTE;
          if (quoted) fe = closingQuote(buf, pos, end);
          else {
            fe = pos;
            while (fe < end && buf[fe] !== stop) fe++;
            if (fe >= end) fe = -1;
          }
          if (fe < 0) return `field ${tok.name} is not followed by "${String.fromCharCode(stop)}"`;
        }
        const why = setField(rec, tok.field, buf, pos, fe);
        if (why) return `${tok.name}: ${why}`;
        pos = fe;
      }
      if (pos !== end) return `unexpected text after the pattern at column ${pos - start + 1}`;
      if (Number.isNaN(rec.timeMs)) return 'no time';
      return rec;
    },
  };
}

function setTime(rec: AccessRecord, kind: FieldKind, buf: Buffer, s: number, e: number): boolean {
  if (kind === 'timeSec' || kind === 'timeMsec') {
    const text = buf.toString('latin1', s, e);
    const v = Number(text);
    if (!text || !Number.isFinite(v)) return false;
    // Apache %{msec}t is integer ms; nginx $msec is seconds with a fraction.
    rec.timeMs = kind === 'timeSec' || text.includes('.') ? Math.round(v * 1000) : v;
    rec.utcOffsetMinutes = 0;
    return true;
  }
  if (!parseClfTime(buf, s, e) && !parseIsoTime(buf, s, e)) return false;
  rec.timeMs = parsedTime.ms;
  rec.utcOffsetMinutes = parsedTime.offsetMinutes;
  return true;
}

function setField(rec: AccessRecord, kind: FieldKind, buf: Buffer, s: number, e: number): string | null {
  switch (kind) {
    case 'skip': return null;
    case 'client': rec.client = strOrEmpty(buf, s, e); return null;
    case 'time': case 'timeSec': case 'timeMsec': return setTime(rec, kind, buf, s, e) ? null : 'time not understood';
    case 'request': {
      const r = buf.toString('latin1', s, e);
      const a = r.indexOf(' ');
      if (a > 0) {
        rec.method = r.slice(0, a);
        const b = r.indexOf(' ', a + 1);
        [rec.path, rec.query] = splitQuery(r.slice(a + 1, b < 0 ? r.length : b));
      } else rec.path = r === '-' ? '' : r;
      return null;
    }
    case 'method': rec.method = strOrEmpty(buf, s, e); return null;
    case 'path': rec.path = strOrEmpty(buf, s, e); return null;
    case 'pathQuery': [rec.path, rec.query] = splitQuery(strOrEmpty(buf, s, e)); return null;
    case 'query': { const q = strOrEmpty(buf, s, e); rec.query = q.startsWith('?') ? q.slice(1) : q; return null; }
    case 'status': {
      const v = parseUint(buf, s, e);
      if (v < 0 && !(e - s === 1 && buf[s] === 0x2d)) return 'status is not a number';
      rec.status = Math.max(0, v);
      return null;
    }
    case 'userAgent': rec.userAgent = strOrEmpty(buf, s, e); return null;
    case 'host': rec.host = strOrEmpty(buf, s, e); return null;
    case 'upstream': rec.upstream = strOrEmpty(buf, s, e); return null;
    case 'server': rec.server = strOrEmpty(buf, s, e); return null;
  }
}
