/**
 * Health-check candidate lines, kept columnar so a year of probes (≈ 4 M rows at 8 probes a
 * minute) costs ~30 bytes each instead of an object per line. Strings are interned.
 */
export class StringTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(s);
      this.ids.set(s, i);
    }
    return i;
  }
  name(i: number): string {
    return this.names[i]!;
  }
}

export interface ProbeInput {
  timeMs: number;
  status: number;
  source: string;
  file: string;
  line: number;
  utcOffsetMinutes: number;
  /** null = the outage applies to every object. */
  object: string | null;
  /** What kind of request this was (`GET /` + user-agent family), used by detection. */
  group?: string;
}

export class ProbeStore {
  size = 0;
  timeMs = new Float64Array(1024);
  status = new Uint16Array(1024);
  source = new Uint32Array(1024);
  file = new Uint32Array(1024);
  line = new Uint32Array(1024);
  offset = new Int16Array(1024);
  /** -1 = null object. */
  object = new Int32Array(1024);
  group = new Uint32Array(1024);
  readonly sources = new StringTable();
  readonly files = new StringTable();
  readonly objects = new StringTable();
  readonly groups = new StringTable();

  static from(probes: ProbeInput[]): ProbeStore {
    const s = new ProbeStore();
    for (const p of probes) s.add(p);
    return s;
  }

  add(p: ProbeInput): void {
    this.push(
      p.timeMs,
      p.status,
      this.sources.id(p.source),
      this.files.id(p.file),
      p.line,
      p.utcOffsetMinutes,
      p.object === null ? -1 : this.objects.id(p.object),
      this.groups.id(p.group ?? ''),
    );
  }

  push(timeMs: number, status: number, source: number, file: number, line: number, offset: number, object: number, group: number): void {
    if (this.size === this.timeMs.length) this.grow();
    const i = this.size++;
    this.timeMs[i] = timeMs;
    this.status[i] = status;
    this.source[i] = source;
    this.file[i] = file;
    this.line[i] = line;
    this.offset[i] = offset;
    this.object[i] = object;
    this.group[i] = group;
  }

  /** Keeps only the rows `keep` accepts, in order (in place; string tables are left as they are). */
  retain(keep: (row: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (!keep(r)) continue;
      if (w !== r) {
        this.timeMs[w] = this.timeMs[r]!;
        this.status[w] = this.status[r]!;
        this.source[w] = this.source[r]!;
        this.file[w] = this.file[r]!;
        this.line[w] = this.line[r]!;
        this.offset[w] = this.offset[r]!;
        this.object[w] = this.object[r]!;
        this.group[w] = this.group[r]!;
      }
      w++;
    }
    this.size = w;
  }

  private grow(): void {
    const n = this.timeMs.length * 2;
    const g = <T extends Float64Array | Uint16Array | Uint32Array | Int16Array | Int32Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(n);
      b.set(a);
      return b;
    };
    this.timeMs = g(this.timeMs, Float64Array);
    this.status = g(this.status, Uint16Array);
    this.source = g(this.source, Uint32Array);
    this.file = g(this.file, Uint32Array);
    this.line = g(this.line, Uint32Array);
    this.offset = g(this.offset, Int16Array);
    this.object = g(this.object, Int32Array);
    this.group = g(this.group, Uint32Array);
  }

  /**
   * Row indices (optionally only those `keep` accepts) in time order. Ties break on file name
   * then line, so rotated files handed in any order give the same sequence.
   */
  sortedRows(keep?: (row: number) => boolean): Uint32Array {
    const rows: number[] = [];
    for (let i = 0; i < this.size; i++) if (!keep || keep(i)) rows.push(i);
    const idx = Uint32Array.from(rows);
    const t = this.timeMs;
    const f = this.file;
    const ln = this.line;
    const names = this.files.names;
    idx.sort((a, b) => t[a]! - t[b]! || (f[a] === f[b] ? 0 : names[f[a]!]! < names[f[b]!]! ? -1 : 1) || ln[a]! - ln[b]!);
    return idx;
  }
}
