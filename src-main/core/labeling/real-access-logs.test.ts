/**
 * The real logs in ../shared/datasets/access-logs (not copied into the project: licences).
 * Skipped cleanly when the folder is absent.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInOffset } from '../../../shared/domain/time';
import { findAccessLogOutages } from './access-log-outages';

const DIR = join(import.meta.dirname, '../../../../shared/datasets/access-logs/aws-alb-elb-healthchecker-nginx-tomcat');
const open = (name: string) => ({ file: name, open: () => createReadStream(join(DIR, name)) });

describe.skipIf(!existsSync(DIR))('real ALB → nginx log (13–14 Jul 2021)', () => {
  it('finds the 13 Jul 19:17–19:24 UTC 404 outage with its evidence, and nothing else under defaults', async () => {
    const r = await findAccessLogOutages([open('nginx__access.log.gz')]);
    expect(r.files[0]).toMatchObject({ lines: 11469, malformedLines: 0, gzip: true, format: 'combined' });
    expect(r.healthCheck).toEqual({ method: 'GET', path: '/', statusClass: '2xx', userAgentPattern: 'ELB-HealthChecker' });
    expect(r.probes).toBe(11052);
    expect(r.okProbes).toBe(10996);
    expect(r.intervals.map((i) => [i.source, i.intervalMs, i.probes])).toEqual([
      ['172.31.29.20', 15_000, 5530],
      ['172.31.90.138', 15_000, 5522],
    ]);
    expect(r.outages).toHaveLength(1);
    expect(r.openGaps).toEqual([]);
    expect(r.warnings).toEqual([]);
    const o = r.outages[0]!;
    expect(formatInOffset(o.startMs, o.utcOffsetMinutes)).toBe('2021-07-13 19:17:28');
    expect(formatInOffset(o.endMs, o.utcOffsetMinutes)).toBe('2021-07-13 19:24:14');
    expect(o.seconds).toBe(406);
    expect(o.utcOffsetMinutes).toBe(0);
    const e = o.evidence;
    expect(e.kind).toBe('failing');
    expect(e.statusCounts).toEqual({ '404': 52 });
    expect(e.failedProbes).toBe(52);
    expect(e.sources).toEqual(['172.31.29.20', '172.31.90.138']);
    expect(e.intervalMs).toEqual({ '172.31.29.20': 15_000, '172.31.90.138': 15_000 });
    expect(e.gapFactor).toBe(4);
    expect(formatInOffset(e.firstFailed!.timeMs, 0)).toBe('2021-07-13 19:17:39');
    expect(formatInOffset(e.lastFailed!.timeMs, 0)).toBe('2021-07-13 19:23:58');
    expect(e.firstFailed).toMatchObject({ status: 404, file: 'nginx__access.log.gz' });
    expect(e.lastOkBefore!.status).toBe(200);
    expect(e.firstOkAfter!.line).toBeGreaterThan(e.lastFailed!.line);
  });

  it('the four single failed 502 probes are there, but are not outages under the default k', async () => {
    // 56 probes failed: 52 × 404 in the stretch plus four lone 502s during deploys.
    const d = await findAccessLogOutages([open('nginx__access.log.gz')]);
    expect(d.probes - d.okProbes).toBe(56);
    // The two nodes interleave (6 s / 9 s apart), so a lone failure leaves a 15 s stretch without
    // a 2xx: only an absurdly tight k (< 1 cadence) calls those outages …
    const r = await findAccessLogOutages([open('nginx__access.log.gz')], { gapFactor: 0.9 });
    const blips = r.outages.filter((o) => o.evidence.statusCounts['502']);
    expect(blips.map((o) => formatInOffset(o.evidence.firstFailed!.timeMs, 0).slice(11))).toEqual(['19:04:51', '19:11:13', '19:42:14', '14:07:03']);
    expect(blips.every((o) => o.evidence.failedProbes === 1 && o.seconds >= 15 && o.seconds <= 16)).toBe(true);
    // … and the default k = 4 leaves only the 404 stretch.
    expect(d.outages.map((o) => o.evidence.statusCounts)).toEqual([{ '404': 52 }]);
  });

  it('the Tomcat access log behind nginx (common format, no user agent, all from 127.0.0.1) gives the same outage', async () => {
    // Detected by cadence alone: GET / from one address, the two ALB nodes merged (6–9 s apart).
    const r = await findAccessLogOutages([open('tomcat__localhost_access_log.txt.gz')]);
    expect(r.files[0]!.format).toBe('common');
    expect(r.healthCheck).toEqual({ method: 'GET', path: '/', statusClass: '2xx', clients: ['127.0.0.1'] });
    expect(r.intervals.map((i) => i.intervalMs)).toEqual([7_000]);
    expect(r.outages).toHaveLength(1);
    const o = r.outages[0]!;
    expect([formatInOffset(o.startMs, 0), formatInOffset(o.endMs, 0), o.seconds]).toEqual(['2021-07-13 19:17:28', '2021-07-13 19:24:14', 406]);
    expect(o.evidence.statusCounts).toEqual({ '404': 52 });
  });
});
