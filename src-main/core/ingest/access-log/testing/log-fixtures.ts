/** Test helpers: hand bytes to the reader the way a file stream would, in chosen chunk sizes. */
import { gzipSync } from 'node:zlib';

export async function* chunked(data: Buffer | string, chunkSize = 64 * 1024): AsyncGenerator<Buffer> {
  const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  for (let i = 0; i < b.length; i += chunkSize) yield b.subarray(i, Math.min(b.length, i + chunkSize));
}

export function gz(text: string | Buffer): Buffer {
  return gzipSync(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `dd/Mon/yyyy:HH:MM:SS ±hhmm` for an instant, written in `offsetMinutes`. */
export function clfTime(ms: number, offsetMinutes = 0): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const a = Math.abs(offsetMinutes);
  const off = `${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(a / 60))}${p(a % 60)}`;
  return `${p(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${off}`;
}

export interface ProbeLogSpec {
  startMs: number;
  endMs: number;
  /** Balancer addresses, each probing every `intervalMs` (staggered). */
  sources?: string[];
  intervalMs?: number;
  agent?: string;
  path?: string;
  /** Status for a probe at `t` from `source` (default 200); null = no probe line (silence). */
  statusAt?: (t: number, source: string) => number | null;
  /** Extra traffic lines per probe. */
  trafficPerProbe?: number;
  offsetMinutes?: number;
  /** Extra (quoted) field appended, as in Elastic Beanstalk's nginx `main` format. */
  forwardedFor?: boolean;
}

/** A combined-format log of balancer probes plus browser traffic, in time order. */
export function probeLog(spec: ProbeLogSpec): string {
  const sources = spec.sources ?? ['10.0.0.1', '10.0.0.2'];
  const iv = spec.intervalMs ?? 15_000;
  const agent = spec.agent ?? 'ELB-HealthChecker/2.0';
  const path = spec.path ?? '/';
  const off = spec.offsetMinutes ?? 0;
  const xff = spec.forwardedFor ? ' "-"' : '';
  const lines: string[] = [];
  let k = 0;
  for (let t = spec.startMs; t < spec.endMs; t += 1000) {
    for (let s = 0; s < sources.length; s++) {
      const phase = Math.floor((s * iv) / sources.length / 1000) * 1000;
      if ((t - spec.startMs - phase) % iv !== 0 || t - spec.startMs < phase) continue;
      const st = spec.statusAt ? spec.statusAt(t, sources[s]!) : 200;
      if (st !== null) lines.push(`${sources[s]} - - [${clfTime(t, off)}] "GET ${path} HTTP/1.1" ${st} 446 "-" "${agent}"${xff}`);
      for (let j = 0; j < (spec.trafficPerProbe ?? 1); j++) {
        k++;
        lines.push(`203.0.113.${k % 250} - - [${clfTime(t, off)}] "GET /page/${k} HTTP/1.1" 200 ${1000 + k} "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"${xff}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
