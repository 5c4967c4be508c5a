import type { Command } from 'commander';
import { basename } from 'node:path';
import { findAccessLogOutages, formatOutageTable, DEFAULT_GAP_FACTOR } from '../../core/labeling';
import { expandPaths, readStream } from '../../services/import/input-files';
import { fmtTime } from '../format';

interface GapsOptions {
  k: string;
  method?: string;
  path?: string;
  userAgent?: string;
  client?: string[];
  byField?: 'host' | 'upstream' | 'server';
  perFile?: boolean;
  evidence?: boolean;
}

/** `vigil gaps`: the paper's outage table straight from access logs, no workspace needed. */
export function registerGaps(program: Command): void {
  program
    .command('gaps')
    .description('print the outages found in access logs: stretches with no 2xx health-check answer for longer than k × the probe interval')
    .argument('<logs...>', 'access-log files or folders (plain or .gz, rotated files in any order)')
    .option('-k, --k <factor>', 'gap factor k', String(DEFAULT_GAP_FACTOR))
    .option('--method <m>', 'health-check method (default: detected)')
    .option('--path <p>', 'health-check path (default: detected)')
    .option('--user-agent <text>', 'health-check user agent substring (e.g. ELB-HealthChecker)')
    .option('--client <ip...>', 'health-check client addresses')
    .option('--by-field <field>', 'outages per object from a record field: host, upstream or server')
    .option('--per-file', 'outages per log file (one log per server)')
    .option('--evidence', 'print each outage\'s evidence (probes, statuses, line numbers)')
    .action(async (logs: string[], o: GapsOptions) => {
      const files = expandPaths(logs);
      const hc = o.path || o.method || o.userAgent || o.client
        ? { method: o.method ?? 'GET', path: o.path ?? '/', statusClass: '2xx' as const, ...(o.userAgent ? { userAgentPattern: o.userAgent } : {}), ...(o.client ? { clients: o.client } : {}) }
        : undefined;
      const r = await findAccessLogOutages(
        files.map((f) => ({ file: basename(f), open: () => readStream(f) })),
        { gapFactor: Number(o.k), ...(hc ? { healthCheck: hc } : {}), objects: o.byField ? { by: 'field', field: o.byField } : o.perFile ? { by: 'file' } : { by: 'all' } },
      );
      const out = (t: string) => process.stdout.write(t);
      out(`health check: ${r.healthCheck.method} ${r.healthCheck.path} → 2xx${r.detected ? ` (detected: ${r.detectedReason})` : ''}\n`);
      out(`probes: ${r.probes} (${r.okProbes} answered 2xx); intervals: ${r.intervals.map((i) => `${i.source} ${(i.intervalMs / 1000).toFixed(1)} s`).join(', ')}\n\n`);
      out(`${r.outages.length ? formatOutageTable(r.outages) : 'no outages'}\n`);
      if (o.evidence) {
        for (const x of r.outages) {
          const e = x.evidence;
          const at = (p: typeof e.firstFailed) => (p ? `${fmtTime(p.timeMs, x.utcOffsetMinutes)} ${p.status || '-'} from ${p.source} (${p.file}:${p.line})` : '-');
          out(`\n${fmtTime(x.startMs, x.utcOffsetMinutes)} → ${fmtTime(x.endMs, x.utcOffsetMinutes)} (${x.seconds} s, ${e.kind})\n  last 2xx before: ${at(e.lastOkBefore)}\n  first failed:    ${at(e.firstFailed)}\n  last failed:     ${at(e.lastFailed)}\n  first 2xx after: ${at(e.firstOkAfter)}\n  failed probes: ${e.failedProbes} ${JSON.stringify(e.statusCounts)}\n`);
        }
      }
      for (const g of r.openGaps) out(`note: ${g.object ?? 'all objects'}: no 2xx health check ${g.edge === 'all' ? 'at all' : `at the ${g.edge} of the logs`} (${g.failedProbes} failed probes; not counted as an outage)\n`);
      for (const w of r.warnings) out(`warning: ${w}\n`);
    });
}
