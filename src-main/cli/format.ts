import { formatInOffset, offsetLabel } from '../../shared/domain/time';

/** A plain-text table with columns padded to their widest cell (CJK counts double). */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - width(cell))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function fmtTime(ms: number | null | undefined, offsetMinutes: number): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '-' : `${formatInOffset(ms, offsetMinutes)} ${offsetLabel(offsetMinutes)}`;
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `07:00-20:00` → minutes; `all` → null. */
export function parseHours(spec: string): { startMinute: number; endMinute: number } | null {
  if (spec === 'all') return null;
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(spec);
  if (!m) throw new Error(`business hours must look like 07:00-20:00 or "all" (got ${spec})`);
  return { startMinute: Number(m[1]) * 60 + Number(m[2]), endMinute: Number(m[3]) * 60 + Number(m[4]) };
}

/** `5m`, `30s`, `1h`, `300000` → ms. */
export function parseDuration(spec: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(spec.trim());
  if (!m) throw new Error(`not a duration: ${spec} (use e.g. 5m, 30s, 2h)`);
  const n = Number(m[1]);
  return n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
}
