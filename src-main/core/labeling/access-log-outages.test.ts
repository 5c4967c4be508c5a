import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../shared/errors';
import { chunked, gz, probeLog } from '../ingest/access-log/testing/log-fixtures';
import { baseLogName, findAccessLogOutages, type AccessLogSource } from './access-log-outages';
import { formatOutageTable } from './outage-table';

const T0 = Date.UTC(2021, 6, 13, 18, 0, 0);
const src = (file: string, data: Buffer | string, chunk = 4096): AccessLogSource => ({ file, open: () => chunked(data, chunk) });

function permutations<T>(a: T[]): T[][] {
  if (a.length <= 1) return [a];
  return a.flatMap((x, i) => permutations([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('findAccessLogOutages', () => {
  it('rotated files in any order (access.log.2.gz, access.log.1, access.log) give the same outages', async () => {
    // 3 h of probes; a 502 stretch that crosses the rotation between .2.gz and .1, and a silence later.
    const text = probeLog({
      startMs: T0, endMs: T0 + 3 * 3_600_000, forwardedFor: true,
      statusAt: (t) => (t >= T0 + 3_500_000 && t < T0 + 3_800_000 ? 502 : t >= T0 + 8_000_000 && t < T0 + 8_400_000 ? null : 200),
    });
    const lines = text.trimEnd().split('\n');
    const cut1 = lines.findIndex((l) => l.includes('13/Jul/2021:19:00:'));
    const cut2 = lines.findIndex((l) => l.includes('13/Jul/2021:20:00:'));
    const files = [
      src('access.log.2.gz', gz(lines.slice(0, cut1).join('\n') + '\n')),
      src('access.log.1', lines.slice(cut1, cut2).join('\r\n') + '\r\n'),
      src('access.log', lines.slice(cut2).join('\n')),
    ];
    const results: string[] = [];
    for (const order of permutations(files)) {
      const r = await findAccessLogOutages(order);
      results.push(JSON.stringify(r.outages));
      expect(r.outages).toHaveLength(2);
    }
    expect(new Set(results).size).toBe(1);
    const r = await findAccessLogOutages(files);
    const [failing, silence] = r.outages;
    expect(failing!.evidence.kind).toBe('failing');
    expect(failing!.evidence.statusCounts['502']).toBe(failing!.evidence.failedProbes);
    expect(failing!.evidence.lastOkBefore!.file).toBe('access.log.2.gz');
    expect(failing!.evidence.firstOkAfter!.file).toBe('access.log.1');
    expect(failing!.startMs).toBeLessThan(T0 + 3_500_000);
    expect(failing!.endMs).toBeGreaterThanOrEqual(T0 + 3_800_000);
    expect(silence!.evidence.kind).toBe('silence');
    expect(r.healthCheck).toEqual({ method: 'GET', path: '/', statusClass: '2xx', userAgentPattern: 'ELB-HealthChecker' });
    expect(r.detected).toBe(true);
    expect(r.intervals.map((i) => i.intervalMs)).toEqual([15_000, 15_000]);
  });

  it('keeps the log offset (+0900) for printing, while instants are UTC', async () => {
    const text = probeLog({ startMs: T0, endMs: T0 + 3_600_000, offsetMinutes: 540, statusAt: (t) => (t > T0 + 600_000 && t < T0 + 900_000 ? null : 200) });
    const r = await findAccessLogOutages([src('access.log', text)]);
    const o = r.outages[0]!;
    expect(o.utcOffsetMinutes).toBe(540);
    expect(o.startMs).toBe(T0 + 600_000);
    expect(formatOutageTable(r.outages).split('\n')[2]).toMatch(/^2021-07-14  2021-07-14 03:10:00  2021-07-14 03:15:0\d\s+30\d/);
  });

  it('objects by file: per-server logs, mapped names, rotation suffixes folded', async () => {
    const down = probeLog({ startMs: T0, endMs: T0 + 3_600_000, statusAt: (t) => (t > T0 + 600_000 && t < T0 + 900_000 ? 503 : 200) });
    const up = probeLog({ startMs: T0, endMs: T0 + 3_600_000 });
    const r = await findAccessLogOutages([src('was1/access.log.1', down), src('was2/access.log', up)], {
      objects: { by: 'file', objects: { 'was1/access.log.1': '/MIS-WAS1/MIS-WAS' } },
    });
    expect(r.outages.map((o) => o.object)).toEqual(['/MIS-WAS1/MIS-WAS']);
    expect(baseLogName('logs/access.log.2.gz')).toBe('access.log');
    // The same two logs as one stream: was2 answers, so nothing is down.
    expect((await findAccessLogOutages([src('was1/access.log.1', down), src('was2/access.log', up)])).outages).toHaveLength(0);
  });

  it('objects by a record field (virtual host via a pattern)', async () => {
    const lines: string[] = [];
    for (let t = T0; t < T0 + 3_600_000; t += 10_000) {
      for (const host of ['a.example', 'b.example']) {
        const st = host === 'b.example' && t > T0 + 1_000_000 && t < T0 + 1_500_000 ? 500 : 200;
        lines.push(`${host} 10.0.0.1 [${new Date(t).toISOString()}] "GET /healthz HTTP/1.1" ${st} "kube-probe/1.27"`);
      }
    }
    const r = await findAccessLogOutages([src('ingress.log', lines.join('\n'))], {
      format: 'pattern', pattern: '$host $remote_addr [$time_iso8601] "$request" $status "$http_user_agent"', objects: { by: 'field', field: 'host' },
    });
    expect(r.healthCheck.path).toBe('/healthz');
    expect(r.outages.map((o) => [o.object, o.evidence.statusCounts])).toEqual([['b.example', { '500': 49 }]]);
  });

  it('uses a given definition (clients) and reports when no health checks exist', async () => {
    const text = probeLog({ startMs: T0, endMs: T0 + 3_600_000, sources: ['10.0.0.1', '10.0.0.2'], agent: '-', statusAt: (t, s) => (s === '10.0.0.2' || t < T0 + 1_000_000 || t > T0 + 1_300_000 ? 200 : 500) });
    const def = { method: 'GET', path: '/', statusClass: '2xx' as const, clients: ['10.0.0.1'] };
    const r = await findAccessLogOutages([src('a.log', text)], { healthCheck: def });
    expect(r.detected).toBe(false);
    expect(r.outages).toHaveLength(1);
    expect(r.outages[0]!.evidence.sources).toEqual(['10.0.0.1']);
    // Detected without help: two addresses on GET / at a steady cadence — and then 10.0.0.2 keeps it up.
    const auto = await findAccessLogOutages([src('a.log', text)]);
    expect(auto.healthCheck.clients).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(auto.outages).toHaveLength(0);
    let err: unknown;
    try {
      await findAccessLogOutages([src('b.log', '1.2.3.4 - - [13/Jul/2021:15:08:30 +0000] "GET /x HTTP/1.1" 200 1 "-" "M"\n')]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VigilError);
    expect((err as VigilError).code).toBe('EMPTY_INPUT');
    expect((err as VigilError).message).toMatch(/no health checks found in b\.log/);
  });

  it('learns a probe agent\'s custom path, whichever file shows it first (re-reads earlier files)', async () => {
    const traffic = Array.from({ length: 3000 }, (_, i) => `203.0.113.9 - - [13/Jul/2021:17:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /x HTTP/1.1" 200 1 "-" "M"`).join('\n') + '\n';
    const late = traffic + probeLog({ startMs: T0, endMs: T0 + 1_800_000, path: '/custom/hc', agent: 'kube-probe/1.27', statusAt: (t) => (t > T0 + 600_000 && t < T0 + 900_000 ? 503 : 200) });
    const early = probeLog({ startMs: T0 + 1_800_000, endMs: T0 + 3_600_000, path: '/custom/hc', agent: 'kube-probe/1.27' });
    const window = { bytes: 4096, ms: 0 };
    const a = await findAccessLogOutages([src('access.log.1', late), src('access.log', early)], { markerWindow: window });
    const b = await findAccessLogOutages([src('access.log', early), src('access.log.1', late)], { markerWindow: window });
    expect(a.healthCheck.path).toBe('/custom/hc');
    expect(a.outages).toHaveLength(1);
    expect(JSON.stringify(a.outages)).toBe(JSON.stringify(b.outages));
    expect(a.probes).toBe(b.probes);
  });

  it('truncated gzip: an error by default; with onTruncated "keep" the lines read are used and a warning says so', async () => {
    const text = probeLog({ startMs: T0, endMs: T0 + 3 * 3_600_000, statusAt: (t) => (t > T0 + 600_000 && t < T0 + 900_000 ? 502 : 200) });
    const z = gz(text);
    const cut = z.subarray(0, Math.floor(z.length / 2));
    await expect(findAccessLogOutages([src('access.log.3.gz', cut)])).rejects.toThrow(/access\.log\.3\.gz: gzip data ends early/);
    const r = await findAccessLogOutages([src('access.log.3.gz', cut)], { onTruncated: 'keep' });
    expect(r.outages).toHaveLength(1);
    expect(r.warnings.join('\n')).toMatch(/access\.log\.3\.gz: gzip data ends early \(truncated file\) after \d+ complete lines/);
  });
});
