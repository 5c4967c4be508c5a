import { describe, expect, it } from 'vitest';
import { DEFAULT_GAP_FACTOR, findHealthCheckGaps } from './health-check-gaps';
import { ProbeStore, type ProbeInput } from './probe-store';

const T0 = Date.UTC(2022, 3, 29, 22, 0, 0);
const isOk = (s: number) => s >= 200 && s < 300;

/** Two balancer nodes every 15 s for an hour; `status` decides each probe (null = no line). */
function probes(status: (t: number, src: string) => number | null, object: string | null = null, offset = 540): ProbeInput[] {
  const out: ProbeInput[] = [];
  let line = 0;
  for (let t = T0; t < T0 + 3_600_000; t += 1000) {
    for (const [src, phase] of [['10.0.0.1', 0], ['10.0.0.2', 7000]] as const) {
      if ((t - T0 - phase) % 15_000 !== 0) continue;
      line++;
      const st = status(t, src);
      if (st !== null) out.push({ timeMs: t, status: st, source: src, file: 'access.log', line, utcOffsetMinutes: offset, object });
    }
  }
  return out;
}

const run = (p: ProbeInput[], k?: number) => {
  const s = ProbeStore.from(p);
  return findHealthCheckGaps(s, s.sortedRows(), { isOk, ...(k !== undefined ? { gapFactor: k } : {}) });
};

describe('findHealthCheckGaps', () => {
  it('silence: probes stop; the outage runs from the last 2xx to the first 2xx (METHODS.md §2)', () => {
    const from = T0 + 600_000;
    const to = from + 300_000;
    const g = run(probes((t) => (t > from && t < to ? null : 200)));
    expect(g.outages).toHaveLength(1);
    const o = g.outages[0]!;
    expect(o.evidence.kind).toBe('silence');
    expect(o.evidence.failedProbes).toBe(0);
    expect(o.evidence.firstFailed).toBeNull();
    expect(o.startMs).toBe(from);
    expect(o.endMs).toBeGreaterThanOrEqual(to);
    expect(o.seconds).toBe((o.endMs - o.startMs) / 1000);
    expect(o.utcOffsetMinutes).toBe(540);
    expect(o.evidence.intervalMs).toEqual({ '10.0.0.1': 15_000, '10.0.0.2': 15_000 });
    expect(o.evidence.gapFactor).toBe(DEFAULT_GAP_FACTOR);
    expect(g.intervals.map((i) => i.intervalMs)).toEqual([15_000, 15_000]);
  });

  it('failing: probes keep coming but get 502, with full evidence', () => {
    const from = T0 + 600_000;
    const g = run(probes((t) => (t > from && t < from + 200_000 ? 502 : 200)));
    expect(g.outages).toHaveLength(1);
    const e = g.outages[0]!.evidence;
    expect(e.kind).toBe('failing');
    expect(e.statusCounts).toEqual({ '502': e.failedProbes });
    expect(e.failedProbes).toBeGreaterThanOrEqual(25);
    expect(e.sources).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(e.lastOkBefore!.timeMs).toBeLessThanOrEqual(from);
    expect(e.firstFailed!.timeMs).toBeGreaterThan(from);
    expect(e.firstFailed!.status).toBe(502);
    expect(e.lastFailed!.timeMs).toBeLessThan(from + 200_000);
    expect(e.firstOkAfter!.status).toBe(200);
    expect(e.firstOkAfter!.file).toBe('access.log');
    expect(e.firstOkAfter!.line).toBeGreaterThan(e.lastFailed!.line);
  });

  it('mixed: failing probes and then silence', () => {
    const from = T0 + 600_000;
    const g = run(probes((t) => (t > from && t < from + 60_000 ? 404 : t >= from + 60_000 && t < from + 400_000 ? null : 200)));
    expect(g.outages).toHaveLength(1);
    expect(g.outages[0]!.evidence.kind).toBe('mixed');
    expect(g.outages[0]!.evidence.statusCounts['404']).toBeGreaterThan(0);
  });

  it('a single failed probe, or a short blip, is not an outage under the default k; a smaller k finds it', () => {
    const single = probes((t, s) => (t === T0 + 600_000 && s === '10.0.0.1' ? 502 : 200));
    expect(run(single).outages).toHaveLength(0);
    const blip = probes((t) => (t > T0 + 600_000 && t <= T0 + 640_000 ? 502 : 200)); // 40 s: 2–3 cadences
    expect(run(blip).outages).toHaveLength(0);
    expect(run(blip, 2).outages).toHaveLength(1);
  });

  it('one failing node while the other answers 2xx is not an outage (no 2xx from ANY source)', () => {
    expect(run(probes((t, s) => (s === '10.0.0.1' && t > T0 + 600_000 ? 503 : 200))).outages).toHaveLength(0);
  });

  it('finds outages per object, never letting one object end another object\'s gap', () => {
    const a = probes((t) => (t > T0 + 600_000 && t < T0 + 900_000 ? 502 : 200), 'was1');
    const b = probes(() => 200, 'was2');
    const g = run([...a, ...b]);
    expect(g.outages.map((o) => o.object)).toEqual(['was1']);
    expect(run([...a, ...b].map((p) => ({ ...p, object: null }))).outages).toHaveLength(0);
  });

  it('a stretch without 2xx at the edge of the logs is reported as an open gap, not an outage', () => {
    const end = run(probes((t) => (t > T0 + 3_000_000 ? 502 : 200)));
    expect(end.outages).toHaveLength(0);
    expect(end.openGaps).toMatchObject([{ object: null, edge: 'end', fromMs: T0 + 3_000_000 }]);
    expect(end.openGaps[0]!.failedProbes).toBeGreaterThan(70);
    const start = run(probes((t) => (t < T0 + 300_000 ? null : t < T0 + 600_000 ? 503 : 200)));
    expect(start.openGaps).toMatchObject([{ edge: 'start' }]);
    expect(run(probes(() => 500)).openGaps).toMatchObject([{ edge: 'all' }]);
    expect(run(probes(() => 200)).openGaps).toEqual([]);
  });
});
