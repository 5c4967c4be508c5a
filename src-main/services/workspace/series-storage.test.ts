import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ObjectSeries } from '../../../shared/domain/series';
import { WORKSPACE_DB, type Workspace } from './duckdb-workspace';
import { MIGRATIONS } from './migrations';
import { listSeries, readSeries, writeSeries } from './series-store';
import { DecimalScan } from './counter-storage';
import { tempWorkspaces } from './temp-workspaces';
import { mulberry32 } from '../../core/windows/prng';

// How counter columns are stored (DECIMAL(9, s) when exact, else DOUBLE) and that every value
// reads back bit for bit, through imports that widen a column, a failed import, and the
// migration that moved the grid step out of the rows.

const temp = tempWorkspaces('store');
const fresh = temp.fresh;

const STEP = 300_000;
function series(object: string, counters: string[], t0: number, T: number, f: (i: number, k: number) => number, cadenceMs = STEP): ObjectSeries {
  const values = new Float64Array(T * counters.length);
  for (let i = 0; i < T; i++) for (let k = 0; k < counters.length; k++) values[i * counters.length + k] = f(i, k);
  return { object, objType: 'tomcat', counters, cadenceMs, times: Float64Array.from({ length: T }, (_, i) => t0 + i * cadenceMs), values };
}

/** Column types of `series` by counter name. */
async function types(ws: Workspace): Promise<Record<string, string>> {
  const rows = await ws.all(
    `SELECT c.name, t.data_type FROM counters c JOIN duckdb_columns() t ON t.table_name = 'series' AND t.schema_name = 'main' AND t.column_name = c.col ORDER BY c.position`,
  );
  return Object.fromEntries(rows.map((r) => [String(r['name']), String(r['data_type'])]));
}

/** Every value of `s` read back identically (Object.is: NaN = NaN, -0 ≠ 0). */
async function expectExact(ws: Workspace, s: ObjectSeries): Promise<void> {
  const back = await readSeries(ws, s.object, { counters: s.counters, fromMs: s.times[0]!, toMs: s.times[s.times.length - 1]! });
  expect(back?.counters).toEqual(s.counters);
  expect(Array.from(back!.times)).toEqual(Array.from(s.times));
  const bad: string[] = [];
  for (let p = 0; p < s.values.length; p++) {
    if (!Object.is(back!.values[p], s.values[p])) bad.push(`row ${Math.floor(p / s.counters.length)} ${s.counters[p % s.counters.length]}: ${s.values[p]} read back as ${back!.values[p]}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}


describe('DecimalScan', () => {
  it('finds the smallest exact scale and gives up on what a 32-bit decimal cannot hold', () => {
    const scan = (xs: number[]) => {
      const s = new DecimalScan();
      s.add(Float64Array.from(xs), 0, 1, xs.length);
      return s.result();
    };
    expect(scan([1, 2, 3000])).toEqual({ kind: 'decimal', scale: 0 });
    expect(scan([1454, 0.1, 12.25, NaN])).toEqual({ kind: 'decimal', scale: 2 });
    expect(scan([0.29, 1234567.89])).toEqual({ kind: 'decimal', scale: 2 }); // 0.29·100 = 28.999999999999996 in doubles
    expect(scan([9_999_999.99])).toEqual({ kind: 'decimal', scale: 2 });
    expect(scan([10_000_000.01])).toEqual({ kind: 'double' }); // 1,000,000,001 > 999,999,999
    expect(scan([1 / 3])).toEqual({ kind: 'double' });
    expect(scan([1209.2133333333333])).toEqual({ kind: 'double' }); // a resampled mean
    expect(scan([-0])).toEqual({ kind: 'double' }); // would read back as +0
    expect(scan([Infinity])).toEqual({ kind: 'double' });
    expect(scan([NaN, NaN])).toEqual({ kind: 'decimal', scale: 0 }); // nothing to hold
  });
});

describe('series storage', () => {
  it('stores short decimals as DECIMAL(9, s), anything else as DOUBLE, and reads every value back exactly', async () => {
    const ws = await fresh();
    const counters = ['ActiveService', 'TPS', 'HeapUsed', 'ElapsedTime', 'Mean', 'Big'];
    const s = series('/WAS/A', counters, Date.UTC(2021, 8, 28), 5000, (i, k) => {
      if (i % 97 === k) return NaN; // missing
      if (i % 101 === 0) return 0; // a real zero
      switch (k) {
        case 0:
          return i % 50; // integers
        case 1:
          return Math.round(i * 7.77) / 100; // `#,###.##`
        case 2:
          return Math.round(i * 1234.5) / 10 + 0.5; // one decimal
        case 3:
          return -i / 1000; // three decimals, negative
        case 4:
          return i / 7; // resampled mean: not a short decimal
        default:
          return 1e12 + i; // too large for 32 bits
      }
    });
    await ws.transaction((tx) => writeSeries(tx, [s]));
    expect(await types(ws)).toEqual({
      ActiveService: 'DECIMAL(9,0)',
      TPS: 'DECIMAL(9,2)',
      HeapUsed: 'DECIMAL(9,1)',
      ElapsedTime: 'DECIMAL(9,3)',
      Mean: 'DOUBLE',
      Big: 'DOUBLE',
    });
    await expectExact(ws, s);
    const [summary] = await listSeries(ws);
    expect(summary).toMatchObject({ object: '/WAS/A', rows: 5000, cadenceMs: STEP, counters });
    expect(summary!.missing).toBe(counters.reduce((a, _, k) => a + Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 97 === k).length, 0));
    // The long view reads the same numbers as DOUBLE.
    const long = await ws.all(`SELECT value, typeof(value) AS t FROM series_long WHERE counter = 'TPS' AND t_ms = $1`, [s.times[123]!]);
    expect(long).toEqual([{ value: s.values[123 * counters.length + 1], t: 'DOUBLE' }]);
  });

  it('round-trips random values of random precision exactly (one import per seed)', async () => {
    const ws = await fresh();
    for (let seed = 1; seed <= 4; seed++) {
      const rnd = mulberry32(seed);
      const C = 6;
      const scale = Array.from({ length: C }, () => Math.floor(rnd() * 8)); // 0–7; 7 = arbitrary double
      const s = series(`/R/${seed}`, Array.from({ length: C }, (_, k) => `R${seed}_${k}`), 1e12, 3000, (_, k) => {
        if (rnd() < 0.05) return NaN;
        const x = (rnd() - 0.3) * 10 ** (1 + Math.floor(rnd() * 7));
        return scale[k]! === 7 ? x : Math.round(x * 10 ** scale[k]!) / 10 ** scale[k]!;
      });
      await ws.transaction((tx) => writeSeries(tx, [s]));
      await expectExact(ws, s);
    }
    // Both storages were exercised.
    const kinds = new Set(Object.values(await types(ws)).map((t) => t.replace(/\(.*/, '')));
    expect([...kinds].sort()).toEqual(['DECIMAL', 'DOUBLE']);
  });

  it('widens a column when a later import needs more digits, keeping what was stored', async () => {
    const ws = await fresh();
    const day = 288;
    const a = series('/WAS/A', ['TPS'], 0, day, (i) => i / 10); // one decimal
    const b = series('/WAS/B', ['TPS'], 0, day, (i) => i / 1000); // three decimals
    const c = series('/WAS/C', ['TPS'], 0, day, (i) => i * 12_345.678); // ≥ 10^6 with three decimals: no 32-bit decimal
    await ws.transaction((tx) => writeSeries(tx, [a]));
    expect(await types(ws)).toEqual({ TPS: 'DECIMAL(9,1)' });
    await ws.transaction((tx) => writeSeries(tx, [b]));
    expect(await types(ws)).toEqual({ TPS: 'DECIMAL(9,3)' });
    await ws.transaction((tx) => writeSeries(tx, [c]));
    expect(await types(ws)).toEqual({ TPS: 'DOUBLE' });
    for (const s of [a, b, c]) await expectExact(ws, s);
    // Values that fit as stored leave the type alone.
    const d = series('/WAS/D', ['TPS'], 0, day, (i) => i);
    await ws.transaction((tx) => writeSeries(tx, [d]));
    expect(await types(ws)).toEqual({ TPS: 'DOUBLE' });
    await expectExact(ws, d);
  });

  it('widens to DOUBLE when the stored values leave no room for more decimals', async () => {
    const ws = await fresh();
    const a = series('/WAS/A', ['HeapUsed'], 0, 100, (i) => 900_000 + i); // 6 integer digits
    const b = series('/WAS/B', ['HeapUsed'], 0, 100, (i) => i / 10_000); // 4 decimals: 6 + 4 > 9
    await ws.transaction((tx) => writeSeries(tx, [a]));
    expect(await types(ws)).toEqual({ HeapUsed: 'DECIMAL(9,0)' });
    await ws.transaction((tx) => writeSeries(tx, [b]));
    expect(await types(ws)).toEqual({ HeapUsed: 'DOUBLE' });
    await expectExact(ws, a);
    await expectExact(ws, b);
  });

  it('merges a later import into stored decimal rows of the same object and time range', async () => {
    const ws = await fresh();
    await ws.transaction((tx) => writeSeries(tx, [series('/WAS/A', ['TPS', 'GcCount'], 0, 10, (i, k) => (k === 0 ? i / 100 : i))]));
    await ws.transaction((tx) => writeSeries(tx, [series('/WAS/A', ['GcCount'], 0, 10, (i) => (i === 2 ? NaN : 100.5 + i))]));
    expect(await types(ws)).toEqual({ TPS: 'DECIMAL(9,2)', GcCount: 'DECIMAL(9,1)' });
    const back = await readSeries(ws, '/WAS/A');
    expect(Array.from(back!.values.subarray(0, 8))).toEqual([0, 100.5, 0.01, 101.5, 0.02, NaN, 0.03, 103.5]);
  });

  it('a failed import leaves column types, values and the grid step as they were', async () => {
    const ws = await fresh();
    const a = series('/WAS/A', ['TPS'], 0, 500, (i) => i / 10);
    await ws.transaction((tx) => writeSeries(tx, [a]));
    await expect(
      ws.transaction(async (tx) => {
        await writeSeries(tx, [series('/WAS/A', ['TPS', 'GcTime'], 0, 3000, (i) => i / 1000, 2000), series('/WAS/B', ['TPS'], 0, 3000, (i) => i / 7)]);
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect(await types(ws)).toEqual({ TPS: 'DECIMAL(9,1)' });
    await expectExact(ws, a);
    expect(await listSeries(ws)).toEqual([expect.objectContaining({ object: '/WAS/A', rows: 500, cadenceMs: STEP, counters: ['TPS'] })]);
  });
});

describe('migration 3: the grid step moves from every row to series_cadence', () => {
  it('keeps a workspace written before it readable, with the same values and step', async () => {
    const d = temp.dir('store-old');
    // A workspace as the earlier schema left it: per-row cadence_ms, DOUBLE counter columns.
    const instance = await DuckDBInstance.create(join(d, WORKSPACE_DB));
    const conn = await instance.connect();
    await conn.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at_ms DOUBLE)');
    for (const m of MIGRATIONS.filter((x) => x.version < 3)) {
      for (const sql of m.sql) await conn.run(sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.version, m.name]);
    }
    await conn.run(`INSERT INTO objects VALUES (0, '/WAS/A', 'tomcat'), (1, '/WAS/B', 'tomcat')`);
    await conn.run(`ALTER TABLE series ADD COLUMN c0 DOUBLE`);
    await conn.run(`INSERT INTO counters VALUES ('TPS', 'c0', 0)`);
    await conn.run(`INSERT INTO series SELECT 0, i * 300000, 300000, i / 7 FROM range(100) t(i)`);
    await conn.run(`INSERT INTO series SELECT 1, i * 2000, 2000, CASE WHEN i = 5 THEN NULL ELSE i END FROM range(50) t(i)`);
    conn.closeSync();
    instance.closeSync();

    const ws = await temp.open(d);
    expect((await ws.all(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'series' ORDER BY column_index`)).map((r) => r['column_name'])).toEqual(['object_id', 't_ms', 'c0']);
    expect(await listSeries(ws)).toEqual([
      expect.objectContaining({ object: '/WAS/A', rows: 100, cadenceMs: 300_000, missing: 0 }),
      expect.objectContaining({ object: '/WAS/B', rows: 50, cadenceMs: 2000, missing: 1 }),
    ]);
    const a = await readSeries(ws, '/WAS/A');
    expect(a?.cadenceMs).toBe(300_000);
    expect(a?.values[3]).toBe(3 / 7);
    // New imports go on writing into the old DOUBLE column.
    const more = series('/WAS/A', ['TPS'], 100 * 300_000, 10, (i) => i / 100);
    await ws.transaction((tx) => writeSeries(tx, [more]));
    expect(await types(ws)).toEqual({ TPS: 'DOUBLE' });
    await expectExact(ws, more);
  });
});
