import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../../shared/errors';
import type { AccessRecord } from './access-record';
import { readAccessLog, type ReadAccessLogOptions } from './access-log-reader';
import { detectFormat } from './format-detect';
import { chunked, gz } from './testing/log-fixtures';

const L = (i: number, extra = '') => `10.0.0.${i % 250} - - [13/Jul/2021:15:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i}${extra} HTTP/1.1" 200 ${i} "-" "agent ${i}"`;
const lines = (n: number) => Array.from({ length: n }, (_, i) => L(i + 1)).join('\n') + '\n';

async function read(data: AsyncIterable<Buffer>, o: Partial<ReadAccessLogOptions> = {}) {
  const recs: AccessRecord[] = [];
  const res = await readAccessLog(data, { file: 'access.log', onRecord: (r) => recs.push(r), ...o });
  return { res, recs };
}

async function rejection(p: Promise<unknown>): Promise<VigilError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VigilError);
    return e as VigilError;
  }
  throw new Error('expected a rejection');
}

describe('readAccessLog: streaming, line numbers, encodings', () => {
  it('gives exact 1-based line numbers whatever the chunking, and handles CRLF and a missing final newline', async () => {
    const text = lines(500).replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    for (const size of [1, 7, 100, 4096, 1 << 20]) {
      const { res, recs } = await read(chunked(text, size));
      expect(res.lines).toBe(500);
      expect(recs).toHaveLength(500);
      expect(recs[0]!.line).toBe(1);
      expect(recs[499]!.line).toBe(500);
      expect(recs[499]!.userAgent).toBe('agent 500'); // no stray \r
      expect(recs.every((r, i) => r.path === `/p/${i + 1}`)).toBe(true);
    }
  });

  it('counts blank lines so line numbers stay exact', async () => {
    const { res, recs } = await read(chunked(`${L(1)}\n\n\r\n${L(2)}\n`));
    expect(res.lines).toBe(4);
    expect(recs.map((r) => r.line)).toEqual([1, 4]);
  });

  it('detects gzip by magic bytes, not by name, including concatenated members', async () => {
    const a = lines(300);
    const data = Buffer.concat([gz(a), gz(L(999) + '\n')]);
    const { res, recs } = await read(chunked(data, 333), { file: 'access.log.1' });
    expect(res.gzip).toBe(true);
    expect(res.lines).toBe(301);
    expect(recs[300]!.path).toBe('/p/999');
  });

  it('truncated gzip: error names the file and how far it got; keeps the lines only when asked', async () => {
    const full = gz(lines(20000));
    const cut = full.subarray(0, Math.floor(full.length * 0.6));
    const err = await rejection(read(chunked(cut, 4096), { file: 'access.log.2.gz' }));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toMatch(/access\.log\.2\.gz: gzip data ends early \(truncated file\) after \d+ complete lines/);
    expect(err.where?.file).toBe('access.log.2.gz');
    expect(err.hint).toMatch(/onTruncated/);
    const { res, recs } = await read(chunked(cut, 4096), { file: 'access.log.2.gz', onTruncated: 'keep' });
    expect(res.truncated).not.toBeNull();
    expect(res.truncated!.linesRead).toBeGreaterThan(1000);
    expect(recs).toHaveLength(res.truncated!.linesRead);
    expect(err.message).toContain(`after ${res.truncated!.linesRead} complete lines`);
  });

  it('corrupt gzip is a PARSE_ERROR too', async () => {
    const g = gz(lines(100));
    const bad = Buffer.from(g);
    for (let i = 20; i < 60; i++) bad[i] = 0xff;
    const err = await rejection(read(chunked(bad)));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toMatch(/access\.log: gzip data (is corrupt|ends early)/);
  });

  it('binary garbage is UNSUPPORTED_FORMAT, plain or gzipped, and a NUL mid-file names its line', async () => {
    const junk = randomBytes(200_000);
    expect((await rejection(read(chunked(junk)))).code).toBe('UNSUPPORTED_FORMAT');
    expect((await rejection(read(chunked(gz(junk))))).code).toBe('UNSUPPORTED_FORMAT');
    const mid = Buffer.concat([Buffer.from(lines(2000)), Buffer.from([0x41, 0, 0x42, 10])]);
    const e = await rejection(read(chunked(mid, 1000)));
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
    expect(e.where).toMatchObject({ file: 'access.log', line: 2001, column: 2 });
  });

  it('non-binary text that is no access log is UNSUPPORTED_FORMAT; empty input is EMPTY_INPUT', async () => {
    const e = await rejection(read(chunked('hello\nthis is a readme\n')));
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
    expect(e.message).toMatch(/access\.log: not a recognised access-log format/);
    expect((await rejection(read(chunked('')))).code).toBe('EMPTY_INPUT');
    expect((await rejection(read(chunked(gz(''))))).code).toBe('EMPTY_INPUT');
    expect((await read(chunked(''), { allowEmpty: true })).res.lines).toBe(0);
  });

  it('a 10 MB line neither blows up nor shifts line numbers', async () => {
    const huge = L(2, '?' + 'x'.repeat(10 * 1024 * 1024));
    const text = `${L(1)}\n${huge}\n${L(3)}\n`;
    const before = process.memoryUsage().rss;
    const { res, recs } = await read(chunked(text, 64 * 1024));
    expect(res.lines).toBe(3);
    expect(res.oversizedLines).toBe(1);
    expect(recs.map((r) => r.line)).toEqual([1, 3]);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    // With a larger limit the same line is parsed (one copy, no quadratic concatenation).
    const big = await read(chunked(text, 64 * 1024), { maxLineBytes: 16 * 1024 * 1024 });
    expect(big.recs.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(big.recs[1]!.query.length).toBe(10 * 1024 * 1024);
  });

  it('strict mode throws the first malformed line with file, line and column; a wrong format fails as a whole', async () => {
    const text = `${L(1)}\nnot a log line\n${L(3)}\n`;
    const { res } = await read(chunked(text));
    expect(res.malformedLines).toBe(1);
    const e = await rejection(read(chunked(text), { strict: true }));
    expect(e.where).toMatchObject({ file: 'access.log', line: 2, column: 1 });
    const iis = '#Fields: date time cs-uri-stem sc-status\n' + Array.from({ length: 300 }, () => 'garbage line').join('\n');
    const w = await rejection(read(chunked(iis)));
    expect(w.code).toBe('PARSE_ERROR');
    expect(w.message).toMatch(/do not parse as iis-w3c/);
  });

  it('candidate filter: only health-check-looking lines are parsed, every line is counted', async () => {
    const text = [
      L(1),
      '10.0.0.1 - - [13/Jul/2021:15:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla"',
      '10.0.0.1 - - [13/Jul/2021:15:00:01 +0000] "GET /?x=1 HTTP/1.1" 200 1 "-" "Mozilla"',
      '10.0.0.2 - - [13/Jul/2021:15:00:02 +0000] "GET /custom/hc HTTP/1.1" 200 1 "-" "kube-probe/1.27"',
      '10.0.0.2 - - [13/Jul/2021:15:00:03 +0000] "GET /healthzz HTTP/1.1" 200 1 "-" "x"',
      '10.0.0.2 - - [13/Jul/2021:15:00:04 +0000] "GET /healthz HTTP/1.1" 200 1 "-" "x"',
      'garbage that is never parsed',
    ].join('\n');
    const { res, recs } = await read(chunked(text), { candidates: { paths: ['/', '/healthz'], userAgentMarkers: ['kube-probe'] } });
    expect(res.lines).toBe(7);
    expect(recs.map((r) => r.line)).toEqual([2, 3, 4, 6]);
    expect(res.malformedLines).toBe(0);
  });
});

describe('detectFormat', () => {
  it('recognises each format from a sample', () => {
    expect(detectFormat(Buffer.from(lines(3)))).toBe('combined');
    expect(detectFormat(Buffer.from('1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET / HTTP/1.1" 200 446\n'))).toBe('common');
    expect(detectFormat(Buffer.from('#Software: Microsoft Internet Information Services 8.5\n'))).toBe('iis-w3c');
    expect(detectFormat(Buffer.from('h2 2018-07-02T22:23:00.186641Z app/x 1.2.3.4:1 - -1 -1 -1 200 - 1 2 "GET https://a/ HTTP/2.0" "-"\n'))).toBe('aws-alb');
    expect(detectFormat(Buffer.from('2015-05-13T23:39:43.945958Z lb 1.2.3.4:2817 10.0.0.1:80 0 0 0 200 200 0 29 "GET http://a/ HTTP/1.1" "-" - -\n'))).toBe('aws-elb-classic');
    expect(detectFormat(Buffer.from('just text\n'))).toBeNull();
  });
});

describe('readAccessLog: resources', () => {
  it('closes the source when it stops early (binary data in line 2)', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from(`${L(1)}\n`);
        yield Buffer.from([0x41, 0, 10]);
        for (let i = 0; i < 1000; i++) yield Buffer.from(`${L(i)}\n`);
      } finally {
        closed = true;
      }
    }
    await expect(read(source(), { format: 'combined' })).rejects.toThrow(/binary data/);
    expect(closed).toBe(true);
    closed = false;
    await expect(read(source(), { format: 'combined' })).rejects.toThrow();
    expect(closed).toBe(true);
  });
});
