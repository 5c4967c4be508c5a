import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../ingest/access-log/access-record';
import { candidateGroup, detectHealthCheck, matchesHealthCheck } from './health-check';
import { ProbeStore } from './probe-store';

const rec = (o: Partial<AccessRecord>): AccessRecord => ({
  timeMs: 0, utcOffsetMinutes: 0, client: '10.0.0.1', method: 'GET', path: '/', query: '', status: 200, userAgent: '', file: 'f', line: 1, ...o,
});

function storeOf(recs: AccessRecord[]): ProbeStore {
  const s = new ProbeStore();
  for (const r of recs) s.add({ timeMs: r.timeMs, status: r.status, source: r.client, file: r.file, line: r.line, utcOffsetMinutes: 0, object: null, group: candidateGroup(r) });
  return s;
}

const every = (n: number, ms: number, o: Partial<AccessRecord>) => Array.from({ length: n }, (_, i) => rec({ timeMs: i * ms, ...o }));

describe('health-check detection', () => {
  for (const [agent, path] of [['ELB-HealthChecker/2.0', '/'], ['kube-probe/1.27', '/healthz'], ['GoogleHC/1.0', '/']] as const) {
    it(`detects ${agent} probes on ${path}`, () => {
      const recs = [...every(50, 10_000, { userAgent: agent, path }), ...every(200, 997, { client: '1.2.3.4', userAgent: 'Mozilla', path: '/' })];
      const d = detectHealthCheck(storeOf(recs))!;
      expect(d.definition).toEqual({ method: 'GET', path, statusClass: '2xx', userAgentPattern: agent.split('/')[0] });
      expect(d.reason).toMatch(/50 requests/);
    });
  }

  it('falls back to a plain GET / from a few addresses at a steady cadence', () => {
    const recs = [
      ...every(60, 5_000, { client: '10.0.0.1', userAgent: '-' }),
      ...every(60, 5_000, { client: '10.0.0.2', userAgent: '-' }).map((r) => ({ ...r, timeMs: r.timeMs + 2_000 })),
      // browsers on / at random times are not probes
      ...[3, 70, 71, 200, 460, 1000, 1001, 1002, 5000, 9000, 9100, 9999].map((t) => rec({ client: '198.51.100.7', timeMs: t * 997, userAgent: 'Mozilla' })),
    ];
    const d = detectHealthCheck(storeOf(recs))!;
    expect(d.definition).toEqual({ method: 'GET', path: '/', statusClass: '2xx', clients: ['10.0.0.1', '10.0.0.2'] });
  });

  it('returns null when nothing looks like a health check', () => {
    const recs = [0, 1, 5, 90, 91, 300, 700, 701, 702, 2000, 2100, 5000].map((t) => rec({ timeMs: t * 1000, userAgent: 'Mozilla' }));
    expect(detectHealthCheck(storeOf(recs))).toBeNull();
  });

  it('matches records against a definition (method, path, clients, agent substring or RegExp)', () => {
    const def = { method: 'GET', path: '/', statusClass: '2xx' as const, clients: ['10.0.0.1'], userAgentPattern: 'ELB-HealthChecker' };
    expect(matchesHealthCheck(rec({ userAgent: 'ELB-HealthChecker/2.0' }), def)).toBe(true);
    expect(matchesHealthCheck(rec({ userAgent: 'ELB-HealthChecker/2.0', client: '10.0.0.9' }), def)).toBe(false);
    expect(matchesHealthCheck(rec({ userAgent: 'Mozilla' }), def)).toBe(false);
    expect(matchesHealthCheck(rec({ userAgent: 'kube-probe/1.2' }), { ...def, clients: [], userAgentPattern: /^kube-probe\// })).toBe(true);
    expect(matchesHealthCheck(rec({ method: 'HEAD', userAgent: 'ELB-HealthChecker/2.0' }), def)).toBe(false);
  });
});
