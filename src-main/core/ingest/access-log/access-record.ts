import type { EpochMs } from '../../../../shared/domain/time';

/** Formats the reader understands. `auto` = detect from the first 64 KiB (format-detect.ts). */
export type AccessLogFormatId = 'combined' | 'common' | 'iis-w3c' | 'aws-alb' | 'aws-elb-classic' | 'pattern';
export type AccessLogFormatOption = AccessLogFormatId | 'auto';

/**
 * One parsed request line. Only what labelling needs (METHODS.md §2): when, who asked, what,
 * and the answer. Strings are decoded as latin1 for speed (log bytes are ASCII in practice;
 * non-ASCII bytes survive as code points 128–255 and round-trip).
 */
export interface AccessRecord {
  /** Instant of the request, epoch ms UTC (offset already applied). */
  timeMs: EpochMs;
  /** Minutes east of UTC as the log wrote the time (`+0900` → 540; IIS/ALB are UTC → 0). */
  utcOffsetMinutes: number;
  /** Client address (`%h`, `c-ip`, ALB `client` without port). */
  client: string;
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** HTTP status the client got; 0 = not recorded (`-`). */
  status: number;
  /** `''` when the log has no user agent or it is `-`. */
  userAgent: string;
  /** Requested host (`%v`, `%{Host}i`, `cs-host`, host part of the ALB request URL). */
  host?: string;
  /** Upstream/target (`$upstream_addr`, ALB `target:port`). */
  upstream?: string;
  /** The server that wrote the line (IIS `s-ip`, `%A`). */
  server?: string;
  file: string;
  /** 1-based line number in the decompressed file. */
  line: number;
}

/** A record-level field an outage can be attributed to (object mapping, health-check-gaps.ts). */
export type RecordObjectField = 'host' | 'upstream' | 'server';
