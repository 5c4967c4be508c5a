import type { CandidateFilter } from '../ingest/access-log/access-log-reader';
import type { AccessRecord } from '../ingest/access-log/access-record';
import { learnProbeInterval } from './probe-interval';
import type { ProbeStore } from './probe-store';

/**
 * Which requests are health checks (METHODS.md §2: "which requests are health checks (method,
 * path, status, client address, user agent) … are settings the user sees").
 * `userAgentPattern`: a string is a case-sensitive substring, a RegExp is tested as is.
 */
export interface HealthCheckDefinition {
  method: string;
  path: string;
  /** The answer that means "serving". Only 2xx for now. */
  statusClass: '2xx';
  /** Only probes from these client addresses count (omit = any client). */
  clients?: string[];
  userAgentPattern?: string | RegExp;
}

/** Probe user agents we recognise without being told. */
export const KNOWN_PROBE_AGENTS = [
  'ELB-HealthChecker',
  'kube-probe',
  'GoogleHC',
  'Amazon-Route53-Health-Check-Service',
  'Envoy/HC',
] as const;

/** Paths a probe without a recognisable user agent plausibly uses. */
export const COMMON_HEALTH_PATHS = [
  '/', '/health', '/healthz', '/healthcheck', '/health-check', '/ping', '/status', '/ready', '/readyz', '/livez', '/alive',
] as const;

export function isOkStatus(status: number, cls: HealthCheckDefinition['statusClass']): boolean {
  return cls === '2xx' && status >= 200 && status <= 299;
}

/**
 * Lines worth parsing: with a definition, its path (and its user-agent text, if a plain string);
 * without one, every known probe agent and every common health path, so detection can choose
 * after all files are read (the result then does not depend on the order of the files).
 */
export function candidateFilterFor(def: HealthCheckDefinition | undefined): CandidateFilter {
  if (def) {
    return { paths: [def.path], userAgentMarkers: typeof def.userAgentPattern === 'string' && def.userAgentPattern ? [def.userAgentPattern] : [] };
  }
  return { paths: [...COMMON_HEALTH_PATHS], userAgentMarkers: [...KNOWN_PROBE_AGENTS] };
}

export function matchesHealthCheck(r: AccessRecord, def: HealthCheckDefinition): boolean {
  if (r.method !== def.method || r.path !== def.path) return false;
  if (def.clients && def.clients.length && !def.clients.includes(r.client)) return false;
  const p = def.userAgentPattern;
  if (p !== undefined && p !== '') {
    if (typeof p === 'string' ? !r.userAgent.includes(p) : !p.test(r.userAgent)) return false;
  }
  return true;
}

/** Group key a candidate is filed under for detection: `METHOD path` + tab + probe-agent family. */
export function candidateGroup(r: AccessRecord): string {
  let fam = '';
  for (const a of KNOWN_PROBE_AGENTS) {
    if (r.userAgent.includes(a)) {
      fam = a;
      break;
    }
  }
  return `${r.method} ${r.path}\t${fam}`;
}

export interface DetectedHealthCheck {
  definition: HealthCheckDefinition;
  /** How it was found, for the UI/CLI to show. */
  reason: string;
}

export interface DetectOptions {
  /** At most this many addresses count as "a few" balancer nodes (default 8). */
  maxSources?: number;
  /** A source needs this many requests to have a cadence at all (default 10). */
  minProbes?: number;
  /** Share of inter-arrivals within ±50 % of the median that makes a cadence "steady" (default 0.6). */
  minSteadiness?: number;
}

/**
 * Picks the health-check definition from the candidates (METHODS.md §2):
 * 1. requests from a known probe agent (ELB-HealthChecker, kube-probe, GoogleHC, …): the most
 *    frequent method + path among them;
 * 2. otherwise `GET` on a common health path from a few addresses, each at a steady cadence.
 * Returns null when neither is present.
 */
export function detectHealthCheck(store: ProbeStore, opts: DetectOptions = {}): DetectedHealthCheck | null {
  const maxSources = opts.maxSources ?? 8;
  const minProbes = opts.minProbes ?? 10;
  const minSteady = opts.minSteadiness ?? 0.6;
  const counts = new Map<number, number>();
  for (let i = 0; i < store.size; i++) counts.set(store.group[i]!, (counts.get(store.group[i]!) ?? 0) + 1);
  const groups = [...counts.entries()].map(([g, n]) => {
    const key = store.groups.name(g);
    const [mp = '', fam = ''] = key.split('\t');
    const sp = mp.indexOf(' ');
    return { g, n, method: mp.slice(0, sp), path: mp.slice(sp + 1), fam };
  });
  const byCount = (a: { n: number; method: string; path: string }, b: { n: number; method: string; path: string }) =>
    b.n - a.n || (a.method + a.path < b.method + b.path ? -1 : 1);

  const agentGroups = groups.filter((x) => x.fam && x.method).sort(byCount);
  const best = agentGroups[0];
  if (best) {
    return {
      definition: { method: best.method, path: best.path, statusClass: '2xx', userAgentPattern: best.fam },
      reason: `${best.n} requests "${best.method} ${best.path}" from user agent ${best.fam}`,
    };
  }

  let chosen: { clients: string[]; rows: number; method: string; path: string; intervals: number[] } | null = null;
  for (const x of groups.filter((x) => x.method === 'GET').sort(byCount)) {
    const times = new Map<number, number[]>();
    for (let i = 0; i < store.size; i++) {
      if (store.group[i] !== x.g) continue;
      const s = store.source[i]!;
      let t = times.get(s);
      if (!t) times.set(s, (t = []));
      t.push(store.timeMs[i]!);
    }
    const steady: { src: number; n: number; interval: number }[] = [];
    for (const [src, t] of times) {
      if (t.length < minProbes) continue;
      t.sort((a, b) => a - b);
      const iv = learnProbeInterval(t);
      if (iv && iv.steadiness >= minSteady) steady.push({ src, n: t.length, interval: iv.intervalMs });
    }
    if (!steady.length) continue;
    steady.sort((a, b) => b.n - a.n || a.src - b.src);
    const few = steady.slice(0, maxSources);
    const rows = few.reduce((s, f) => s + f.n, 0);
    if (!chosen || rows > chosen.rows) {
      chosen = { clients: few.map((f) => store.sources.name(f.src)).sort(), rows, method: x.method, path: x.path, intervals: few.map((f) => f.interval) };
    }
  }
  if (!chosen) return null;
  return {
    definition: { method: chosen.method, path: chosen.path, statusClass: '2xx', clients: chosen.clients },
    reason: `${chosen.rows} requests "${chosen.method} ${chosen.path}" at a steady cadence from ${chosen.clients.join(', ')}`,
  };
}
