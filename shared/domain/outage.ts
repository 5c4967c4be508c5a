import type { EpochMs } from './time';

/** One health-check line that the outage table cites as evidence. */
export interface ProbeRef {
  timeMs: EpochMs;
  /** HTTP status the probe got (0 = none recorded). */
  status: number;
  /** Load-balancer address (client IP) that sent the probe. */
  source: string;
  file: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
}

/**
 * Why Vigil believes the server was down (METHODS.md §2): no 2xx health-check answer
 * from any source for longer than k × the learned probe interval.
 */
export interface OutageEvidence {
  /** Balancer sources seen probing around the gap. */
  sources: string[];
  /** Learned probe interval per source, ms. */
  intervalMs: Record<string, number>;
  /** k: the gap had to exceed k × interval. */
  gapFactor: number;
  lastOkBefore: ProbeRef | null;
  firstFailed: ProbeRef | null;
  lastFailed: ProbeRef | null;
  firstOkAfter: ProbeRef | null;
  /** Count of failed probes inside the gap, per status code ("502": 24). */
  statusCounts: Record<string, number>;
  failedProbes: number;
  /** silence = no probe lines at all; failing = probes answered non-2xx; mixed = both. */
  kind: 'silence' | 'failing' | 'mixed';
}

export interface Outage {
  id: string;
  /** Object the outage belongs to; null = applies to every object. */
  object: string | null;
  /** Last 2xx before the gap (the paper's time_from). */
  startMs: EpochMs;
  /** First 2xx after the gap (the paper's time_to). */
  endMs: EpochMs;
  seconds: number;
  /** The log's own UTC offset, minutes, for printing times as the log wrote them. */
  utcOffsetMinutes: number;
  evidence: OutageEvidence;
}
