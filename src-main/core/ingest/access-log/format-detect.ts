import { VigilError } from '../../../../shared/errors';
import type { AccessLogFormatId } from './access-record';
import { createAwsLbFormat } from './aws-alb-format';
import { createCombinedFormat, parseCombinedLine } from './combined-format';
import { createIisW3cFormat } from './iis-w3c-format';
import type { LineFormat } from './line-format';
import { createPatternFormat } from './log-pattern';

export function createFormat(id: AccessLogFormatId, pattern?: string): LineFormat {
  switch (id) {
    case 'combined':
    case 'common':
      return createCombinedFormat(id);
    case 'iis-w3c':
      return createIisW3cFormat();
    case 'aws-alb':
    case 'aws-elb-classic':
      return createAwsLbFormat(id);
    case 'pattern':
      if (!pattern) throw new VigilError('UNSUPPORTED_FORMAT', 'format "pattern" needs a pattern', { hint: 'Pass e.g. %h %l %u %t "%r" %>s %b' });
      return createPatternFormat(pattern);
  }
}

const ALB_TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
const ISO_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * Guesses the format from the first lines of a (decompressed) sample: `#Software`/`#Fields`
 * → IIS W3C; `type ISO-time elb …` → ALB; `ISO-time elb …` → classic ELB; a line our
 * combined scanner accepts → combined (or common when no line has a user agent).
 * Returns null when nothing fits; the caller turns that into UNSUPPORTED_FORMAT with the file.
 */
export function detectFormat(sample: Buffer): AccessLogFormatId | null {
  let start = 0;
  let seen = 0;
  let combined = 0;
  let withAgent = 0;
  while (start < sample.length && seen < 50) {
    let end = sample.indexOf(10, start);
    const last = end < 0;
    if (last) end = sample.length;
    let e = end;
    if (e > start && sample[e - 1] === 13) e--;
    if (e > start) {
      const text = sample.toString('latin1', start, Math.min(e, start + 200));
      if (text.startsWith('#Software:') || text.startsWith('#Fields:') || text.startsWith('#Version:')) return 'iis-w3c';
      if (!text.startsWith('#')) {
        seen++;
        const w = text.split(' ');
        if (ALB_TYPES.has(w[0] ?? '') && ISO_RE.test(w[1] ?? '')) return 'aws-alb';
        if (ISO_RE.test(w[0] ?? '') && /:\d+$/.test(w[2] ?? '')) return 'aws-elb-classic';
        const r = parseCombinedLine(sample, start, e, 0, '');
        if (r && typeof r === 'object') {
          combined++;
          const q = sample.indexOf('" "', start);
          if (r.userAgent || (q >= 0 && q < e)) withAgent++;
        }
      }
    }
    if (last) break;
    start = end + 1;
  }
  if (combined > 0 && combined >= seen / 2) return withAgent > 0 ? 'combined' : 'common';
  return null;
}
