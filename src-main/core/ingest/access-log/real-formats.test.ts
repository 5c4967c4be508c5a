/**
 * Parses the real IIS and Apache logs in ../shared/datasets/access-logs (not copied into the
 * project: licences). Skipped cleanly when the folder is absent.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AccessRecord } from './access-record';
import { readAccessLog } from './access-log-reader';
import { chunked } from './testing/log-fixtures';

const ROOT = join(import.meta.dirname, '../../../../../shared/datasets/access-logs');
const IIS = join(ROOT, 'iis-w3c-ec2-iis85-webknowit/W3SVC1.tar.gz');
const APACHE = join(ROOT, 'apache-combined-elastic-examples/apache_logs.gz');

/** Minimal ustar reader: regular files only (what `tar czf` of a log folder holds). */
function* tarEntries(tar: Buffer): Generator<{ name: string; data: Buffer }> {
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return;
    const cstr = (s: number, n: number) => h.toString('latin1', s, s + n).replace(/\0.*$/s, '');
    const prefix = cstr(345, 155);
    const name = (prefix ? `${prefix}/` : '') + cstr(0, 100);
    const size = parseInt(cstr(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156]!);
    if (type === '0' || type === '\0') yield { name, data: tar.subarray(off + 512, off + 512 + size) };
    off += 512 + Math.ceil(size / 512) * 512;
  }
}

describe.skipIf(!existsSync(IIS))('real IIS 8.5 W3C logs (W3SVC1, 368 daily files)', () => {
  it('parses every file without errors: 14,318 request rows, repeated #Fields blocks, UTC', async () => {
    const tar = gunzipSync(readFileSync(IIS));
    let files = 0;
    let rows = 0;
    let min = Infinity;
    let max = -Infinity;
    const status = new Map<number, number>();
    for (const { name, data } of tarEntries(tar)) {
      if (!/u_ex\d{6}\.log$/.test(name)) continue;
      files++;
      const res = await readAccessLog(chunked(data), {
        file: name,
        strict: true,
        onRecord: (r: AccessRecord) => {
          rows++;
          min = Math.min(min, r.timeMs);
          max = Math.max(max, r.timeMs);
          status.set(r.status, (status.get(r.status) ?? 0) + 1);
          expect(r.utcOffsetMinutes).toBe(0);
        },
      });
      expect(res.format).toBe('iis-w3c');
      expect(res.malformedLines).toBe(0);
    }
    expect(files).toBe(368);
    expect(rows).toBe(14_318);
    expect(status.get(200)).toBe(7_113);
    expect(status.get(404)).toBe(4_752);
    expect(new Date(min).toISOString().slice(0, 10)).toBe('2015-10-17');
    expect(new Date(max).toISOString().slice(0, 10)).toBe('2016-10-18');
  });
});

describe.skipIf(!existsSync(APACHE))('real Apache combined log (elastic/examples)', () => {
  it('parses all 10,000 lines', async () => {
    const recs: AccessRecord[] = [];
    const res = await readAccessLog(createReadStream(APACHE), { file: 'apache_logs.gz', strict: true, onRecord: (r) => recs.push(r) });
    expect(res).toMatchObject({ format: 'combined', gzip: true, lines: 10_000, records: 10_000, malformedLines: 0 });
    expect(recs.filter((r) => r.status === 200)).toHaveLength(9_126);
    expect(new Date(recs[0]!.timeMs).toISOString()).toBe('2015-05-17T10:05:03.000Z');
    expect(Math.max(...recs.map((r) => r.timeMs))).toBe(Date.UTC(2015, 4, 20, 21, 5, 59));
  });
});
